package vec

// The two-line small-median kernels (kernels_small_amd64.s) come from _asm/small.go.
//go:generate go run -C _asm . -small -out ../kernels_small_amd64.s -stubs ../kernels_small_stub_amd64.go -pkg vec
