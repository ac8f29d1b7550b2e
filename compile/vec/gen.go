package vec

// The assembly and its declarations come from avo (github.com/mmcloughlin/avo)
// in the module _asm, which go build ignores; the unrolled Go from
// _asm/portable. CI fails when a generated file is stale.
//go:generate go run -C _asm . -out ../kernels_amd64.s -stubs ../kernels_stub_amd64.go -pkg vec
//go:generate go run -C _asm ./portable -generic ../fold.go -dispatch ../fold_amd64.go
