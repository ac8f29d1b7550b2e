//go:build !race && !purego

package vec

import (
	"math/rand/v2"
	"testing"
)

// TestUpperClearSumFilter is TestUpperClear for the filtered-sum kernels
// (AVX-512, then AVX2 alone): math.Exp after them runs as fast as after
// the portable loop.
func TestUpperClearSumFilter(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(65, 66))
	const n, width = 25, 64
	src, pred := make([][]float64, n), make([][]float64, n)
	for k := range src {
		src[k], pred[k] = make([]float64, width), make([]float64, width)
		for i := range width {
			src[k][i], pred[k][i] = rng.Float64(), float64(rng.IntN(2))
		}
	}
	d, cnt := make([]float64, width), make([]float64, width)
	defer func(w bool) { AVX512 = w }(AVX512)
	for _, wide := range []bool{AVX512, false} {
		AVX512 = wide
		expAfter(t, "SumFilter", func(vector bool) {
			if vector {
				SumFilter(d, cnt, src, pred, 1)
			} else {
				sumFilterGeneric(d, cnt, src, pred, 1, 0)
			}
		})
	}
}
