package vec

// The filtered-sum kernel (kernels_polish_amd64.s) comes from _asm/filtersum.
//go:generate go run -C _asm ./filtersum -out ../kernels_polish_amd64.s -stubs ../kernels_polish_stub_amd64.go -pkg vec
