package vec

// The integer box sum kernels (kernels_intsum2_amd64.s) come from _asm/intsum2.go.
//go:generate go run -C _asm . -intsum2 -out ../kernels_intsum2_amd64.s -stubs ../kernels_intsum2_stub_amd64.go -pkg vec
