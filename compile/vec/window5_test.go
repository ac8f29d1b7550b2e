package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestWindow5 checks Window5MinNoNaN and Window5MaxNoNaN against their
// portable twins bit for bit (-0 below +0, ±Inf, ties) for every length
// up to 80 and every start, with col exactly long enough (the portable
// loop alone) and with spare capacity holding NaN, which the kernel may
// read but must not let into a result.
func TestWindow5(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	pool := []float64{math.Copysign(0, -1), 0, math.Inf(1), math.Inf(-1), 1, -1, 2.5}
	for n := 0; n <= 80; n++ {
		for _, spare := range []int{0, 16, 40} {
			for start := 0; start < 3; start++ {
				buf := make([]float64, start+n+4+spare)
				for i := range buf {
					if r.IntN(2) == 0 {
						buf[i] = pool[r.IntN(len(pool))]
					} else {
						buf[i] = r.NormFloat64()
					}
				}
				for i := start + n + 4; i < len(buf); i++ {
					buf[i] = math.NaN()
				}
				col := buf[start : start+n+4]
				for _, op := range []struct {
					name      string
					got, want func(out, col []float64)
				}{
					{"min", Window5MinNoNaN, window5MinGeneric},
					{"max", Window5MaxNoNaN, window5MaxGeneric},
				} {
					got, want := make([]float64, n), make([]float64, n)
					op.got(got, col)
					op.want(want, col)
					for i := range want {
						if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
							t.Fatalf("%s n=%d spare=%d start=%d: out[%d] = %v, want %v", op.name, n, spare, start, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}
