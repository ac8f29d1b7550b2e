//go:build !purego

package vec

import (
	"math/rand/v2"
	"testing"
)

// boxViews is a w x w box's views over w rows of a strip of n pixels, as
// the lane program hands them.
func boxViews(w, n int, rng *rand.Rand) [][]float64 {
	var src [][]float64
	for range w {
		row := make([]float64, n+w-1)
		for i := range row {
			row[i] = rng.NormFloat64()
		}
		for c := range w {
			src = append(src, row[c:c+n])
		}
	}
	return src
}

func BenchmarkBoxMean7(b *testing.B) {
	if !AVX512 {
		b.Skip("no AVX-512")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 280
	src := boxViews(7, n, rng)
	d := make([]float64, n)
	for _, k := range []struct {
		name string
		f    func()
	}{
		{"blocks", func() { meanBlocksAVX512(d, src, 49) }},
		{"box", func() { boxMean7AVX512(d, src, 49) }},
	} {
		b.Run(k.name, func(b *testing.B) {
			for b.Loop() {
				k.f()
			}
		})
	}
}
