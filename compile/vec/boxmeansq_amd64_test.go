//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBoxMeanSq: MeanBlocks of (x - mu)² over a box's views (w rows of w
// consecutive views), which takes boxMeanSq's kernels with AVX-512, is the
// portable sum divided by c bit for bit (any NaN for NaN): 5x5, 7x7 and
// 9x9, every strip length to 40 (the tail past the last octet), NaN, ±Inf
// and -0 scattered in the values and in mu; views that are not such a box
// (a view copied, one view fewer) are not taken by it and give the same.
func TestBoxMeanSq(t *testing.T) {
	if !AVX512 || !AVX2 {
		t.Skip("no AVX-512 on this CPU")
	}
	rng := rand.New(rand.NewPCG(81, 82))
	specials := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1)}
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
	for _, w := range []int{5, 7, 9} {
		for n := 0; n <= 40; n++ {
			src := boxViews(w, n, rng)
			for _, s := range src {
				for i := range s {
					if rng.IntN(40) == 0 {
						s[i] = specials[rng.IntN(len(specials))]
					}
				}
			}
			mu := make([]float64, n)
			for i := range mu {
				mu[i] = rng.NormFloat64()
				if rng.IntN(20) == 0 {
					mu[i] = specials[rng.IntN(len(specials))]
				}
			}
			if n >= 8 && !boxMeanSq(make([]float64, n), src, mu, float64(len(src))) {
				t.Fatalf("%dx%d, n=%d: boxViews not taken as a box", w, w, n)
			}
			check("box", src, mu, n)
			broken := append([][]float64(nil), src...)
			broken[w+1] = append([]float64(nil), broken[w+1]...)
			if n > 0 && boxMeanSq(make([]float64, n), broken, mu, float64(len(src))) {
				t.Fatalf("%dx%d, n=%d: a copied view taken as a box", w, w, n)
			}
			check("copied view", broken, mu, n)
			check("one view fewer", src[:len(src)-1], mu, n)
		}
	}
}

// BenchmarkBoxMeanSq7 times MeanBlocks of (x - mu)² over a 1016-pixel
// line of a 7x7 box: by boxMeanSq7AVX512 and by meanSqBlocksAVX512.
func BenchmarkBoxMeanSq7(b *testing.B) {
	if !AVX512 || !AVX2 {
		b.Skip("no AVX-512")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 1016
	src := boxViews(7, n, rng)
	mu := make([]float64, n)
	d := make([]float64, n)
	for _, k := range []struct {
		name string
		f    func()
	}{
		{"box", func() { boxMeanSq7AVX512(d, src, mu, 49) }},
		{"blocks", func() { meanSqBlocksAVX512(d, src, mu, 49) }},
	} {
		b.Run(k.name, func(b *testing.B) {
			for b.Loop() {
				k.f()
			}
		})
	}
}
