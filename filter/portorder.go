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
// algorithm of list outruns there (portableOrder), so that a test that
// forces one algorithm still gets it.
func pick(list []algorithm, c *candidate) linePlan {
	for i, a := range list {
		lp := a.choose(c)
		if lp == nil || !vec.AVX2 && outrun(a, list[i+1:], c) {
			continue
		}
		return lp
	}
	return nil
}

// outrun reports whether a rule of portableOrder passes over a for c in
// favour of an algorithm of later that applies.
func outrun(a algorithm, later []algorithm, c *candidate) bool {
	if c.pat == nil {
		return false
	}
	for _, r := range portableOrder {
		if r.slow == a && r.when(c) && slices.Contains(later, r.fast) && r.fast.choose(c) != nil {
			return true
		}
	}
	return false
}
