//go:build !race

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

var sink float64

// TestUpperClear: after every vector kernel, Go's scalar floating point
// (SSE) runs at full speed. A kernel that left the upper halves of the
// YMM registers dirty (no VZEROUPPER) would make each SSE instruction
// after it pay the AVX-SSE transition penalty: math.Exp 35 times slower
// on this project's Xeon. The bound is loose (3x, best of up to 30
// rounds) because the machine is shared.
func TestUpperClear(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	const n = 64
	rng := rand.New(rand.NewPCG(7, 8))
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = rng.Float64()*4 - 2
	}
	for _, k := range kernels() {
		s := make([][]float64, k.slices)
		for j := range s {
			s[j] = make([]float64, n+2)
			for i := range s[j] {
				s[j][i] = rng.Float64() + 1
			}
			if len(k.long) == 0 || j == 0 {
				s[j] = s[j][:n]
			}
		}
		timeRun := func(vector bool) time.Duration {
			start := time.Now()
			for range 20 {
				k.run(vector, n, s)
				for _, x := range xs {
					sink += math.Exp(x)
				}
			}
			return time.Since(start)
		}
		best := [2]time.Duration{1 << 62, 1 << 62} // portable, vector
		for rounds := 0; rounds < 5 || best[1] > 3*best[0] && rounds < 30; rounds++ {
			for v := range best {
				best[v] = min(best[v], timeRun(v == 1))
			}
		}
		if best[1] > 3*best[0] {
			t.Errorf("%s: math.Exp after the vector kernel %v, after the portable one %v: %.1fx slower",
				k.name, best[1], best[0], float64(best[1])/float64(best[0]))
		}
	}
}
