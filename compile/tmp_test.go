package compile

import "testing"

func ops(net []CE) int {
	n := 0
	for _, c := range net {
		if c.Lo {
			n++
		}
		if c.Hi {
			n++
		}
	}
	return n
}

func TestTmpCounts(t *testing.T) {
	for _, hw := range [][2]int{{5, 5}, {7, 7}, {3, 3}} {
		h, w := hw[0], hw[1]
		n := h * w
		k := n / 2
		net, _ := PresortedSelection(h, w, k, k)
		t.Logf("%dx%d single: %d CE %d ops", h, w, len(net), ops(net))
		// pair: common w-1 columns, ranks lo..hi
		lo, hi := max(0, k-h), min((w-1)*h-1, k)
		g := make([]int, w-1)
		for i := range g {
			g[i] = h
		}
		var rs []int
		for r := lo; r <= hi; r++ {
			rs = append(rs, r)
		}
		c1, ok := PresortedNetwork(g, rs)
		m := hi - lo + 1
		c2, ok2 := PresortedNetwork([]int{m, h}, []int{k - lo})
		t.Logf("%dx%d pair: common %d CE %d ops (%v); merge %d+%d: %d CE %d ops (%v); per pixel %.1f ops", h, w, len(c1), ops(c1), ok, m, h, len(c2), ops(c2), ok2, float64(ops(c1))/2+float64(ops(c2)))
	}
}

func TestTmpAlt(t *testing.T) {
	rng := func(a, b int) []int {
		var r []int
		for i := a; i <= b; i++ {
			r = append(r, i)
		}
		return r
	}
	a, _ := PresortedNetwork([]int{5, 5}, rng(0, 9))
	b, _ := PresortedNetwork([]int{10, 10}, rng(7, 12))
	c, _ := PresortedNetwork([]int{10, 5, 5}, rng(7, 12))
	d, _ := PresortedNetwork([]int{5, 5}, rng(0, 9))
	t.Logf("5+5 sort %d ops; 10+10 sel 7..12: %d ops; 10,5,5 sel: %d; %d", ops(a), ops(b), ops(c), ops(d))
}
