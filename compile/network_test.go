package compile

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestNetworks checks sorting and selection networks exhaustively on 0-1
// inputs (the 0-1 principle) for small n and on random inputs for larger.
func TestNetworks(t *testing.T) {
	run := func(net []CE, x []float64) {
		for _, c := range net {
			a, b := x[c.I], x[c.J]
			x[c.I], x[c.J] = min(a, b), max(a, b)
		}
	}
	r := rand.New(rand.NewPCG(1, 1))
	for n := 1; n <= maxNetwork; n++ {
		full := selection(n, -1, -1)
		mid := selection(n, (n-1)/2, n/2)
		x := make([]float64, n)
		trials := 200
		if n <= 16 {
			trials = 1 << n
		}
		for t0 := 0; t0 < trials; t0++ {
			for i := range x {
				if n <= 16 {
					x[i] = float64(t0 >> i & 1)
				} else {
					x[i] = float64(r.IntN(5))
				}
			}
			want := slices.Clone(x)
			slices.Sort(want)
			got := slices.Clone(x)
			run(full, got)
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d: network sorts %v to %v", n, x, got)
			}
			got = slices.Clone(x)
			run(mid, got)
			if got[(n-1)/2] != want[(n-1)/2] || got[n/2] != want[n/2] {
				t.Fatalf("n=%d: median network on %v gives %v", n, x, got)
			}
		}
		if n == 9 || n == 25 || n == 49 {
			t.Logf("n=%d: sort %d exchanges, median %d", n, len(full), len(mid))
		}
	}
}
