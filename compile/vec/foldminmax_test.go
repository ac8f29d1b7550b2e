package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFoldMinMaxSeeNaN: FoldMinMaxSeeNaN gives foldMinMaxGeneric's bits
// (Go's min and max: NaN if one is, -0 below +0) over 1 to 9 sources and
// every length from 0 to 40 (the masked tail), with NaN, ±Inf and ±0
// among the values, and reports a NaN whenever there is one (without the
// AVX-512 kernels it always reports one).
func TestFoldMinMaxSeeNaN(t *testing.T) {
	r := rand.New(rand.NewPCG(75, 76))
	specials := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 1, -1}
	for count := 1; count <= 9; count++ {
		for n := 0; n <= 40; n++ {
			for _, nanRate := range []int{0, 5} {
				srcs := make([][]float64, count)
				hasNaN := false
				for k := range srcs {
					srcs[k] = make([]float64, n)
					for i := range srcs[k] {
						srcs[k][i] = float64(r.IntN(7) - 3)
						if r.IntN(4) == 0 {
							srcs[k][i] = specials[1+r.IntN(len(specials)-1)]
						}
						if nanRate > 0 && r.IntN(nanRate*count) == 0 {
							srcs[k][i] = math.NaN()
							hasNaN = true
						}
					}
				}
				mn, mx := make([]float64, n), make([]float64, n+3)
				wmn, wmx := make([]float64, n), make([]float64, n)
				nan := FoldMinMaxSeeNaN(mn, mx, srcs)
				foldMinMaxGeneric(wmn, wmx, srcs)
				for i := range wmn {
					for _, c := range [][2]float64{{mn[i], wmn[i]}, {mx[i], wmx[i]}} {
						if math.Float64bits(c[0]) != math.Float64bits(c[1]) && !(c[0] != c[0] && c[1] != c[1]) {
							t.Fatalf("%d sources, n %d, pixel %d: min %v max %v, want %v %v", count, n, i, mn[i], mx[i], wmn[i], wmx[i])
						}
					}
				}
				if hasNaN && !nan {
					t.Fatalf("%d sources, n %d: a NaN not reported", count, n)
				}
				if !hasNaN && nan && AVX512 && AVX2 && count >= 2 && count <= 8 && n > 0 {
					t.Fatalf("%d sources, n %d: a NaN reported where there is none", count, n)
				}
			}
		}
	}
}
