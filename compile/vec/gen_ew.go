package vec

// The lane program's elementwise kernels (abs, neg, sums of |x - mu|, exp).
//go:generate go run -C _asm ./ew -out ../kernels_ew_amd64.s -stubs ../kernels_ew_stub_amd64.go -pkg vec
