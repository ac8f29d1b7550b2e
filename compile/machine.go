package compile

import (
	"fmt"
	"math"
	"unsafe"

	"github.com/kfilter/kfilter/compile/vec"
)

// Machine runs a Program. It owns the registers, so each goroutine needs
// its own; making one allocates, running it does not.
type Machine struct {
	p     *Program
	slots [][]float64 // every slot, as a vector of Strip pixels
	arena []float64   // the slots from N on, one after the other
	strip int         // the arena's stride
	buf   []float64   // one pixel's elements, for per-pixel work
	tmp   []float64   // scratch for per-pixel variance
	acc   [][]float64 // lane scratch for pairwise sums past 128 terms, one per level
	mean  []float64   // lane scratch for the mean (std, var)
	wires [][]float64 // lane scratch for sorting networks
	nan   []float64   // per pixel: the sum of a network's inputs, NaN if one is
	fuse  []uint8     // per instruction, the fused chain that starts there (fuse.go)
	ew    []ewChain   // per instruction, the elementwise chain that starts there (fuse_ew.go)
	// inputs: the footprint values an instruction reads, the only ones
	// Run points at the caller's vectors (runstrip.go)
	inputs []int32
	// resultInArena: the result register is a filter's destination, which
	// filter addresses through the arena, so Run may not point it at out
	resultInArena bool
}

// NewMachine allocates a machine's registers.
func (p *Program) NewMachine() *Machine {
	return newMachine(p, true)
}

// newMachine makes p's machine; compact leaves the registers no
// instruction stores (inside fused chains) without memory and runs longer
// strips (runstrip.go), and the machine must then keep its fusions.
func newMachine(p *Program, compact bool) *Machine {
	fuse := fusions(p)
	used, skipped := slotsUsed(p, fuse)
	strip := p.Strip
	var unused []bool // slots no instruction stores
	if compact {
		strip, unused = runLayout(p, used, skipped)
	}
	m := &Machine{p: p, slots: make([][]float64, p.NumSlots), strip: strip, inputs: readInputs(p, used)}
	owned := 0
	for i := p.N; i < p.NumSlots; i++ {
		if unused == nil || !unused[i] {
			owned++
		}
	}
	arena := make([]float64, owned*strip)
	m.arena = arena
	j := 0
	for i := p.N; i < p.NumSlots; i++ {
		if unused != nil && unused[i] {
			continue // nil: a stray access panics
		}
		m.slots[i] = arena[j*strip : (j+1)*strip : (j+1)*strip]
		j++
	}
	for i, k := range p.Consts {
		v := m.slots[p.N+1+p.Ext+i]
		for j := range v {
			v[j] = k
		}
	}
	m.scratch(p.Instrs, strip)
	// the filter-and-sum pairs take only instructions no other fusion
	// does, and their slots keep memory (slotsUsed sees them unfused)
	m.fuse, m.ew = ewFusions(p, filterSums(p, fuse), vec.AVX512)
	for _, in := range p.Instrs {
		if in.Op == OpFilter && in.Dst <= int32(p.Result) && int32(p.Result) < in.Dst+in.N {
			m.resultInArena = true
		}
	}
	return m
}

// scratch sizes the per-pixel and lane scratch for instrs.
func (m *Machine) scratch(instrs []Instr, strip int) {
	maxN, maxSum := 1, 0
	for _, in := range instrs {
		maxN = max(maxN, int(in.N), int(in.M))
		switch in.Op {
		case OpStd, OpVar, OpSum, OpMean:
			maxSum = max(maxSum, int(in.N))
		}
	}
	m.buf = make([]float64, maxN)
	maxNet := 0
	for _, in := range instrs {
		if in.Net >= 0 && in.Op != OpInvalid {
			maxNet = max(maxNet, int(in.N))
		}
	}
	m.wires = vectors(maxNet, strip)
	m.nan = make([]float64, strip)
	m.tmp = make([]float64, maxN)
	if maxSum > 128 { // sums of up to 128 keep their accumulators in registers
		depth := 1
		for n := maxSum; n > 128; n /= 2 {
			depth++
		}
		m.acc = vectors(depth, strip)
	}
	m.mean = make([]float64, strip)
}

