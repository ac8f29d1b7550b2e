//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBoxMean: MeanBlocks over a box's views (w rows of w consecutive
// views, as the lane program hands them), which takes boxMean's kernels
// with AVX-512, is the portable sum divided by c bit for bit (any NaN for
// NaN): 5x5, 7x7 and 9x9, every strip length to 40 (the tail past the
// last octet), NaN, ±Inf and -0 scattered; and views that are not such
// a box (a view copied, a count not w*w, mu given) are not taken by it.
func TestBoxMean(t *testing.T) {
	if !AVX512 {
		t.Skip("no AVX-512 on this CPU")
	}
	rng := rand.New(rand.NewPCG(61, 62))
	check := func(name string, src [][]float64, mu []float64, n int) {
		t.Helper()
		got, want := make([]float64, n), make([]float64, n)
		MeanBlocks(got, src, mu, float64(len(src)))
		sumBlocksGeneric(want, src, mu)
		divideByGeneric(want, float64(len(src)))
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
				t.Fatalf("%s, n=%d, [%d]: %v, want %v", name, n, i, got[i], want[i])
			}
		}
	}
	for _, w := range []int{3, 5, 7, 9} {
		for n := 0; n <= 40; n++ {
			src := boxViews(w, n, rng)
			for _, s := range src {
				for i := range s {
					if rng.IntN(40) == 0 {
						s[i] = []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)}[rng.IntN(4)]
					}
				}
			}
			if len(src) < 8 {
				continue
			}
			if n >= 8 && w != 3 && !isBox(src, w) {
				t.Fatalf("%dx%d, n=%d: boxViews not taken as a box", w, w, n)
			}
			check("box", src, nil, n)
			mu := make([]float64, n)
			for i := range mu {
				mu[i] = rng.NormFloat64()
			}
			check("box, mu", src, mu, n)
			broken := append([][]float64(nil), src...)
			broken[w+1] = append([]float64(nil), broken[w+1]...)
			if n > 0 && isBox(broken, w) {
				t.Fatalf("%dx%d, n=%d: a copied view taken as a box", w, w, n)
			}
			check("copied view", broken, nil, n)
			check("one view fewer", src[:len(src)-1], nil, n)
		}
	}
}

// isBox reports whether boxMean takes src as a box of width w.
func isBox(src [][]float64, w int) bool {
	if len(src) != w*w || len(src[0]) < 8 {
		return false
	}
	d := make([]float64, len(src[0]))
	return boxMean(d, src, nil, float64(len(src)))
}
