package vec

// The float32 kernels: avo, in _asm/f32.
//go:generate go run -C _asm ./f32 -out ../kernels_f32_amd64.s -stubs ../kernels_f32_stub_amd64.go -pkg vec
