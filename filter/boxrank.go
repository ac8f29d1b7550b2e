package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/network"
)

// The median over an HxW box by shared column sorts: for each output line
// the H input lines are sorted elementwise once (each sorted column serves
// the W windows that contain it). Then either each window's median comes
// from a selection network that knows its columns are sorted and so skips
// the exchanges that could never swap, or, where it takes fewer min/max
// (5x5 among others), neighbouring windows go in pairs (boxPair). The
// networks read the sorted columns in place, as shifted views. Lines with
// a NaN take the lane program.

// boxMedianAlg is the median over a box by shared column sorts.
type boxMedianAlg struct{}

// boxRank is the plan of the shared-column median.
type boxRank struct {
	*patternPlan
	why    string
	h, w   int
	start  int          // the box's first offset along the line
	cols   []network.CE // sorts a column of h
	net    []network.CE // selects the ranks from w sorted columns
	r1, r2 int
	t      float64
	colIn  []bool // per column wire: the sort leaves it in the source
	netIn  []bool // per rank wire: likewise for the selection

	// pair: windows taken two at a time (see boxPairLine); net is nil then.
	pair *boxPair
}

// boxPair plans the median of two neighbouring windows at once. They share
// w-1 columns; a network over those puts the shared ranks lo..hi in order
// (the others can be no window's answer), and each window then selects its
// rank from those and its own extra sorted column by the split formula of
// mergeSelect. For 5x5 that is 63 min/max per pixel against 146.
type boxPair struct {
	common   []network.CE // over (w-1)*h wires: ranks lo..hi
	lo, hi   int
	commonIn []bool // per rank lo..hi: the network leaves it in the source
}

func (boxMedianAlg) choose(c *candidate) linePlan {
	fp := c.pat
	if fp == nil || fp.pat.Kind != compile.RankPattern {
		return nil
	}
	pat := fp.pat
	if _, _, _, ok := pat.Ranks(fp.n); !ok || !pat.Median || len(fp.lens) != 1 || len(fp.runs) < 2 || fp.lens[0] < 2 {
		return nil
	}
	h, w := len(fp.runs), fp.lens[0]
	for _, r := range fp.runs {
		if r.start != fp.runs[0].start {
			return nil
		}
	}
	r1, r2, t, ok := pat.Ranks(h * w)
	if !ok {
		return nil
	}
	b := &boxRank{patternPlan: fp, h: h, w: w, start: fp.runs[0].start, cols: network.Sort(h), r1: r1, r2: r2, t: t}
	for i := 0; i < h; i++ {
		b.colIn = append(b.colIn, !network.Touched(b.cols, i))
	}
	single, okSingle := network.PresortedSelection(h, w, r1, r2)
	pair, pairOps := newBoxPair(h, w, r1, r2)
	switch {
	case pair != nil && (!okSingle || pairOps < 2*minMaxOps(single)):
		b.pair = pair
		b.why = fmt.Sprintf("%dx%d median: columns sorted once per line and shared by %d windows (%d exchanges); windows taken in pairs, a %d-exchange network over their %d shared sorted columns, then a merge with each window's own column (%.1f min/max per pixel)",
			h, w, w, len(b.cols), len(pair.common), w-1, float64(pairOps)/2)
	case okSingle:
		b.net = single
		for i := 0; i < h*w; i++ {
			b.netIn = append(b.netIn, !network.Touched(b.net, i))
		}
		b.why = fmt.Sprintf("%dx%d median: columns sorted once per line and shared by %d windows (%d exchanges), then a %d-exchange selection network that knows its columns are sorted",
			h, w, w, len(b.cols), len(b.net))
	default:
		return nil
	}
	b.why = transformNote(pat, b.why+"; lines with a NaN take the lane program")
	return b
}

func (b *boxRank) path() Path {
	k := BoxMedianPath
	if b.pair != nil {
		k = BoxPairsPath
	}
	return Path{Kind: k, Reason: b.why, Exact: true}
}

