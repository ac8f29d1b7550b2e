//go:build !race && !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestUpperClearMedian3Wide: after the AVX-512 3x3 median kernels, Go's
// scalar floating point runs at full speed (they end with VZEROUPPER);
// as TestUpperClear.
func TestUpperClearMedian3Wide(t *testing.T) {
	if !AVX512 || !AVX2 {
		t.Skip("no AVX-512 kernels run in this build or on this CPU")
	}
	const n = 256
	rng := rand.New(rand.NewPCG(7, 8))
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = rng.Float64()*4 - 2
	}
	f := [3][]float64{make([]float64, n), make([]float64, n), make([]float64, n)}
	g := [3][]float32{make([]float32, n), make([]float32, n), make([]float32, n)}
	run := func(vector bool) {
		if vector {
			median3x3F32AVX512(g[0][:n-2], g[1], g[2], g[2])
			median3x3F64AVX512(f[0][:n-2], f[1], f[2], f[2])
			median3x3PairF32AVX512(g[0][:n-2], g[1][:n-2], g[2], g[2], g[2], g[2])
			median3x3PairF64AVX512(f[0][:n-2], f[1][:n-2], f[2], f[2], f[2], f[2])
		} else {
			median3x3FloatGeneric(f[0][:1], f[1], f[2], f[2])
			median3x3FloatGeneric(g[0][:1], g[1], g[2], g[2])
		}
	}
	timeRun := func(vector bool) time.Duration {
		start := time.Now()
		for range 20 {
			run(vector)
			for _, x := range xs {
				sink += math.Exp(x)
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
		t.Errorf("median3x3F32AVX512, median3x3F64AVX512 and their pair forms: math.Exp after the vector kernel %v, after the portable one %v: %.1fx slower",
			best[1], best[0], float64(best[1])/float64(best[0]))
	}
}
