package vec

// The uint8 rank kernels (kernels_u8_amd64.s) come from _asm/u8.go.
//go:generate go run -C _asm . -u8 -out ../kernels_u8_amd64.s -stubs ../kernels_u8_stub_amd64.go -pkg vec
