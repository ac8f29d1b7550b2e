package vec

import "testing"

// BenchmarkWindow5Min: one hoistBoxAlg chunk's five-wide minima by
// doubling; BenchmarkWindow5MinViews: the same by FoldMinNoNaN over the
// five shifted views, what hoistBoxAlg did before.
func BenchmarkWindow5Min(b *testing.B) {
	out, col := window5Bench()
	b.SetBytes(8 * int64(len(out)))
	for b.Loop() {
		Window5MinNoNaN(out, col)
	}
}

func BenchmarkWindow5MinViews(b *testing.B) {
	out, col := window5Bench()
	views := make([][]float64, 5)
	for c := range views {
		views[c] = col[c : c+len(out)]
	}
	b.SetBytes(8 * int64(len(out)))
	for b.Loop() {
		FoldMinNoNaN(out, views)
	}
}

func window5Bench() (out, col []float64) {
	out, col = make([]float64, 512), make([]float64, 516, 532)
	for i := range col {
		col[i] = float64(i*7919%1013) - 500
	}
	return out, col
}
