package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

func BenchmarkExp(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	a, d := make([]float64, 4096), make([]float64, 4096)
	for i := range a {
		a[i] = -rng.Float64() * 50
	}
	b.Run("vector", func(b *testing.B) {
		for b.Loop() {
			ExpFrom(d, a, 0)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/4096, "ns/elem")
	})
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			for i, x := range a {
				d[i] = math.Exp(x)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/4096, "ns/elem")
	})
}
