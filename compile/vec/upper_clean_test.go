//go:build !race

package vec

import (
	"testing"
)

// TestUpperClearClean is TestUpperClear for the clean folds, the dirty
// tests and the exact min folds two registers an iteration: math.Exp after them runs as fast as after the portable
// loops.
func TestUpperClearClean(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	const n = 64
	s32 := make([][]float32, 8)
	for k := range s32 {
		s32[k] = make([]float32, n)
		for i := range s32[k] {
			s32[k][i] = float32(k*n+i) + 1
		}
	}
	d32 := make([]float32, n)
	type kernelRun struct {
		name string
		run  func(vector bool)
	}
	runs := []kernelRun{
		{"DirtyF32", func(v bool) { pickF32(v, DirtyF32, dirtyGeneric[float32])(s32[0]) }},
	}
	for count := 2; count <= 8; count++ {
		runs = append(runs,
			kernelRun{"FoldMinCleanF32", func(v bool) { pickF32(v, FoldMinCleanF32, foldMinCleanGeneric[float32])(d32, s32[:count]) }},
			kernelRun{"FoldMaxCleanF32", func(v bool) { pickF32(v, FoldMaxCleanF32, foldMaxCleanGeneric[float32])(d32, s32[:count]) }},
			kernelRun{"FoldMinBothF32", func(v bool) { pickF32(v, FoldMinBothF32, foldMinF32Generic)(d32, s32[:count]) }})
	}
	for _, op := range runs {
		expAfter(t, op.name, op.run)
	}
}