func vectors(n, strip int) [][]float64 {
	flat := make([]float64, n*strip)
	v := make([][]float64, n)
	for i := range v {
		v[i] = flat[i*strip : (i+1)*strip : (i+1)*strip]
	}
	return v
}

// Run computes out[i] for every pixel i of the strip from in[k][i], the
// value of footprint element k at pixel i, and center[i], the value at the
// pixel itself (nil if the kernel does not use center); in[N+i] is the
// value of the i-th sub-expression Program.Hoist took. Each in[k] and center must be at least
// len(out) long; any length of out works, longer strips run in pieces of
// Program.Strip.
func (m *Machine) Run(out []float64, in [][]float64, center []float64) {
	p := m.p
	if len(in) != p.N+p.Ext {
		panic(fmt.Sprintf("compile: Run with %d inputs, the program has %d", len(in), p.N+p.Ext))
	}
	// The result's register is out itself when it is a temporary and out
	// shares no memory with the inputs: no copy per strip.
	res := m.slots[p.Result]
	direct := p.Kind(p.Result) == SlotTemp && !m.resultInArena && !m.overlapsAny(out, in, center)
	defer func() { m.slots[p.Result] = res }()
	for off := 0; off < len(out); off += m.strip {
		n := min(m.strip, len(out)-off)
		if direct {
			m.slots[p.Result] = out[off : off+n : off+n]
		}
		for _, k := range m.inputs {
			m.slots[k] = in[k][off : off+n]
		}
		for i, x := range in[p.N:] {
			m.slots[p.N+1+i] = x[off : off+n]
		}
		if center != nil {
			m.slots[p.Center] = center[off : off+n]
		}
		for i := 0; i < len(p.Instrs); i++ {
			if m.fuse != nil && m.fuse[i] != fuseNone {
				i += m.runFused(i, n) - 1
				continue
			}
			m.exec(&p.Instrs[i], n)
		}
		if !direct {
			copy(out[off:off+n], m.slots[p.Result][:n])
		}
	}
}

// overlapsAny reports whether out shares memory with center or any of in
// the machine reads.
func (m *Machine) overlapsAny(out []float64, in [][]float64, center []float64) bool {
	if len(out) == 0 {
		return false
	}
	lo := uintptr(unsafe.Pointer(&out[0]))
	hi := lo + uintptr(len(out))*8
	over := func(x []float64) bool {
		if len(x) == 0 {
			return false
		}
		a := uintptr(unsafe.Pointer(&x[0]))
		return a < hi && lo < a+uintptr(len(x))*8
	}
	if over(center) {
		return true
	}
	for _, k := range m.inputs {
		if over(in[k]) {
			return true
		}
	}
	for _, x := range in[m.p.N:] {
		if over(x) {
			return true
		}
	}
	return false
}

// exec runs one instruction over a strip of n pixels.
func (m *Machine) exec(in *Instr, n int) {
	s := m.slots
	switch op := in.Op; {
	case op.arity() > 0:
		m.elementwise(in, n)
	case op.IsReduction():
		if in.Net >= 0 && m.p != nil {
			m.rankLanes(in, n)
		} else if in.L >= 0 && m.reduceLens(in, n) {
			// a sum or mean of a filtered array, lane-wise
		} else if in.L >= 0 || !m.reduceLanes(in, n) {
			m.reducePixels(in, n)
		}
	case op == OpSort && in.Net >= 0 && m.p != nil:
		m.rankLanes(in, n)
	case op == OpSort:
		var lens []float64
		if in.L >= 0 {
			lens = s[in.L][:n]
		}
		for i := 0; i < n; i++ {
			cnt := int(in.N)
			if lens != nil {
				cnt = int(lens[i])
			}
			buf := m.buf[:cnt]
			for k := range buf {
				buf[k] = s[in.A+int32(k)][i]
			}
			sortFloats(buf)
			for k, x := range buf {
				s[in.Dst+int32(k)][i] = x
			}
		}
	case op == OpFilter:
		m.filter(in, n)
	case op == OpGather:
		m.gather(in, n)
	}
}

