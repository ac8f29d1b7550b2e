package vec

// The lane program's comparison, logic, selection and rounding kernels: avo, in _asm/pred.
//go:generate go run -C _asm ./pred -out ../kernels_pred_amd64.s -stubs ../kernels_pred_stub_amd64.go -pkg vec
