package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/network"
	"github.com/kfilter/kfilter/compile/vec"
)

// intMedianAlg is a rank of small-integer input (uint8, int8, uint16,
// int16; no transform) over a small box, in the input's own type from end
// to end: the box's input lines are sorted elementwise once per output
// line (each sorted column serves the w windows that contain it), then a
// selection network that knows its columns are sorted picks each window's
// rank, every exchange one vector min and max over 32 bytes of the line.
// A rank of whole numbers is the same value in any type, so the results
// are the lane program's. Past intMedianMax values the typed rank path
// (typedRankAlg: sorted column groups merged) is cheaper, but for the
// uint8 5x5 and 7x7 medians' own kernels.
type intMedianAlg struct{}

// intMedianMax is the largest box (in elements) taken by the selection
// network. Measured on 1024x1024 noise, one thread, a shared machine
// (steady-state medians, ms, this path against typedRankAlg): uint8 3x5
// median 5.9 against 7.7, int16 8.4 against 12.3, int16 3x3 sort(values)[3]
// 7.4 against 15.3; at 5x5 the typed rank path wins: int8 median 12.5
// against 9.8, uint16 27 against 16, int16 25 against 16, uint8
// sort(values)[3] 12.5 against 11.5. The uint8 5x5 median's two-line
// kernel takes 1.5 ms against the typed rank path's 10.
const intMedianMax = 15

func (intMedianAlg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || pp.pat.Kind != compile.RankPattern || pp.pat.Pre != nil || !cvalIs(c.p, c.dtype) ||
		len(pp.lens) != 1 || pp.n < 2 {
		return nil
	}
	// the uint8 7x7 median: one network in registers, no column sorts
	seven := c.dtype == Uint8 && vec.AVX2 && pp.n == 49 && len(pp.runs) == 7 && pp.pat.Median
	if pp.n > intMedianMax && !seven && !(c.dtype == Uint8 && pp.n == 25 && len(pp.runs) == 5) {
		return nil
	}
	for _, r := range pp.runs {
		if r.start != pp.runs[0].start {
			return nil
		}
	}
	r1, r2, t, ok := pp.pat.Ranks(pp.n)
	// two ranks averaged are not a value of the type; a percentile that
	// falls on a rank is numpy's lerp(v1, v2, 0) = v1 exactly
	if !ok || r1 != r2 && !(pp.pat.Percent && t == 0) {
		return nil
	}
	// past intMedianMax, only the uint8 5x5 median, two output lines a
	// pass with AVX2 (median5PairWorker; without, as before)
	if pp.n > intMedianMax && !seven && r1 != 12 {
		return nil
	}
	switch c.dtype {
	case Uint8:
		return newIntMedian(c, r1, vec.MinU8, vec.MaxU8)
	case Int8:
		return newIntMedian(c, r1, vec.MinI8, vec.MaxI8)
	case Uint16:
		return newIntMedian(c, r1, vec.MinU16, vec.MaxU16)
	case Int16:
		return newIntMedian(c, r1, vec.MinI16, vec.MaxI16)
	}
	return nil
}

type intMedianPlan[T vec.Integer] struct {
	*patternPlan
	minOp, maxOp func(a, x, y []T)
	h, w, start  int
	rank         int
	cols, net    []network.CE
	colIn        []bool                     // per row: the column sort leaves it in the input line
	rankIn       bool                       // the selection leaves the rank in its source
	top          bool                       // the whole kernel, not a hoisted sub-expression: it may write the output
	med9         bool                       // the 3x3 median: med9 over the sorted columns, whole lines at a time
	median3x3    func(out, a, b, c []T)     // the 3x3 median in one pass, for uint8
	median5x5    func(out []T, s [][]T) int // the 5x5 median from sorted columns in registers, for uint8
	pair5        bool                       // the uint8 5x5 median two lines a pass (median5PairWorker)
	median7x7    func(out []T, s [][]T)     // the 7x7 median in registers, for uint8
	why          string
}