func (m *Machine) filter(in *Instr, n int) {
	s := m.slots
	var lens []float64
	if in.L >= 0 {
		lens = s[in.L][:n]
	}
	sb := int(in.SB)
	// Without a branch: every element is stored at the pixel's next free
	// place and kept only where the predicate holds (the count moves on);
	// on noisy pixels a branch would be mispredicted half the time. The
	// place past the last kept one is always a destination slot: at most
	// N-1 elements came before it. The destination slots are the arena's,
	// one after the other, so place c of pixel i is at dst[c*strip+i].
	// Four pixels at a time, their counts in registers: each pixel's
	// reads and stores in the element order of one pixel at a time, so
	// a destination that shares slots with A or the predicate is read
	// before it is written as before.
	strip := m.strip
	dst := m.arena[(int(in.Dst)-m.p.N)*strip : (int(in.Dst)-m.p.N+int(in.N))*strip]
	src, pred := s[in.A:in.A+in.N], s[in.B:in.B+(in.N-1)*int32(sb)+1]
	dl := s[in.DL][:n]
	i := 0
	if lens == nil {
		for ; i+4 <= n; i += 4 {
			var c0, c1, c2, c3 int
			for k, a := range src {
				a, p := a[i:i+4:i+4], pred[k*sb][i:i+4:i+4]
				k0, k1, k2, k3 := b2i(p[0] != 0), b2i(p[1] != 0), b2i(p[2] != 0), b2i(p[3] != 0)
				d := dst[i:]
				d[c0*strip], d[c1*strip+1], d[c2*strip+2], d[c3*strip+3] = a[0], a[1], a[2], a[3]
				c0, c1, c2, c3 = c0+k0, c1+k1, c2+k2, c3+k3
			}
			dl[i], dl[i+1], dl[i+2], dl[i+3] = float64(c0), float64(c1), float64(c2), float64(c3)
		}
	}
	for ; i < n; i++ {
		c := 0
		for k, a := range src {
			keep := pred[k*sb][i] != 0 && (lens == nil || float64(k) < lens[i])
			x := a[i] // read before the store: dst may share slots with A or the predicate
			dst[c*strip+i] = x
			c += b2i(keep)
		}
		dl[i] = float64(c)
	}
}

func (m *Machine) gather(in *Instr, n int) {
	s := m.slots
	var lens []float64
	if in.L >= 0 {
		lens = s[in.L][:n]
	}
	sb := int32(in.SB)
	for k := int32(0); k < in.N; k++ {
		d := s[in.Dst+k][:n]
		idx := s[in.B+k*sb][:n]
		for i := range d {
			size := float64(in.M)
			if lens != nil {
				size = lens[i]
			}
			j := math.Trunc(idx[i])
			if j < 0 {
				j += size
			}
			if !(j >= 0 && j < size) {
				d[i] = math.NaN()
				continue
			}
			d[i] = s[in.A+int32(j)][i]
		}
	}
}

// reduceLens runs a sum or mean over arrays whose length varies by pixel
// (a filter's) lane-wise, each pixel's adds in numpy's pairwise order as
// reducePixels does them; it reports false for the other reductions.
func (m *Machine) reduceLens(in *Instr, n int) bool {
	if (in.Op != OpSum && in.Op != OpMean) || in.N == 0 || in.N > 128 {
		return false
	}
	s := m.slots
	d, lens := s[in.Dst][:n], s[in.L][:n]
	vec.SumLens(d, s[in.A:in.A+in.N], lens)
	if in.Op == OpMean {
		arith(d, d, lens, vDiv) // 0/0 is NaN, the mean of nothing
	}
	return true
}

// reduceLanes runs the reductions that have a lane-wise form over a
// fixed-length array; it reports false for the others.
func (m *Machine) reduceLanes(in *Instr, n int) bool {
	if in.N == 0 {
		return false
	}
	s := m.slots
	src := s[in.A : in.A+in.N]
	d := s[in.Dst][:n]
	switch in.Op {
	case OpMin, OpMax: // as reduceMin and reduceMax
		foldLanes(d, src, in.Op == OpMin)
	case OpSum:
		m.sumLanes(d, src, nil, 0)
	case OpMean:
		m.meanLanes(d, src, nil)
	case OpVar, OpStd:
		mu := m.mean[:len(d)]
		m.meanLanes(mu, src, nil)
		m.meanLanes(d, src, mu)
		if in.Op == OpStd {
			sqrtLanes(d)
		}
	case OpProd:
		for i := range d {
			d[i] = 1
		}
		for _, a := range src {
			a = a[:len(d)]
			for i := range d {
				d[i] *= a[i]
			}
		}
	case OpCount:
		for i := range d {
			d[i] = 0
		}
		for _, a := range src {
			vec.CountAdd(d, a)
		}
	case OpAny, OpAll:
		init, flip := 0.0, 1.0
		if in.Op == OpAll {
			init, flip = 1, 0
		}
		for i := range d {
			d[i] = init
		}
		for _, a := range src {
			a = a[:len(d)]
			for i := range d {
				if (a[i] != 0) == (in.Op == OpAny) {
					d[i] = flip
				}
			}
		}
	default:
		return false
	}
	return true
}

