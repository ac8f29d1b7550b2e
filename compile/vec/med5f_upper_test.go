//go:build !race

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestUpperClearMed5f: after the float 5x5 pair kernels (AVX-512 and
// AVX2), Go's scalar floating point runs at full speed (the kernels end
// with VZEROUPPER); as TestUpperClear.
func TestUpperClearMed5f(t *testing.T) {
	if !AVX2 || !haveAsm {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	for _, wide := range []bool{true, false} {
		if wide && !AVX512 {
			continue
		}
		func() {
			defer func(old bool) { AVX512 = old }(AVX512)
			AVX512 = wide
			upperClearMed5f(t, wide)
		}()
	}
}

func upperClearMed5f(t *testing.T, wide bool) {
	const n = 256
	rng := rand.New(rand.NewPCG(7, 9))
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = rng.Float64()*4 - 2
	}
	var f [6][]float32
	var g [6][]float64
	for k := range f {
		f[k], g[k] = make([]float32, n+4), make([]float64, n+4)
	}
	run := func(vector bool) {
		if vector {
			Sort4F32(f[0], f[1], f[2], f[3], f[0], f[1], f[2], f[3])
			Median5x5PairF32(f[4][:n], f[5][:n], f[:4], f[4], f[5])
			Sort4F64(g[0], g[1], g[2], g[3], g[0], g[1], g[2], g[3])
			Median5x5PairF64(g[4][:n], g[5][:n], g[:4], g[4], g[5])
		} else {
			sort4FloatGeneric(f[0], f[1], f[2], f[3], f[0], f[1], f[2], f[3])
			median5x5PairFloatGeneric(f[4][:1], f[5][:1], f[:4], f[4], f[5])
			sort4FloatGeneric(g[0], g[1], g[2], g[3], g[0], g[1], g[2], g[3])
			median5x5PairFloatGeneric(g[4][:1], g[5][:1], g[:4], g[4], g[5])
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
		t.Errorf("wide %v: Sort4F32/F64, Median5x5PairF32/F64: math.Exp after the vector kernel %v, after the portable one %v: %.1fx slower",
			wide, best[1], best[0], float64(best[1])/float64(best[0]))
	}
}
