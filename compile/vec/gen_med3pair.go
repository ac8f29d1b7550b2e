package vec

// The AVX-512 float 3x3 median kernels (kernels_med3pair_amd64.s) come from _asm/med3pair.go.
//go:generate go run -C _asm . -med3pair -out ../kernels_med3pair_amd64.s -stubs ../kernels_med3pair_stub_amd64.go -pkg vec