// meanLanes is sumLanes divided by the count of terms, numpy's mean: for
// 8 to 128 terms in one kernel (vec.MeanBlocks).
func (m *Machine) meanLanes(d []float64, src [][]float64, mu []float64) {
	if cnt := len(src); cnt >= 8 && cnt <= 128 {
		vec.MeanBlocks(d, src, mu, float64(cnt))
		return
	}
	m.sumLanes(d, src, mu, 0)
	divideBy(d, float64(len(src)))
}

// sumLanes is numpy's pairwise summation of the vectors src, lane by lane,
// into d (which must not be one of src); with mu, of (x - mu)² instead of
// x, the second pass of np.var, without storing the deviations.
func (m *Machine) sumLanes(d []float64, src [][]float64, mu []float64, depth int) {
	cnt := len(src)
	switch {
	case cnt < 8:
		for i := range d {
			d[i] = 0
		}
		for _, a := range src {
			addTerm(d, a, mu)
		}
	case cnt <= 128:
		// accumulator j takes elements j, j+8, j+16, ... in order, all
		// eight in registers through one pass
		sumBlocks(d, src, mu)
	default:
		n2 := cnt / 2
		n2 -= n2 % 8
		tmp := m.acc[depth][:len(d)]
		m.sumLanes(d, src[:n2], mu, depth+1)
		m.sumLanes(tmp, src[n2:], mu, depth+1)
		addInto(d, tmp)
	}
}

// reducePixels runs a reduction pixel by pixel: each pixel's elements are
// gathered into a buffer and handed to numpy's algorithm for one array.
func (m *Machine) reducePixels(in *Instr, n int) {
	s := m.slots
	d := s[in.Dst][:n]
	var lens, q []float64
	if in.L >= 0 {
		lens = s[in.L][:n]
	}
	if in.Op == OpPercentile {
		q = s[in.B][:n]
	}
	for i := range d {
		cnt := int(in.N)
		if lens != nil {
			cnt = int(lens[i])
		}
		buf := m.buf[:cnt]
		for k := range buf {
			buf[k] = s[in.A+int32(k)][i]
		}
		qi := 0.0
		if q != nil {
			qi = q[i]
		}
		d[i] = reduce(in.Op, buf, m.tmp, qi)
	}
}

// reduce computes reduction op of a (which it may reorder) for one pixel;
// tmp is scratch as long as a, q the percentile.
func reduce(op Op, a, tmp []float64, q float64) float64 {
	switch op {
	case OpMin:
		return reduceMin(a)
	case OpMax:
		return reduceMax(a)
	case OpSum:
		return pairwiseSum(a)
	case OpProd:
		return prod(a)
	case OpMean:
		return mean(a)
	case OpMedian:
		return median(a)
	case OpStd:
		return math.Sqrt(variance(a, tmp))
	case OpVar:
		return variance(a, tmp)
	case OpPercentile:
		return percentile(a, q)
	case OpArgmin:
		return argmin(a)
	case OpArgmax:
		return argmax(a)
	case OpNanMin:
		return nanMin(a)
	case OpNanMax:
		return nanMax(a)
	case OpNanSum:
		s, _ := nanSum(a, tmp)
		return s
	case OpNanMean:
		s, c := nanSum(a, tmp)
		if c == 0 {
			return math.NaN()
		}
		return s / float64(c)
	case OpNanMedian:
		return median(dropNaN(a))
	case OpNanStd:
		return math.Sqrt(nanVar(a, tmp))
	case OpMode:
		return mode(a)
	case OpCount:
		c := 0.0
		for _, x := range a {
			if x != 0 {
				c++
			}
		}
		return c
	case OpAny:
		for _, x := range a {
			if x != 0 {
				return 1
			}
		}
		return 0
	case OpAll:
		for _, x := range a {
			if x == 0 {
				return 0
			}
		}
		return 1
	}
	return math.NaN()
}