// newBoxPair plans the pairwise median, or returns nil when the shared
// network cannot be built; ops is the min/max count for a pair of pixels.
func newBoxPair(h, w, r1, r2 int) (bp *boxPair, ops int) {
	if w < 2 {
		return nil, 0
	}
	shared := (w - 1) * h
	lo, hi := max(0, r1-h), min(shared-1, r2)
	groups := make([]int, w-1)
	for i := range groups {
		groups[i] = h
	}
	var ranks []int
	for r := lo; r <= hi; r++ {
		ranks = append(ranks, r)
	}
	common, ok := network.PresortedNetwork(groups, ranks)
	if !ok {
		return nil, 0
	}
	bp = &boxPair{common: common, lo: lo, hi: hi}
	for r := lo; r <= hi; r++ {
		bp.commonIn = append(bp.commonIn, !network.Touched(common, r))
	}
	ops = minMaxOps(common)
	for _, r := range []int{r1, r2} {
		if r == r2 && r1 == r2 {
			break
		}
		ops += 2 * mergeSelectOps(hi-lo+1, h, r-lo)
	}
	return bp, ops
}

// minMaxOps counts a network's min and max operations.
func minMaxOps(net []network.CE) int {
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

// boxRankWorker is a worker's scratch for boxRank.
type boxRankWorker struct {
	patternWorker
	b            *boxRank
	rows, sorted [][]float64 // h input lines, and their sorted columns
	src, wires   [][]float64 // h*w shifted views, and the network's scratch
	srcP, wiresP [][]float64 // the same, for one piece of the line

	// the pair path: the sorted lines split into even and odd columns, so
	// that pair lane j reads column 2j+c as ev or od at j+c/2
	ev, od [][]float64
	res    [][]float64 // per window, the ranks r1 and r2
	a, bb  [][]float64 // views of the shared ranks and the extra column
}

func (b *boxRank) newWorker(p *plan) lineWorker {
	P := p.padL + p.length + p.padR
	bw := &boxRankWorker{patternWorker: newPatternWorker(b.patternPlan), b: b, rows: make([][]float64, b.h), sorted: vectorsOf(b.h, P),
		src: make([][]float64, b.h*b.w), srcP: make([][]float64, b.h*b.w), wiresP: make([][]float64, b.h*b.w)}
	if b.pair == nil {
		bw.wires = vectorsOf(b.h*b.w, min(p.length, piece))
		return bw
	}
	half := P/2 + b.w/2 + 2
	bw.ev, bw.od = vectorsOf(b.h, half), vectorsOf(b.h, half)
	bw.wires = vectorsOf((b.w-1)*b.h, min((p.length+1)/2, piece/2))
	bw.res = vectorsOf(4, min((p.length+1)/2, piece/2))
	bw.a = make([][]float64, b.pair.hi-b.pair.lo+1)
	bw.bb = make([][]float64, b.h)
	return bw
}

func vectorsOf(n, size int) [][]float64 {
	flat := make([]float64, n*size)
	v := make([][]float64, n)
	for i := range v {
		v[i] = flat[i*size : (i+1)*size : (i+1)*size]
	}
	return v
}

// fill computes the current output line, or reports false when one of its
// lines has a NaN.
func (bw *boxRankWorker) fill(w *worker, dst []float64) (bool, error) {
	b, p := bw.b, w.p
	w.lines()
	for i, r := range b.runs {
		l := w.cur[r.group]
		bw.rows[i] = bw.transformed(l)
		if bw.hasNaN(l, bw.rows[i]) {
			return false, nil
		}
	}
	network.Run(b.cols, bw.rows, bw.sorted)
	if b.pair != nil {
		bw.pairLine(w, dst)
		return true, nil
	}
	L := p.length
	at := p.padL + b.start
	for c := 0; c < b.w; c++ {
		for r := 0; r < b.h; r++ {
			col := bw.sorted[r]
			if b.colIn[r] {
				col = bw.rows[r]
			}
			bw.src[c*b.h+r] = col[at+c : at+c+L]
		}
	}
	for off := 0; off < L; off += piece {
		n := min(piece, L-off)
		for i := range bw.src {
			bw.srcP[i] = bw.src[i][off : off+n]
			bw.wiresP[i] = bw.wires[i][:n]
		}
		network.Run(b.net, bw.srcP, bw.wiresP)
		v1, v2 := bw.wiresP[b.r1], bw.wiresP[b.r2]
		if b.netIn[b.r1] {
			v1 = bw.srcP[b.r1]
		}
		if b.netIn[b.r2] {
			v2 = bw.srcP[b.r2]
		}
		out := dst[off : off+n]
		v1, v2 = v1[:n], v2[:n]
		if b.t == 0 { // an odd count: numpy's 0.0 + x
			for i := range out {
				out[i] = 0 + v1[i]
			}
		} else {
			for i := range out {
				out[i] = ((0 + v1[i]) + v2[i]) / 2
			}
		}
	}
	return true, nil
}

// piece is how many pixels a network runs over at a time: long enough that
// the call per exchange is cheap, short enough for the wires to stay in L2.
const piece = 512

// pairLine is fill for the pair path, once the columns are sorted.
func (bw *boxRankWorker) pairLine(w *worker, dst []float64) {
	b, p := bw.b, w.p
	bp := b.pair
	L := p.length
	at := p.padL + b.start
	for r := 0; r < b.h; r++ {
		col := bw.sorted[r]
		if b.colIn[r] {
			col = bw.rows[r]
		}
		deinterleave(bw.ev[r], bw.od[r], col[at:])
	}
	lanes := (L + 1) / 2
	ranks := []int{b.r1, b.r2}
	if b.r1 == b.r2 {
		ranks = ranks[:1]
	}
	shared := (b.w - 1) * b.h
	for off := 0; off < lanes; off += piece / 2 {
		n := min(piece/2, lanes-off)
		for g := 0; g < b.w-1; g++ {
			c := g + 1
			for r := 0; r < b.h; r++ {
				half := bw.ev[r]
				if c%2 == 1 {
					half = bw.od[r]
				}
				bw.srcP[g*b.h+r] = half[off+c/2 : off+c/2+n]
			}
		}
		for i := 0; i < shared; i++ {
			bw.wiresP[i] = bw.wires[i][:n]
		}
		network.Run(bp.common, bw.srcP[:shared], bw.wiresP[:shared])
		for q := range bw.a {
			if bp.commonIn[q] {
				bw.a[q] = bw.srcP[bp.lo+q]
			} else {
				bw.a[q] = bw.wiresP[bp.lo+q]
			}
		}
		for win, c := range [2]int{0, b.w} {
			for r := 0; r < b.h; r++ {
				half := bw.ev[r]
				if c%2 == 1 {
					half = bw.od[r]
				}
				bw.bb[r] = half[off+c/2 : off+c/2+n]
			}
			for k, rank := range ranks {
				mergeSelect(bw.res[2*win+k][:n], bw.a, bw.bb, rank-bp.lo)
			}
		}
		out := dst[2*off : min(L, 2*(off+n))]
		r0, r1 := bw.res[0][:n], bw.res[2][:n]
		if len(ranks) == 1 { // an odd count: numpy's 0.0 + x
			for j := 0; j < n; j++ {
				if 2*j+1 < len(out) {
					out[2*j], out[2*j+1] = 0+r0[j], 0+r1[j]
				} else {
					out[2*j] = 0 + r0[j]
				}
			}
			continue
		}
		s0, s1 := bw.res[1][:n], bw.res[3][:n]
		for j := 0; j < n; j++ {
			out[2*j] = ((0 + r0[j]) + s0[j]) / 2
			if 2*j+1 < len(out) {
				out[2*j+1] = ((0 + r1[j]) + s1[j]) / 2
			}
		}
	}
}

// deinterleave splits src into its even and odd elements, padding both
// with zeros to their length (the pad feeds only lanes past the line).
func deinterleave(ev, od, src []float64) {
	j := 0
	for ; j < len(ev) && 2*j+1 < len(src); j++ {
		ev[j], od[j] = src[2*j], src[2*j+1]
	}
	for ; j < len(ev); j++ {
		ev[j], od[j] = 0, 0
		if 2*j < len(src) {
			ev[j] = src[2*j]
		}
	}
}

// mergeSelect puts in out rank k of the union of two sorted lists of
// lanes, a and b. Rank k is the least, over the splits i+j = k+1, of the
// larger of a[i-1] and b[j-1]: each such pair has k+1 elements at or
// below it, and the split at the answer attains it.
func mergeSelect(out []float64, a, b [][]float64, k int) {
	first := true
	for i := max(0, k+1-len(b)); i <= min(len(a), k+1); i++ {
		j := k + 1 - i
		var x, y []float64
		switch {
		case i == 0:
			x = b[j-1]
		case j == 0:
			x = a[i-1]
		default:
			x, y = a[i-1], b[j-1]
		}
		minOfMax(out, x, y, first)
		first = false
	}
}

// mergeSelectOps counts mergeSelect's min and max operations.
func mergeSelectOps(m, h, k int) int {
	ops := -1
	for i := max(0, k+1-h); i <= min(m, k+1); i++ {
		ops++
		if i != 0 && i != k+1 {
			ops++
		}
	}
	return ops
}
