package compile

import (
	"slices"
	"sort"

	"github.com/kfilter/kfilter/compile/network"
)

// finish removes dead code, gives every virtual register its slots and
// builds the Program.
func (c *compiler) finish(res val) (*Program, error) {
	if res.isConst() {
		res.at = c.scalarConst(res.konst[0])
	}
	c.deadCode(res.at.r)

	// liveness
	for i := range c.vregs {
		c.vregs[i].def, c.vregs[i].last = -1, -1
	}
	use := func(r ref, i int) {
		if r.r >= 0 {
			c.vregs[r.r].last = max(c.vregs[r.r].last, i)
		}
	}
	def := func(r ref, i int) {
		if r.r >= 0 && c.vregs[r.r].def < 0 {
			c.vregs[r.r].def = i
		}
	}
	for i, in := range c.code {
		use(in.a, i)
		use(in.b, i)
		use(in.c, i)
		use(in.l, i)
		def(in.dst, i)
		def(in.dl, i)
	}
	use(res.at, len(c.code))

	// fixed slots: values, center, constants
	p := &Program{N: c.k.Env.N, Center: int32(c.k.Env.N), Source: c.k.Source, Kernel: c.k}
	c.vregs[c.values].phys = 0
	c.vregs[c.center].phys = p.Center
	next := p.Center + 1
	for _, r := range c.externList {
		c.vregs[r].phys = next
		next++
	}
	p.Ext = len(c.externList)
	for i := range c.vregs {
		v := &c.vregs[i]
		if v.kind == vConst && v.last >= 0 {
			v.phys = next
			next += int32(v.size)
			p.Consts = append(p.Consts, v.konst...)
		}
	}

	// temporaries: first fit, a destination never overlapping an operand
	base := next
	var free freeList
	var live []int32
	peak := int32(0)
	for i := range c.code {
		for _, r := range []ref{c.code[i].dst, c.code[i].dl} {
			if r.r >= 0 && c.vregs[r.r].def == i {
				v := &c.vregs[r.r]
				v.phys = base + free.alloc(int32(v.size))
				peak = max(peak, v.phys+int32(v.size)-base)
				live = append(live, r.r)
			}
		}
		kept := live[:0]
		for _, r := range live {
			if v := c.vregs[r]; v.last <= i {
				free.release(v.phys-base, int32(v.size))
			} else {
				kept = append(kept, r)
			}
		}
		live = kept
	}
	p.NumSlots = int(base + peak)

	phys := func(r ref) int32 {
		if r.r < 0 {
			return -1
		}
		return c.vregs[r.r].phys + r.off
	}
	read := c.elementsRead(res.at)
	for _, in := range c.code {
		out := in.Instr
		out.Dst, out.A, out.B, out.C = phys(in.dst), phys(in.a), phys(in.b), phys(in.c)
		out.L, out.DL = phys(in.l), phys(in.dl)
		out.Net = c.network(p, in, read[in.dst.r])
		p.Instrs = append(p.Instrs, out)
	}
	p.Result = phys(res.at)
	p.Strip = stripFor(int(peak), p.Instrs)
	return p, nil
}

// elementsRead returns, for each temporary that instructions or the result
// read, the offsets they read; one read by a gather (at indexes known only
// at run time) maps to nil. A sort read only at a few ranks, as in
// sort(values)[k] (the form that matches scipy's rank filters), then needs
// only the selection network for those ranks.
func (c *compiler) elementsRead(res ref) map[int32][]int {
	read := map[int32][]int{}
	whole := map[int32]bool{}
	note := func(r ref, n int32, stride uint8) {
		if r.r < 0 || c.vregs[r.r].kind != vTemp {
			return
		}
		if stride == 0 {
			n = 1
		}
		for k := range n {
			read[r.r] = append(read[r.r], int(r.off+k))
		}
	}
	for _, in := range c.code {
		switch {
		case in.Op == OpGather:
			if in.a.r >= 0 {
				whole[in.a.r] = true
			}
			note(in.b, in.N, in.SB)
		default:
			note(in.a, in.N, in.SA)
			note(in.b, in.N, in.SB)
			note(in.c, in.N, in.SC)
		}
		note(in.l, 1, 0)
	}
	note(res, 1, 0)
	for r := range whole {
		read[r] = nil
	}
	for r, ks := range read {
		slices.Sort(ks)
		read[r] = slices.Compact(ks)
	}
	return read
}

