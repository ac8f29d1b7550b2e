package network

import (
	"fmt"
	"math/rand/v2"
)

// MergeSelection returns a network over the wires of the given sorted
// groups, laid out one group after another, that puts the given ranks
// (ascending) on the wires out[k]: a tree of Batcher's odd-even merges of
// the groups, pruned to those ranks, SrcI and SrcJ set for Run. Batcher's
// merge sorts the union of two sorted lists of any lengths, so a tree of
// them sorts the union of the groups; the pruning keeps what the ranks
// depend on. Of the merge orders tried (the smallest-first order, which
// for the 3-D ball of radius 2 is the best of all 2700, and a few random
// ones) it keeps the network
// with the fewest exchanges. Where the selection network
// built by PresortedNetwork is cheaper than this (few, short groups), it
// may be used instead; both are correct.
func MergeSelection(groups, ranks []int) (net []CE, out []int) {
	key := "merge" + fmt.Sprint(groups, ranks)
	if v, hit := presorted.Load(key); hit {
		m := v.(mergeNet)
		return m.net, m.out
	}
	n := 0
	for _, g := range groups {
		n += g
	}
	var best mergeNet
	bestOps := -1
	try := func(order [][2]int) {
		m := mergeTree(groups, order, ranks, n)
		if ops := len(m.net); bestOps < 0 || ops < bestOps {
			best, bestOps = m, ops
		}
	}
	try(smallestFirst(groups))
	r := rand.New(rand.NewPCG(uint64(n), uint64(len(groups))))
	for range mergeTries {
		try(randomOrder(len(groups), r))
	}
	touched := make([]bool, n)
	for k := range best.net {
		c := &best.net[k]
		c.SrcI, c.SrcJ = !touched[c.I], !touched[c.J]
		touched[c.I], touched[c.J] = true, true
	}
	presorted.Store(key, best)
	return best.net, best.out
}

// mergeTries is how many random merge orders MergeSelection tries besides
// the smallest-first one: a millisecond or two at plan time.
const mergeTries = 8

type mergeNet struct {
	net []CE
	out []int
}

// mergeTree builds the merges of order: each pair (a, b) merges lists a
// and b (the groups first, then the merges' results in order) into a new
// list; the last list is the sorted union.
func mergeTree(groups []int, order [][2]int, ranks []int, n int) mergeNet {
	var net []CE
	lists := make([][]int, 0, 2*len(groups))
	at := 0
	for _, g := range groups {
		l := make([]int, g)
		for i := range l {
			l[i] = at + i
		}
		at += g
		lists = append(lists, l)
	}
	for _, o := range order {
		lists = append(lists, merge(&net, lists[o[0]], lists[o[1]]))
	}
	all := lists[len(lists)-1]
	out := make([]int, len(ranks))
	for k, r := range ranks {
		out[k] = all[r]
	}
	return mergeNet{net: prune(net, n, out), out: out}
}

// merge appends to net Batcher's odd-even merge of the sorted wire lists
// a and b and returns the wires of the result in order: the even-indexed
// elements of both merged, the odd-indexed merged, then each odd result
// exchanged with the next even one.
func merge(net *[]CE, a, b []int) []int {
	switch {
	case len(a) == 0:
		return b
	case len(b) == 0:
		return a
	case len(a) == 1 && len(b) == 1:
		*net = append(*net, CE{I: int16(a[0]), J: int16(b[0]), Lo: true, Hi: true})
		return []int{a[0], b[0]}
	}
	var ae, ao, be, bo []int
	for i, x := range a {
		if i%2 == 0 {
			ae = append(ae, x)
		} else {
			ao = append(ao, x)
		}
	}
	for i, x := range b {
		if i%2 == 0 {
			be = append(be, x)
		} else {
			bo = append(bo, x)
		}
	}
	v, w := merge(net, ae, be), merge(net, ao, bo)
	res := make([]int, 0, len(a)+len(b))
	res = append(res, v[0])
	for i := range w {
		if i+1 < len(v) {
			*net = append(*net, CE{I: int16(w[i]), J: int16(v[i+1]), Lo: true, Hi: true})
			res = append(res, w[i], v[i+1])
		} else {
			res = append(res, w[i])
		}
	}
	if len(v) > len(w)+1 {
		res = append(res, v[len(w)+1:]...)
	}
	return res
}

func liveLists(k int, order [][2]int) []int {
	dead := make([]bool, k+len(order))
	for _, o := range order {
		dead[o[0]], dead[o[1]] = true, true
	}
	var live []int
	for i, d := range dead {
		if !d {
			live = append(live, i)
		}
	}
	return live
}

// smallestFirst merges the two shortest lists first (Huffman's order).
func smallestFirst(groups []int) [][2]int {
	size := append([]int(nil), groups...)
	var order [][2]int
	for {
		live := liveLists(len(groups), order)
		if len(live) <= 1 {
			return order
		}
		a, b := -1, -1
		for _, i := range live {
			switch {
			case a < 0 || size[i] < size[a]:
				a, b = i, a
			case b < 0 || size[i] < size[b]:
				b = i
			}
		}
		order = append(order, [2]int{a, b})
		size = append(size, size[a]+size[b])
	}
}

func randomOrder(k int, r *rand.Rand) [][2]int {
	var order [][2]int
	for {
		live := liveLists(k, order)
		if len(live) <= 1 {
			return order
		}
		i := r.IntN(len(live))
		j := r.IntN(len(live) - 1)
		if j >= i {
			j++
		}
		order = append(order, [2]int{live[i], live[j]})
	}
}