func newIntMedian[T vec.Integer](c *candidate, rank int, minOp, maxOp func(a, x, y []T)) linePlan {
	pp := c.pat
	h, w := len(pp.runs), pp.lens[0]
	if h == 7 && w == 7 {
		if f, ok := any(vec.Median7x7U8).(func(out []T, s [][]T)); ok {
			return &intMedianPlan[T]{patternPlan: pp, minOp: minOp, maxOp: maxOp, h: h, w: w, start: pp.runs[0].start,
				rank: rank, top: !c.sub, median7x7: f,
				why: "7x7 median of uint8 in uint8 from end to end: a 590-min/max selection network over the 49 pixels (Batcher's, pruned to the median) run in vector registers, 32 pixels a step; never widened to float64"}
		}
	}
	net, ok := network.PresortedSelection(h, w, rank, rank)
	if !ok {
		return nil
	}
	m := &intMedianPlan[T]{patternPlan: pp, minOp: minOp, maxOp: maxOp, h: h, w: w, start: pp.runs[0].start,
		rank: rank, cols: network.Sort(h), net: net, rankIn: !network.Touched(net, rank), top: !c.sub}
	for i := 0; i < h; i++ {
		m.colIn = append(m.colIn, !network.Touched(m.cols, i))
	}
	if h == 3 && w == 3 && rank == 4 {
		m.med9 = true
		if f, ok := any(vec.Median3x3U8).(func(out, a, b, c []T)); ok {
			m.median3x3 = f
			m.why = fmt.Sprintf("3x3 median of uint8 in uint8 from end to end: in one pass over the three lines, each column sorted and med3(max of lows, med3 of middles, min of highs) taken in vector registers, 32 pixels a step; never widened to float64")
			return m
		}
		m.why = fmt.Sprintf("3x3 median of %v in %v from end to end: each column sorted once and shared by three windows, then med3(max of lows, med3 of middles, min of highs), 18 min/max per pixel, %d pixels a vector instruction; never widened to float64",
			c.dtype, c.dtype, 32/c.dtype.Size())
		return m
	}
	if f, ok := any(vec.Median5x5SortedU8).(func(out []T, s [][]T) int); ok && h == 5 && w == 5 && rank == 12 && vec.AVX2 {
		m.median5x5, m.pair5 = f, true
		m.why = "5x5 median of uint8 in uint8 from end to end, two output lines a pass: the four input lines they share sorted by column once, ranks 7-12 of the shared 20 values selected once per pixel pair (114 min/max), then each line's median as rank 5 of those six and its own fifth line (34), in vector registers 32 pixels a step; lines without a partner by the one-line network over sorted columns; never widened to float64"
		return m
	}
	m.why = fmt.Sprintf("rank %d of a %dx%d box of %v in %v from end to end: columns sorted once per line and shared by %d windows (%d exchanges), then a %d-exchange selection network that knows its columns are sorted, %d elements a vector instruction; never widened to float64",
		rank, h, w, c.dtype, c.dtype, w, len(m.cols), len(net), 32/c.dtype.Size())
	return m
}

func (m *intMedianPlan[T]) path() Path { return Path{Kind: IntMedianPath, Reason: m.why, Exact: true} }

type intMedianWorker[T vec.Integer] struct {
	m            *intMedianPlan[T]
	rows, sorted [][]T // h input lines, and their sorted columns
	src, wires   [][]T // h*w shifted views, and the network's scratch
	srcP         [][]T
	tmpCol, tmp  []T    // scratch wires for the two networks (as long as theirs)
	t9           [4][]T // med9's scratch lines
	s5           [7][]T // the 5x5 kernel's sorted lines, the 7x7's lines
	acc          []T    // a piece's length
}

// intPiece is how many bytes of a line the selection network runs over
// at a time: its wires (up to 25 of them) stay in L1.
const intPiece = 1024

func (m *intMedianPlan[T]) newWorker(p *plan) lineWorker {
	if pm, ok := any(m).(*intMedianPlan[uint8]); ok && pm.pair5 {
		return newMedian5Pair(pm, p)
	}
	return m.newWorker1(p)
}

// newWorker1 is the worker of one output line a pass.
func (m *intMedianPlan[T]) newWorker1(p *plan) *intMedianWorker[T] {
	P := p.padL + p.length + p.padR
	n := min(p.length, intPiece/int(sizeOf[T]()))
	return &intMedianWorker[T]{m: m, rows: make([][]T, m.h), sorted: typedVectors[T](m.h, P),
		src: make([][]T, m.h*m.w), srcP: make([][]T, m.h*m.w), wires: typedVectors[T](m.h*m.w, n),
		tmpCol: make([]T, P), tmp: make([]T, n), acc: make([]T, n),
		t9: [4][]T{make([]T, P), make([]T, P), make([]T, P), make([]T, P)}}
}

func sizeOf[T vec.Integer]() uintptr {
	var x T
	switch any(x).(type) {
	case uint8, int8:
		return 1
	}
	return 2
}

func typedVectors[T any](n, size int) [][]T {
	flat := make([]T, n*size)
	v := make([][]T, n)
	for i := range v {
		v[i] = flat[i*size : (i+1)*size : (i+1)*size]
	}
	return v
}

