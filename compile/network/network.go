// Package network builds and runs the sorting and selection networks that
// compile's lane program and filter's rank algorithms share: Batcher's
// networks, pruned to the ranks read, and networks over presorted groups
// of wires. It is not API: nothing outside this module should import it.
package network

import (
	"encoding/binary"
	"sync"

	"github.com/kfilter/kfilter/compile/vec"
)

// CE is a compare-exchange of a sorting network: after it, wire I holds
// the smaller and wire J the larger of the two. Lo and Hi say which of the
// two results anything downstream reads (a pruned selection network
// computes only those).
type CE struct {
	I, J   int16
	Lo, Hi bool
	// SrcI, SrcJ: the wire has not been exchanged before, so its value is
	// still the source's (see Run).
	SrcI, SrcJ bool
}

// batcher returns Batcher's odd-even merge sort for n wires: the network
// for the next power of two, with every compare-exchange that touches a
// wire at or past n dropped (those wires would hold +Inf, which no
// exchange moves).
func batcher(n int) []CE {
	p := 1
	for p < n {
		p *= 2
	}
	var net []CE
	for size := 2; size <= p; size *= 2 {
		for step := size / 2; step > 0; step /= 2 {
			for j := step % (size / 2); j+step < p; j += 2 * step {
				for i := 0; i < step && i+j+step < p; i++ {
					a, b := i+j, i+j+step
					if a/size != b/size {
						continue
					}
					if b < n {
						net = append(net, CE{I: int16(a), J: int16(b), Lo: true, Hi: true})
					}
				}
			}
		}
	}
	return net
}

// prune keeps the exchanges that the given output wires depend on, and of
// each, only the results read later.
func prune(net []CE, n int, outputs []int) []CE {
	need := make([]bool, n)
	for _, o := range outputs {
		need[o] = true
	}
	keep := make([]CE, 0, len(net))
	for k := len(net) - 1; k >= 0; k-- {
		c := net[k]
		lo, hi := need[c.I], need[c.J]
		if !lo && !hi {
			continue
		}
		keep = append(keep, CE{I: c.I, J: c.J, Lo: lo, Hi: hi})
		need[c.I], need[c.J] = true, true
	}
	for i, j := 0, len(keep)-1; i < j; i, j = i+1, j-1 {
		keep[i], keep[j] = keep[j], keep[i]
	}
	return keep
}

var networks sync.Map // netKey -> []CE

type netKey struct {
	n      int
	r1, r2 int // the output ranks, -1 for a full sort
}

// Selection returns a network that puts ranks r1 and r2 (r2 may equal r1)
// of n wires in place, or sorts all of them when r1 < 0.
func Selection(n, r1, r2 int) []CE {
	key := netKey{n, r1, r2}
	if v, ok := networks.Load(key); ok {
		return v.([]CE)
	}
	net := batcher(n)
	if r1 >= 0 {
		net = prune(net, n, []int{r1, r2})
	}
	networks.Store(key, net)
	return net
}

// SelectRanks returns a network that puts the given ranks (ascending) of n
// wires in place, or sorts all of them when ranks is nil.
func SelectRanks(n int, ranks []int) []CE {
	switch {
	case ranks == nil || len(ranks) == n:
		return Selection(n, -1, -1)
	case len(ranks) == 1:
		return Selection(n, ranks[0], ranks[0])
	case len(ranks) == 2:
		return Selection(n, ranks[0], ranks[1])
	}
	return prune(batcher(n), n, ranks)
}

// Max is the largest array a network sorts or selects from; past
// it the per-pixel algorithms win (the network grows as n log² n).
const Max = 64

// PresortedSelection returns a network over h*w wires, wire c*h+r holding
// row r of column c, that puts ranks r1 and r2 in place when every column
// is already sorted. ok is false when the check would take too long.
func PresortedSelection(h, w, r1, r2 int) (net []CE, ok bool) {
	groups := make([]int, w)
	for i := range groups {
		groups[i] = h
	}
	return PresortedNetwork(groups, []int{r1, r2})
}

