package vec

// The folds for clean lines and the test for them: avo, in _asm/f32runs.
//go:generate go run -C _asm ./f32runs -out ../kernels_f32runs_amd64.s -stubs ../kernels_f32runs_stub_amd64.go -pkg vec
