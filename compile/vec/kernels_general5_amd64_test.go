//go:build !race && !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// TestSumAbsDev9Center: with src[4] and mu one slice (the 3x3 absolute
// deviation sum read straight from the input), SumAbsDevBlocks takes
// sumAbsDev9CenterAVX512 and gives the portable pairwise sum's bits, with
// NaN, ±Inf and -0 among the values (any NaN for NaN), at every length
// from 0 to 40 (the masked tail) and on a line.
func TestSumAbsDev9Center(t *testing.T) {
	if !AVX2 || !AVX512 {
		t.Skip("no AVX-512 kernels run in this build or on this CPU")
	}
	r := rand.New(rand.NewPCG(71, 72))
	specials := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0, 1, -1}
	for _, n := range append([]int{2046}, func() []int {
		var ns []int
		for n := 0; n <= 40; n++ {
			ns = append(ns, n)
		}
		return ns
	}()...) {
		rows := make([][]float64, 3)
		for i := range rows {
			rows[i] = make([]float64, n+2)
			for x := range rows[i] {
				rows[i][x] = r.NormFloat64()
				if r.IntN(6) == 0 {
					rows[i][x] = specials[r.IntN(len(specials))]
				}
			}
		}
		src := make([][]float64, 9)
		for i := range 3 {
			for c := range 3 {
				src[3*i+c] = rows[i][c : c+n]
			}
		}
		mu := src[4]
		got, want := make([]float64, n), make([]float64, n)
		SumAbsDevBlocks(got, src, mu)
		sumAbsDevBlocksGeneric(want, src, mu)
		for x := range got {
			if math.Float64bits(got[x]) != math.Float64bits(want[x]) && !(got[x] != got[x] && want[x] != want[x]) {
				t.Fatalf("n %d, pixel %d: got %v, want %v", n, x, got[x], want[x])
			}
		}
	}
}

// TestUpperClearGeneral5 is TestUpperClear for the kernels of
// kernels_general5_amd64.s: after each, math.Exp runs at full speed.
func TestUpperClearGeneral5(t *testing.T) {
	if !AVX2 || !AVX512 {
		t.Skip("no AVX-512 kernels run in this build or on this CPU")
	}
	const n = 64
	rng := rand.New(rand.NewPCG(73, 74))
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = rng.Float64()*4 - 2
	}
	s := make([][]float64, 9)
	for j := range s {
		s[j] = make([]float64, n)
		for i := range s[j] {
			s[j][i] = rng.Float64() + 1
		}
	}
	d, e := make([]float64, n), make([]float64, n)
	box5 := boxViews(5, n, rng)
	var sink float64
	for _, k := range []struct {
		name string
		run  func()
	}{
		{"sumAbsDev9CenterAVX512", func() { sumAbsDev9CenterAVX512(d, s, s[4]) }},
		{"foldMinMaxRange5AVX512", func() { foldMinMaxRange5AVX512(d, e, s[:5]) }},
		{"foldMinMaxRange8AVX512 tail", func() { foldMinMaxRange8AVX512(d[:13], e, s[:8]) }},
		{"boxMeanSq5AVX512", func() { boxMeanSq5AVX512(d[:40], box5, e, 25) }},
	} {
		timeRun := func(vector bool) time.Duration {
			start := time.Now()
			for range 20 {
				if vector {
					k.run()
				} else {
					sumAbsDevBlocksGeneric(d, s, s[4])
				}
				for _, x := range xs {
					sink += math.Exp(x)
				}
			}
			return time.Since(start)
		}
		best := [2]time.Duration{1 << 62, 1 << 62} // portable, vector
		for rounds := 0; rounds < 5 || best[1] > 3*best[0] && rounds < 30; rounds++ {
			for v := range best {
				best[v] = min(best[v], timeRun(v == 1))
			}
		}
		if best[1] > 3*best[0] {
			t.Errorf("%s: math.Exp after the vector kernel %v, after the portable one %v: %.1fx slower",
				k.name, best[1], best[0], float64(best[1])/float64(best[0]))
		}
	}
	_ = sink
}

// BenchmarkSumAbsDev9Center times the 3x3 absolute deviation sum over a
// 2046-pixel line with its centre term read apart (mu a copy) and from mu.
func BenchmarkSumAbsDev9Center(b *testing.B) {
	const n = 2046
	rows := make([][]float64, 3)
	for i := range rows {
		rows[i] = make([]float64, n+2)
		for x := range rows[i] {
			rows[i][x] = float64((x*7+i*13)%17) * 0.1
		}
	}
	src := make([][]float64, 9)
	for i := range 3 {
		for c := range 3 {
			src[3*i+c] = rows[i][c : c+n]
		}
	}
	d := make([]float64, n)
	for _, c := range []struct {
		name string
		mu   []float64
	}{{"apart", append([]float64(nil), src[4]...)}, {"center", src[4]}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				SumAbsDevBlocks(d, src, c.mu)
			}
		})
	}
}
