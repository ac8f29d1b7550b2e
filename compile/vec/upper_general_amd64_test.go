//go:build !race && !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestUpperClearGeneral is TestUpperClear for the AVX-512 blocked sums
// and min and max folds and elementwise programs (kernels_general_amd64.s): after each, math.Exp runs at full speed.
func TestUpperClearGeneral(t *testing.T) {
	if !AVX2 || !AVX512 {
		t.Skip("no AVX-512 kernels run in this build or on this CPU")
	}
	const n = 64
	rng := rand.New(rand.NewPCG(19, 20))
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = rng.Float64()*4 - 2
	}
	s := make([][]float64, 10)
	for j := range s {
		s[j] = make([]float64, n)
		for i := range s[j] {
			s[j][i] = rng.Float64() + 1
		}
	}
	d := make([]float64, n)
	var sink float64
	for _, k := range []struct {
		name string
		run  func()
	}{
		{"sumBlocksAVX512", func() { sumBlocksAVX512(d, s[1:]) }},
		{"sumSqBlocksAVX512", func() { sumSqBlocksAVX512(d, s[1:], s[0]) }},
		{"sumAbsDevBlocksAVX512", func() { sumAbsDevBlocksAVX512(d, s[1:], s[0]) }},
		{"sumAbsDev9AVX512", func() { sumAbsDev9AVX512(d, s[1:], s[0]) }},
		{"expFMAAVX512", func() { expFMAAVX512(d, s[1], 0) }},
		{"expFMAAVX512 tail", func() { expFMAAVX512(d[:13], s[1], 0) }},
		{"meanSqBlocksAVX512", func() { meanSqBlocksAVX512(d, s[1:], s[0], 9) }},
		{"foldMinRange5AVX512", func() { foldMinRange5AVX512(d, s[1:6]) }},
		{"foldMaxRange8AVX512", func() { foldMaxRange8AVX512(d, s[1:9]) }},
		{"ewRun4AVX512", func() { ewRun4AVX512(s, EWProgram{}.Op(EWDiv, 0, 1, 2).Op(EWMax, 0, 0, 3), 0, n) }},
		{"ewRunAVX512", func() { ewRunAVX512(s, EWProgram{}.Op(EWMin, 0, 1, 2).Op(EWAbs, 0, 0, 0), 0, n) }},
	} {
		timeRun := func(vector bool) time.Duration {
			start := time.Now()
			for range 20 {
				if vector {
					k.run()
				} else {
					sumBlocksGeneric(d, s[1:], s[0])
				}
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
	_ = sink
}