func (mw *intMedianWorker[T]) fill(w *worker, dst []float64) (bool, error) {
	m, p := mw.m, w.p
	w.cachedLines()
	for i, r := range m.runs {
		mw.rows[i] = typedLine[T](w, r.group)
	}
	L := p.length
	at := p.padL + m.start
	out, inPlace := w.output.Data.([]T)
	inPlace = inPlace && m.top
	if inPlace {
		out = out[w.outStart : w.outStart+L]
	}
	w.wrote = inPlace
	if m.median7x7 != nil {
		res := out
		if !inPlace {
			res = mw.t9[3][:L]
		}
		for r := range mw.s5 {
			mw.s5[r] = mw.rows[r][at:]
		}
		m.median7x7(res, mw.s5[:])
		if !inPlace {
			widen(dst[:L], res)
		}
		return true, nil
	}
	if m.median3x3 != nil {
		res := out
		if !inPlace {
			res = mw.t9[3][:L]
		}
		m.median3x3(res, mw.rows[0][at:], mw.rows[1][at:], mw.rows[2][at:])
		if !inPlace {
			widen(dst[:L], res)
		}
		return true, nil
	}
	runIntNet(m.cols, mw.rows, mw.sorted, &mw.tmpCol, m.minOp, m.maxOp)
	for c := 0; c < m.w; c++ {
		for r := 0; r < m.h; r++ {
			col := mw.sorted[r]
			if m.colIn[r] {
				col = mw.rows[r]
			}
			mw.src[c*m.h+r] = col[at+c : at+c+L]
		}
	}
	if m.med9 {
		res := mw.t9[3][:L]
		if inPlace {
			res = out
		}
		mw.med9(res, mw.src)
		if !inPlace {
			widen(dst[:L], res)
		}
		return true, nil
	}
	step := len(mw.acc)
	wires := mw.wires
	first := 0
	if m.median5x5 != nil {
		res := out
		if !inPlace {
			res = mw.t9[3][:L]
		}
		for r := range mw.s5[:5] {
			col := mw.sorted[r]
			if m.colIn[r] {
				col = mw.rows[r]
			}
			mw.s5[r] = col[at:]
		}
		first = m.median5x5(res, mw.s5[:5])
		if !inPlace {
			widen(dst[:first], res[:first])
		}
	}
	for off := first; off < L; off += step {
		n := min(step, L-off)
		for i := range mw.src {
			mw.srcP[i] = mw.src[i][off : off+n]
			wires[i] = wires[i][:n]
		}
		runIntNet(m.net, mw.srcP, wires, &mw.tmp, m.minOp, m.maxOp)
		v := wires[m.rank]
		if m.rankIn {
			v = mw.srcP[m.rank]
		}
		if inPlace {
			copy(out[off:off+n], v)
		} else {
			widen(dst[off:off+n], v)
		}
	}
	return true, nil
}

// runIntNet is network.Run on lanes of integers: wire i starts as src[i],
// which it never writes, and lives in scratch[i] from its first exchange
// on. An exchange that keeps both results computes the minimum into *tmp
// and swaps it in as wire I's buffer, so no wire is overwritten before
// it is read; *tmp is as long as the wires.
func runIntNet[T vec.Integer](net []network.CE, src, scratch [][]T, tmp *[]T, minOp, maxOp func(a, x, y []T)) {
	for _, c := range net {
		x, y := scratch[c.I], scratch[c.J]
		if c.SrcI {
			x = src[c.I]
		}
		if c.SrcJ {
			y = src[c.J]
		}
		switch {
		case c.Lo && c.Hi:
			t := (*tmp)[:len(x)]
			minOp(t, x, y)
			maxOp(scratch[c.J][:len(x)], x, y)
			*tmp, scratch[c.I] = scratch[c.I][:cap(scratch[c.I])], t
		case c.Lo:
			minOp(scratch[c.I][:len(x)], x, y)
		case c.Hi:
			maxOp(scratch[c.J][:len(x)], x, y)
		}
	}
}

// med9 sets res to the median of each 3x3 window from its three sorted
// columns (src[c*3+r]: row r of column c, as shifted views):
// med3(max of the lows, med3 of the middles, min of the highs), whole
// lines at a time, each step one vector kernel over the line.
func (mw *intMedianWorker[T]) med9(res []T, src [][]T) {
	mn, mx := mw.m.minOp, mw.m.maxOp
	L := len(res)
	l, h, a, b := mw.t9[0][:L], mw.t9[1][:L], mw.t9[2][:L], res
	mx(l, src[0], src[3])
	mx(l, l, src[6])
	mn(h, src[2], src[5])
	mn(h, h, src[8])
	// the middles' median: max(min(x, y), min(max(x, y), z))
	mn(a, src[1], src[4])
	mx(b, src[1], src[4])
	mn(b, b, src[7])
	mx(a, a, b)
	// med3(l, a, h) likewise
	mn(b, l, a)
	mx(l, l, a)
	mn(l, l, h)
	mx(res, b, l)
}