// network gives a median, a percentile of constant q, or a sort of a
// fixed-length array a sorting network, which runs lane by lane without
// branches; it returns -1 for the others. ranks, for a sort, are the only
// elements of its result read later (nil: all of them).
func (c *compiler) network(p *Program, in vinstr, ranks []int) int32 {
	n := int(in.N)
	if in.l.r >= 0 || n < 2 || n > network.Max {
		return -1
	}
	var net []network.CE
	switch in.Op {
	case OpMedian:
		net = network.Selection(n, (n-1)/2, n/2)
	case OpSort:
		net = network.SelectRanks(n, ranks)
	case OpPercentile:
		v := c.vregs[in.b.r]
		if v.kind != vConst {
			return -1
		}
		lo, hi, _, ok := percentileRanks(n, v.konst[in.b.off])
		if !ok {
			return -1
		}
		net = network.Selection(n, lo, hi)
	default:
		return -1
	}
	p.Nets = append(p.Nets, net)
	return int32(len(p.Nets) - 1)
}

// stripFor picks the pixels per strip so that the temporaries of a strip
// stay within a core's L2 cache: long strips amortise the dispatch, short
// ones keep registers cached.
func stripFor(temps int, instrs []Instr) int {
	return stripMax(temps, instrs, 1024, 16)
}

// stripMax is stripFor with at most hi pixels (a multiple of 8) and extra
// vectors of scratch besides the temporaries.
func stripMax(temps int, instrs []Instr, hi, extra int) int {
	budget := 256 << 10
	for _, in := range instrs {
		switch {
		case in.Net >= 0:
			// a network sweeps its wires dozens of times: keep them in L1
			extra = max(extra, 16+int(in.N))
			budget = 64 << 10
		}
	}
	s := budget / 8 / (temps + extra)
	s = min(max(s, 64), hi)
	return s &^ 7
}

// deadCode drops instructions whose results nothing reads.
func (c *compiler) deadCode(result int32) {
	live := make([]bool, len(c.vregs))
	if result >= 0 {
		live[result] = true
	}
	keep := make([]bool, len(c.code))
	for i := len(c.code) - 1; i >= 0; i-- {
		in := c.code[i]
		if (in.dst.r >= 0 && live[in.dst.r]) || (in.dl.r >= 0 && live[in.dl.r]) {
			keep[i] = true
			for _, r := range []ref{in.a, in.b, in.c, in.l} {
				if r.r >= 0 {
					live[r.r] = true
				}
			}
		}
	}
	code := c.code[:0]
	for i, in := range c.code {
		if keep[i] {
			code = append(code, in)
		}
	}
	c.code = code
}

// freeList hands out runs of consecutive slots.
type freeList struct {
	spans [][2]int32 // free [start, end), sorted, disjoint
	end   int32      // first slot never handed out
}

func (f *freeList) alloc(n int32) int32 {
	for i, s := range f.spans {
		if s[1]-s[0] >= n {
			f.spans[i][0] += n
			if f.spans[i][0] == f.spans[i][1] {
				f.spans = append(f.spans[:i], f.spans[i+1:]...)
			}
			return s[0]
		}
	}
	// grow, merging a free run at the end
	if k := len(f.spans); k > 0 && f.spans[k-1][1] == f.end {
		start := f.spans[k-1][0]
		f.spans = f.spans[:k-1]
		f.end = start + n
		return start
	}
	start := f.end
	f.end += n
	return start
}

func (f *freeList) release(start, n int32) {
	if n == 0 {
		return
	}
	f.spans = append(f.spans, [2]int32{start, start + n})
	sort.Slice(f.spans, func(i, j int) bool { return f.spans[i][0] < f.spans[j][0] })
	merged := f.spans[:1]
	for _, s := range f.spans[1:] {
		last := &merged[len(merged)-1]
		if s[0] <= last[1] {
			last[1] = max(last[1], s[1])
		} else {
			merged = append(merged, s)
		}
	}
	f.spans = merged
}
