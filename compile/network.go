package compile

import "sync"

// CE is a compare-exchange of a sorting network: after it, wire I holds
// the smaller and wire J the larger of the two. Lo and Hi say which of the
// two results anything downstream reads (a pruned selection network
// computes only those).
type CE struct {
	I, J   int16
	Lo, Hi bool
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

// selection returns a network that puts ranks r1 and r2 (r2 may equal r1)
// of n wires in place, or sorts all of them when r1 < 0.
func selection(n, r1, r2 int) []CE {
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

// maxNetwork is the largest array a network sorts or selects from; past
// it the per-pixel algorithms win (the network grows as n log² n).
const maxNetwork = 64
