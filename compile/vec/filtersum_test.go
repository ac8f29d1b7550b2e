package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSumFilterBits: SumFilter gives the bits of packing the kept
// elements and summing them pairwise (any NaN for a NaN), and their
// count, for len(src) 1 to 40 and 120 to 128, predicates of one per
// element and one per pixel (sb 0), truth values NaN, -0 and the rest,
// values that cancel, NaN, -0 and infinities, and with d and cnt slots
// of src and pred (as the lane program may run it); with the AVX-512
// kernel and the AVX2 one.
func TestSumFilterBits(t *testing.T) {
	defer func(w bool) { AVX512 = w }(AVX512)
	for _, wide := range []bool{AVX512, false} { // the AVX-512 kernel, then the AVX2 one alone
		AVX512 = wide
		testSumFilterBits(t)
	}
}

func testSumFilterBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	counts := []int{128, 127, 120}
	for k := 1; k <= 40; k++ {
		counts = append(counts, k)
	}
	truth := []float64{0, math.Copysign(0, -1), 1, math.NaN(), -2, 0.5}
	const width = 23
	for _, count := range counts {
		for _, sb := range []int{1, 0} {
			for trial := 0; trial < 8; trial++ {
				src := make([][]float64, count)
				pred := make([][]float64, (count-1)*sb+1)
				for k := range src {
					src[k] = make([]float64, width)
					for i := range src[k] {
						if trial == 0 { // all -0: the sum of 8 or more is -0, of fewer +0
							src[k][i] = math.Copysign(0, -1)
						} else if rng.IntN(6) == 0 {
							src[k][i] = predValue(rng)
						} else { // cancelling magnitudes, so the order shows
							src[k][i] = rng.NormFloat64() * math.Ldexp(1, rng.IntN(80)-40)
						}
					}
				}
				keepRate := rng.IntN(5) // some pixels keep all or nothing
				for k := range pred {
					pred[k] = make([]float64, width)
					for i := range pred[k] {
						if rng.IntN(4) < keepRate {
							pred[k][i] = truth[2+rng.IntN(4)]
						} else {
							pred[k][i] = truth[rng.IntN(2)]
						}
					}
				}
				// the specification: pack, then numpy's pairwise sum
				want, wantCnt := make([]float64, width), make([]float64, width)
				packed := make([][]float64, count)
				for k := range packed {
					packed[k] = make([]float64, width)
				}
				for i := range width {
					c := 0
					for k := range src {
						if pred[k*sb][i] != 0 {
							packed[c][i] = src[k][i]
							c++
						}
					}
					wantCnt[i] = float64(c)
				}
				sumLensGeneric(want, packed, wantCnt)
				for _, alias := range []bool{false, true} {
					d, cnt := make([]float64, width), make([]float64, width)
					s, p := src, pred
					if alias { // d is src's last slot, cnt pred's first
						s, p = clone2(src), clone2(pred)
						d, cnt = s[len(s)-1], p[0]
					}
					SumFilter(d, cnt, s, p, sb)
					for i := range d {
						if math.Float64bits(d[i]) != math.Float64bits(want[i]) && !(d[i] != d[i] && want[i] != want[i]) ||
							cnt[i] != wantCnt[i] {
							t.Fatalf("AVX512 %v, %d sources, sb %d, alias %v, pixel %d: %v (%#x) of %v, want %v (%#x) of %v",
								AVX512, count, sb, alias, i, d[i], math.Float64bits(d[i]), cnt[i], want[i], math.Float64bits(want[i]), wantCnt[i])
						}
					}
				}
			}
		}
	}
}

func clone2(x [][]float64) [][]float64 {
	y := make([][]float64, len(x))
	for k := range x {
		y[k] = append([]float64(nil), x[k]...)
	}
	return y
}
