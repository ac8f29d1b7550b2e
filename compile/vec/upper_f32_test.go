//go:build !race

package vec

import (
	"math"
	"testing"
	"time"
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
	for count := 2; count <= 8; count++ {
		for _, op := range []struct {
			name        string
			vec, simple func([]float32, [][]float32)
		}{{"FoldMinF32", FoldMinF32, foldMinF32Generic}, {"FoldMaxF32", FoldMaxF32, foldMaxF32Generic}} {
			timeRun := func(vector bool) time.Duration {
				start := time.Now()
				for range 20 {
					if vector {
						op.vec(dst, srcs[:count])
					} else {
						op.simple(dst, srcs[:count])
					}
					for i := range 256 {
						sink += math.Exp(float64(i)/64 - 2)
					}
				}
				return time.Since(start)
			}
			best := [2]time.Duration{1 << 62, 1 << 62}
			for rounds := 0; rounds < 5 || best[1] > 3*best[0] && rounds < 30; rounds++ {
				for v := range best {
					best[v] = min(best[v], timeRun(v == 1))
				}
			}
			if best[1] > 3*best[0] {
				t.Errorf("%s over %d: math.Exp after the vector kernel %v, after the portable one %v: %.1fx slower",
					op.name, count, best[1], best[0], float64(best[1])/float64(best[0]))
			}
		}
	}
}
