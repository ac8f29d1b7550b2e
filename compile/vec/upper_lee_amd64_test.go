//go:build !race && !purego

package vec

import (
	"math/rand/v2"
	"testing"
)

// TestUpperClearBoxMean is TestUpperClear for the box-mean kernels:
// math.Exp after them runs as fast as after the portable loops.
func TestUpperClearBoxMean(t *testing.T) {
	if !AVX512 {
		t.Skip("no AVX-512 on this CPU")
	}
	rng := rand.New(rand.NewPCG(63, 64))
	for _, w := range []int{5, 7, 9} {
		const n = 64
		src := boxViews(w, n, rng)
		d := make([]float64, n)
		expAfter(t, "boxMean", func(vector bool) {
			if vector {
				if !boxMean(d, src, nil, float64(len(src))) {
					t.Fatal("not taken as a box")
				}
			} else {
				sumBlocksGeneric(d[:8], src, nil)
			}
		})
	}
}
