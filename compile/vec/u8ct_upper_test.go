//go:build !race

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestUpperClearCTMedian: after CTMedianU8 and CTMedianU16, Go's scalar
// floating point runs at full speed (the kernels end with VZEROUPPER); as
// TestUpperClear. CTMedianU8's vector instructions are VEX-128 (which
// clear the upper halves themselves); CTMedianU16's are 256-bit.
func TestUpperClearCTMedian(t *testing.T) {
	if !AVX2 || !haveAsm {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = rng.Float64()*4 - 2
	}
	const P, w = 64, 5
	rows := make([][]uint8, 3)
	for i := range rows {
		rows[i] = make([]uint8, P)
		for x := range rows[i] {
			rows[i][x] = uint8(rng.Uint32())
		}
	}
	coarse, fine := ctHistograms(rows, P)
	coarse16, fine16 := ctHistogramsOf[uint16](rows, P)
	res := make([]uint8, P-w+1)
	var sink float64
	timeRun := func(vector bool) time.Duration {
		start := time.Now()
		for range 20 {
			if vector {
				CTMedianU8(res, coarse, fine, 0, w, 7)
				CTMedianU16(res, coarse16, fine16, 0, w, 7)
			} else {
				ctMedianU8Generic(res, coarse, fine, 0, w, 7)
				ctMedianU16Generic(res, coarse16, fine16, 0, w, 7)
			}
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
		t.Errorf("CTMedianU8, CTMedianU16: math.Exp after the vector kernel %v, after the portable one %v: %.1fx slower (sink %v)",
			best[1], best[0], float64(best[1])/float64(best[0]), sink)
	}
}
