package filter

import (
	"slices"

	"github.com/kfilter/kfilter/compile/vec"
)

// A portableRule passes over slow for a candidate when is true of, in
// favour of fast when fast applies and comes later in the list: the
// order without the vector kernels (portableOrder in choose.go).
type portableRule struct {
	slow, fast algorithm
	when       func(c *candidate) bool
}

// pick returns the plan of the first algorithm of list that applies to
// c. Without the vector kernels (vec.AVX2 false: the purego build, other
// architectures, a CPU without AVX2) it passes over one that a later
// algorithm of list outruns there (portableOrder) and goes on from that
// one, so that an algorithm between them does not take the candidate and
// a test that forces one algorithm still gets it.
func pick(list []algorithm, c *candidate) linePlan {
	for i := 0; i < len(list); i++ {
		lp := list[i].choose(c)
		if lp == nil {
			continue
		}
		if !vec.AVX2 {
			if j := outrun(list, i, c); j > i {
				i = j - 1
				continue
			}
		}
		return lp
	}
	return nil
}

// outrun returns the index in list of the algorithm after i that a rule
// of portableOrder prefers to list[i] for c and that applies, or -1.
func outrun(list []algorithm, i int, c *candidate) int {
	if c.pat == nil {
		return -1
	}
	for _, r := range portableOrder {
		if r.slow != list[i] || !r.when(c) {
			continue
		}
		if j := slices.Index(list[i+1:], r.fast); j >= 0 && r.fast.choose(c) != nil {
			return i + 1 + j
		}
	}
	return -1
}
