package vec

// The typed network kernels (float32 and float64 lanes): avo, in _asm/ball3d.
//go:generate go run -C _asm ./ball3d -out ../kernels_ball3d_amd64.s -stubs ../kernels_ball3d_stub_amd64.go -pkg vec
