//go:build !race

package vec

import (
	"testing"
)

// TestUpperClearF32 is TestUpperClear for the float32 folds: math.Exp
// after them runs as fast as after the portable loops.
func TestUpperClearF32(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	const n = 64
	srcs := make([][]float32, 8)
	for k := range srcs {
		srcs[k] = make([]float32, n)
		for i := range srcs[k] {
			srcs[k][i] = float32(k*n+i) + 1
		}
	}
	dst := make([]float32, n)
	type kernelRun struct {
		name string
		run  func(vector bool)
	}
	runs := []kernelRun{
		{"Colsort3F32", func(v bool) {
			pickF32(v, Colsort3F32, colsort3F32Generic)(srcs[0], srcs[1], srcs[2], srcs[3], srcs[4], srcs[5])
		}},
		{"Med9F32", func(v bool) { pickF32(v, Med9F32, med9F32Generic)(dst[:n-2], srcs[0], srcs[1], srcs[2]) }},
	}
	d64 := make([]float64, n)
	s64 := make([][]float64, 8)
	for k := range s64 {
		s64[k] = make([]float64, n)
	}
	for count := 2; count <= 8; count++ {
		runs = append(runs,
			kernelRun{"FoldMinBoth", func(v bool) { pickF32(v, FoldMinBoth, foldMinGeneric)(d64, s64[:count]) }},
			kernelRun{"FoldMinF32", func(v bool) { pickF32(v, FoldMinF32, foldMinF32Generic)(dst, srcs[:count]) }},
			kernelRun{"FoldMaxF32", func(v bool) { pickF32(v, FoldMaxF32, foldMaxF32Generic)(dst, srcs[:count]) }})
	}
	{
		for _, op := range runs {
			expAfter(t, op.name, op.run)
		}
	}
}

func pickF32[F any](vector bool, vec, gen F) F {
	if vector {
		return vec
	}
	return gen
}
