package vec

// The five-wide window kernels (kernels_contrast_amd64.s) come from _asm/contrast.go.
//go:generate go run -C _asm . -contrast -out ../kernels_contrast_amd64.s -stubs ../kernels_contrast_stub_amd64.go -pkg vec
