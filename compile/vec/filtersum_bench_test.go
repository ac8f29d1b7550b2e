package vec

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkSumFilter: the sum of a 5x5 filter at about half kept, one
// 488-pixel strip (the lane program's), the kernel and the portable loop.
func BenchmarkSumFilter(b *testing.B) {
	const n, width = 25, 488
	rng := rand.New(rand.NewPCG(3, 4))
	src, pred := make([][]float64, n), make([][]float64, n)
	for k := range src {
		src[k], pred[k] = make([]float64, width), make([]float64, width)
		for i := range width {
			src[k][i] = rng.Float64()
			pred[k][i] = float64(rng.IntN(2))
		}
	}
	d, cnt := make([]float64, width), make([]float64, width)
	b.Run("vector", func(b *testing.B) {
		for b.Loop() {
			SumFilter(d, cnt, src, pred, 1)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/width, "ns/pixel")
	})
	b.Run("portable", func(b *testing.B) {
		for b.Loop() {
			sumFilterGeneric(d, cnt, src, pred, 1, 0)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/width, "ns/pixel")
	})
}
