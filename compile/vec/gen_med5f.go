package vec

// The float 5x5 two-line median kernels (kernels_med5f_amd64.s) come from _asm/med5f.go.
//go:generate go run -C _asm . -med5f -out ../kernels_med5f_amd64.s -stubs ../kernels_med5f_stub_amd64.go -pkg vec