// fold evaluates one instruction on constant operands, through the same
// code that runs it on strips, so that folding cannot change a result.
func fold(in Instr, ops [][]float64, strides []uint8, dstN int) []float64 {
	var slots [][]float64
	bases := [3]int32{-1, -1, -1}
	for i, o := range ops {
		bases[i] = int32(len(slots))
		for _, x := range o {
			slots = append(slots, []float64{x})
		}
		if len(o) == 0 {
			slots = append(slots, []float64{math.NaN()})
		}
	}
	in.A, in.B, in.C = bases[0], bases[1], bases[2]
	sp := [3]*uint8{&in.SA, &in.SB, &in.SC}
	for i, s := range strides {
		*sp[i] = s
	}
	in.L, in.DL, in.Net = -1, -1, -1
	in.Dst = int32(len(slots))
	for range max(dstN, 1) {
		slots = append(slots, []float64{0})
	}
	m := &Machine{slots: slots}
	m.scratch([]Instr{in}, 1)
	m.exec(&in, 1)
	out := make([]float64, dstN)
	for k := range out {
		out[k] = slots[int(in.Dst)+k][0]
	}
	return out
}

// rankLanes runs a median, percentile or sort through the instruction's
// sorting network, every exchange a branch-free min and max over the
// strip. Networks order NaN arbitrarily, so pixels with a NaN among their
// elements (their sum is NaN; +Inf with -Inf as well, harmlessly) are
// redone by numpy's algorithm.
func (m *Machine) rankLanes(in *Instr, n int) {
	s := m.slots
	N := int(in.N)
	wires := m.wires[:N]
	sum := m.nan[:n]
	for i := range sum {
		sum[i] = 0
	}
	// A median never returns -0 (numpy adds 0.0), so its network may take
	// -0 as 0: then vector min and max, which order zeros by operand
	// position rather than sign, give exactly Go's scalar results.
	// Sorts and percentiles can return -0 and keep Go's min and max.
	median := in.Op == OpMedian
	for k, w := range wires {
		w = w[:n]
		a := s[in.A+int32(k)][:n]
		if median {
			copyNormalized(w, sum, a)
		} else {
			copy(w, a)
			addInto(sum, a)
		}
	}
	for _, c := range m.p.Nets[in.Net] {
		if median {
			a, b := wires[c.I][:n], wires[c.J][:n]
			exchangeTo(a, b, a, b, c.Lo, c.Hi)
		} else {
			a, b := wires[c.I][:n], wires[c.J][:n]
			exchangeToPortable(a, b, a, b, c.Lo, c.Hi)
		}
	}
	switch in.Op {
	case OpSort:
		for k, w := range wires {
			copy(s[in.Dst+int32(k)][:n], w[:n])
		}
	case OpMedian:
		d := s[in.Dst][:n]
		hi := wires[N/2][:n]
		if N%2 == 1 {
			for i := range d {
				d[i] = 0 + hi[i]
			}
		} else {
			lo := wires[(N-1)/2][:n]
			for i := range d {
				d[i] = ((0 + lo[i]) + hi[i]) / 2
			}
		}
	case OpPercentile:
		d := s[in.Dst][:n]
		q := s[in.B][:n]
		for i := range d {
			lo, hi, t, ok := percentileRanks(N, q[i])
			if !ok {
				d[i] = math.NaN()
				continue
			}
			d[i] = lerp(wires[lo][i], wires[hi][i], t)
		}
	}
	for i, x := range sum {
		if x != x {
			m.redo(in, i)
		}
	}
}

// redo computes pixel i of a reduction or sort the per-pixel way.
func (m *Machine) redo(in *Instr, i int) {
	s := m.slots
	buf := m.buf[:in.N]
	for k := range buf {
		buf[k] = s[in.A+int32(k)][i]
	}
	if in.Op == OpSort {
		sortFloats(buf)
		for k, x := range buf {
			s[in.Dst+int32(k)][i] = x
		}
		return
	}
	q := 0.0
	if in.Op == OpPercentile {
		q = s[in.B][i]
	}
	s[in.Dst][i] = reduce(in.Op, buf, m.tmp, q)
}
