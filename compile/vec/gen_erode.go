package vec

// The uint8 3x3 min and max kernels: avo, in _asm/erode.
//go:generate go run -C _asm ./erode -out ../kernels_erode_amd64.s -stubs ../kernels_erode_stub_amd64.go -pkg vec
