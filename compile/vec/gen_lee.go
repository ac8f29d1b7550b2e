package vec

// The box-mean kernels (kernels_lee_amd64.s) come from _asm/lee.go.
//go:generate go run -C _asm . -lee -out ../kernels_lee_amd64.s -stubs ../kernels_lee_stub_amd64.go -pkg vec
