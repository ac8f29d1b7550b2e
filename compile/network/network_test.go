package network

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
	for n := 1; n <= Max; n++ {
		full := Selection(n, -1, -1)
		mid := Selection(n, (n-1)/2, n/2)
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

// TestPresortedSelection checks the presorted-column networks on random
// inputs whose columns are sorted, against a full sort.
func TestPresortedSelection(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for _, hw := range [][2]int{{3, 3}, {5, 5}, {3, 5}, {5, 3}, {4, 4}, {2, 7}, {7, 2}} {
		h, w := hw[0], hw[1]
		n := h * w
		net, ok := PresortedSelection(h, w, (n-1)/2, n/2)
		if !ok {
			t.Fatalf("%dx%d: no network", h, w)
		}
		t.Logf("%dx%d: %d exchanges", h, w, len(net))
		src := make([][]float64, n)
		scratch := make([][]float64, n)
		for i := range src {
			src[i] = make([]float64, 200)
			scratch[i] = make([]float64, 200)
		}
		for px := 0; px < 200; px++ {
			for c := 0; c < w; c++ {
				col := make([]float64, h)
				for i := range col {
					col[i] = float64(r.IntN(7))
				}
				slices.Sort(col)
				for i, v := range col {
					src[c*h+i][px] = v
				}
			}
		}
		Run(net, src, scratch)
		for px := 0; px < 200; px++ {
			all := make([]float64, n)
			for i := range all {
				all[i] = src[i][px]
			}
			slices.Sort(all)
			for _, k := range []int{(n - 1) / 2, n / 2} {
				if got := scratch[k][px]; got != all[k] {
					t.Fatalf("%dx%d pixel %d rank %d: %v, want %v", h, w, px, k, got, all[k])
				}
			}
		}
	}
}

// BenchmarkPresortedNetworkHit: a cached PresortedNetwork, as a box
// median's plan asks for it on every run (filter's boxPair).
func BenchmarkPresortedNetworkHit(b *testing.B) {
	groups, ranks := []int{5, 5, 5, 5}, []int{7, 8, 9, 10, 11, 12}
	if _, ok := PresortedNetwork(groups, ranks); !ok {
		b.Fatal("not built")
	}
	b.ReportAllocs()
	for b.Loop() {
		PresortedNetwork(groups, ranks)
	}
}

// TestPresortedNetworkCache: a cached network comes back without
// allocating (plans ask for it on every run), and arguments that differ
// only in where the groups end and the ranks begin, or in a sign, have
// different keys.
func TestPresortedNetworkCache(t *testing.T) {
	groups, ranks := []int{5, 5, 5, 5}, []int{7, 8, 9, 10, 11, 12}
	first, ok := PresortedNetwork(groups, ranks)
	if !ok {
		t.Fatal("not built")
	}
	if a := testing.AllocsPerRun(100, func() { PresortedNetwork(groups, ranks) }); a != 0 {
		t.Errorf("%v allocations per cached call, want 0", a)
	}
	if again, _ := PresortedNetwork(groups, ranks); !slices.Equal(again, first) {
		t.Errorf("the cached network differs from the one built")
	}
	keys := map[string][2][]int{}
	for _, args := range [][2][]int{
		{{1, 2}, {3}}, {{1}, {2, 3}}, {{1, 2, 3}, nil}, {nil, {1, 2, 3}},
		{{1, 2}, {-3}}, {{1, 2}, {3, 0}}, {{300}, {1}}, {{44, 2}, {1}},
	} {
		k := string(presortedKey(nil, args[0], args[1]))
		if prev, dup := keys[k]; dup {
			t.Errorf("groups %v ranks %v have the key of groups %v ranks %v", args[0], args[1], prev[0], prev[1])
		}
		keys[k] = args
	}
}
