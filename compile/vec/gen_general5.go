package vec

// The 3x3 absolute deviation sum that reads its centre once
// (kernels_general5_amd64.s) comes from _asm/general5.
//go:generate go run -C _asm ./general5 -out ../kernels_general5_amd64.s -stubs ../kernels_general5_stub_amd64.go -pkg vec