// PresortedNetwork returns a network over the wires of the given sorted
// groups, laid out one group after another, that puts the given ranks in
// place: Batcher's network without the exchanges that never swap on such
// inputs, pruned to those ranks. An exchange that never swaps on any 0-1
// input with sorted groups never swaps on any real one (the 0-1 principle:
// thresholding commutes with exchanges and keeps the groups sorted), so
// dropping it changes nothing. ok is false when the check would take too
// long (the product of len+1 over the groups passes 1<<16).
func PresortedNetwork(groups, ranks []int) (net []CE, ok bool) {
	var buf [64]byte
	key := presortedKey(buf[:0], groups, ranks)
	presortedMu.RLock()
	cached, hit := presortedNets[string(key)] // no allocation: the compiler looks up without copying
	presortedMu.RUnlock()
	if hit {
		return cached, true
	}
	inputs, n := 1, 0
	for _, g := range groups {
		n += g
		inputs *= g + 1
		if inputs > 1<<16 {
			return nil, false
		}
	}
	full := batcher(n)
	swaps := make([]bool, len(full))
	x := make([]bool, n)
	for in := 0; in < inputs; in++ {
		v, at := in, 0
		for _, g := range groups {
			zeros := v % (g + 1)
			v /= g + 1
			for r := 0; r < g; r++ {
				x[at+r] = r >= zeros // zeros first: the group is sorted
			}
			at += g
		}
		for k, ce := range full {
			if x[ce.I] && !x[ce.J] {
				swaps[k] = true
				x[ce.I], x[ce.J] = false, true
			}
		}
	}
	var kept []CE
	for k, ce := range full {
		if swaps[k] {
			kept = append(kept, ce)
		}
	}
	net = prune(kept, n, ranks)
	touched := make([]bool, n)
	for k := range net {
		net[k].SrcI, net[k].SrcJ = !touched[net[k].I], !touched[net[k].J]
		touched[net[k].I], touched[net[k].J] = true, true
	}
	presortedMu.Lock()
	presortedNets[string(key)] = net
	presortedMu.Unlock()
	return net, true
}

// presortedNets caches PresortedNetwork's networks by presortedKey: plans
// ask for them on every run, so a hit must be cheap (fmt.Sprint's key was
// 13 allocations and a microsecond). MergeSelection keeps its own in
// presorted.
var (
	presortedMu   sync.RWMutex
	presortedNets = map[string][]CE{}
)

var presorted sync.Map // MergeSelection's: "merge" + fmt.Sprint(groups, ranks) -> mergeNet

// presortedKey appends the groups' count, the groups and the ranks as
// varints to b: distinct arguments, distinct keys.
func presortedKey(b []byte, groups, ranks []int) []byte {
	b = binary.AppendUvarint(b, uint64(len(groups)))
	for _, g := range groups {
		b = binary.AppendVarint(b, int64(g))
	}
	for _, r := range ranks {
		b = binary.AppendVarint(b, int64(r))
	}
	return b
}

// Run applies a network made by PresortedSelection to lanes of
// pixels: wire i starts as src[i], which it never writes, and lives in
// scratch[i] from its first exchange on. Inputs must hold no NaN, and the
// order of equal zeros of different sign is unspecified.
func Run(net []CE, src, scratch [][]float64) {
	for _, c := range net {
		x, y := scratch[c.I], scratch[c.J]
		if c.SrcI {
			x = src[c.I]
		}
		if c.SrcJ {
			y = src[c.J]
		}
		vec.ExchangeTo(scratch[c.I], scratch[c.J], x, y, c.Lo, c.Hi)
	}
}

// Sort returns Batcher's sorting network for n wires, with SrcI and
// SrcJ set for Run.
func Sort(n int) []CE {
	key := netKey{n: n, r1: -2, r2: -2}
	if v, hit := networks.Load(key); hit {
		return v.([]CE)
	}
	net := batcher(n)
	touched := make([]bool, n)
	for k := range net {
		net[k].SrcI, net[k].SrcJ = !touched[net[k].I], !touched[net[k].J]
		touched[net[k].I], touched[net[k].J] = true, true
	}
	networks.Store(key, net)
	return net
}

// Touched reports whether a network writes wire i (else Run leaves
// its value in the source).
func Touched(net []CE, i int) bool {
	for _, c := range net {
		if int(c.I) == i || int(c.J) == i {
			return true
		}
	}
	return false
}
