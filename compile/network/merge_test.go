package network

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMergeSelection checks the merging networks on sorted groups: every
// 0-1 input with sorted groups for small layouts (the 0-1 principle), and
// random values with ties for larger ones, against a full sort; the
// networks run as Run does, from the sources into scratch (SrcI, SrcJ).
func TestMergeSelection(t *testing.T) {
	layouts := []struct {
		groups, ranks []int
	}{
		{[]int{1, 9, 9, 4, 9, 1}, []int{16}},
		{[]int{1, 9, 13, 9, 1}, []int{16}},
		{[]int{3, 3, 3}, []int{4}},
		{[]int{5, 5, 5, 5}, []int{9, 10}},
		{[]int{1, 1}, []int{0, 1}},
		{[]int{2, 3, 1, 4, 1, 2, 3}, []int{0, 7, 15}},
		{[]int{7, 7, 7, 7, 7, 7, 7}, []int{24}},
		{[]int{1, 1, 1, 1, 1, 1, 1, 1, 1}, []int{4}},
	}
	r := rand.New(rand.NewPCG(5, 5))
	for _, l := range layouts {
		net, outs := MergeSelection(l.groups, l.ranks)
		n := 0
		for _, g := range l.groups {
			n += g
		}
		inputs := 1
		for _, g := range l.groups {
			inputs *= g + 1
		}
		trials := 2000
		exhaustive := inputs <= 1<<16
		if exhaustive {
			trials = inputs
		}
		src := make([]float64, n)
		for trial := range trials {
			at, v := 0, trial
			for _, g := range l.groups {
				if exhaustive {
					zeros := v % (g + 1)
					v /= g + 1
					for k := range g {
						src[at+k] = float64(min(1, max(0, k-zeros+1)))
					}
				} else {
					for k := range g {
						src[at+k] = float64(r.IntN(6))
					}
					slices.Sort(src[at : at+g])
				}
				at += g
			}
			wires := make([]float64, n)
			for _, c := range net {
				x, y := wires[c.I], wires[c.J]
				if c.SrcI {
					x = src[c.I]
				}
				if c.SrcJ {
					y = src[c.J]
				}
				wires[c.I], wires[c.J] = min(x, y), max(x, y)
			}
			want := slices.Clone(src)
			slices.Sort(want)
			for k, rank := range l.ranks {
				got := wires[outs[k]]
				if !Touched(net, outs[k]) {
					got = src[outs[k]]
				}
				if got != want[rank] {
					t.Fatalf("groups %v: rank %d of %v is %v, the network gives %v", l.groups, rank, src, want[rank], got)
				}
			}
		}
		t.Logf("groups %v ranks %v: %d exchanges", l.groups, l.ranks, len(net))
	}
}
