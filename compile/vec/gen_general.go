package vec

// The AVX-512 blocked sums (kernels_general_amd64.s): avo, in _asm/general.
//go:generate go run -C _asm ./general -out ../kernels_general_amd64.s -stubs ../kernels_general_stub_amd64.go -pkg vec
