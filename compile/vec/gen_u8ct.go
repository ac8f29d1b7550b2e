package vec

// The constant-time median kernels (kernels_u8ct_amd64.s) come from _asm/ctmedian.go.
//go:generate go run -C _asm . -ctmed -out ../kernels_u8ct_amd64.s -stubs ../kernels_u8ct_stub_amd64.go -pkg vec
