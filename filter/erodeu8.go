package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// erodeU8Alg is min, max or median of uint8 input over a 3x3 box
// (grayscale erosion, dilation, the 3x3 median), read straight from the input lines in place: one
// pass per output line, the vertical and horizontal min in vector
// registers 32 pixels a step, written straight into a uint8 output; the
// few pixels at the line's ends go through the mode one by one. A min of
// whole numbers is the same value in any type, so the results are the
// lane program's; the median is med9 over the sorted columns, the
// intMedianAlg's, without its line copies.
type erodeU8Alg struct{}

type erodeU8Plan struct {
	*patternPlan
	isMax  bool
	median bool // the median of the nine (rank 4), not the min or max
	top    bool // the whole kernel, not a hoisted sub-expression: it may write the output
	why    string
}

func (erodeU8Alg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || c.dtype != Uint8 || pp.pat.Pre != nil || !cvalIs(c.p, Uint8) ||
		len(pp.runs) != 3 || len(pp.lens) != 1 || pp.lens[0] != 3 {
		return nil
	}
	median := false
	switch pp.pat.Kind {
	case compile.MinPattern, compile.MaxPattern:
	case compile.RankPattern:
		// the median of the nine, or a percentile that falls on it:
		// numpy's lerp(v1, v2, 0) = v1 exactly
		r1, r2, t, ok := pp.pat.Ranks(pp.n)
		if !ok || r1 != 4 || r1 != r2 && !(pp.pat.Percent && t == 0) {
			return nil
		}
		median = true
	default:
		return nil
	}
	for _, r := range pp.runs {
		if r.start != pp.runs[0].start {
			return nil
		}
	}
	if median {
		return &erodeU8Plan{patternPlan: pp, median: true, top: !c.sub,
			why: "3x3 median of uint8 in uint8 from end to end: in one pass over the three lines read in place, each column sorted once and med3(max of lows, med3 of middles, min of highs) taken in vector registers, 32 pixels a step; never widened to float64"}
	}
	return &erodeU8Plan{patternPlan: pp, isMax: pp.pat.Kind == compile.MaxPattern, top: !c.sub,
		why: fmt.Sprintf("%s of a 3x3 box of uint8 read straight from the input lines, one pass per line, 32 pixels a step in vector registers; never widened to float64",
			pp.pat.Kind)}
}

func (d *erodeU8Plan) path() Path {
	if d.median {
		return Path{Kind: IntMedianPath, Reason: d.why, Exact: true}
	}
	return Path{Kind: DirectPath, Reason: d.why, Exact: true}
}

type erodeU8Worker struct {
	d        *erodeU8Plan
	acc      []uint8  // the output line, when not written in place
	cvalLine []uint8  // a line of cval, for lines beyond the edges
	lo, hi   int      // the interior: the pixels whose windows lie in the line
	edge     []int    // the other pixels
	cols     [][3]int // and their windows' columns through the mode (-1: cval)
	inLine   bool     // every edge column is in the line (no cval): the fast border
}

func (d *erodeU8Plan) newWorker(p *plan) lineWorker {
	dw := &erodeU8Worker{d: d, acc: make([]uint8, p.length), cvalLine: make([]uint8, p.length)}
	for i := range dw.cvalLine {
		dw.cvalLine[i] = uint8(p.cval)
	}
	L, s := p.length, d.runs[0].start
	dw.lo, dw.hi = max(0, -s), min(L, L-s-2)
	if dw.lo >= dw.hi {
		dw.lo, dw.hi = L, L
	}
	for x := 0; x < L; x++ {
		if x < dw.lo || x >= dw.hi {
			dw.edge = append(dw.edge, x)
			dw.cols = append(dw.cols, [3]int{p.mode.index(x+s, L), p.mode.index(x+s+1, L), p.mode.index(x+s+2, L)})
		}
	}
	dw.inLine = true
	for _, c := range dw.cols {
		dw.inLine = dw.inLine && c[0] >= 0 && c[1] >= 0 && c[2] >= 0
	}
	return dw
}

// fill computes the current output line from the uint8 input: the
// interior in one kernel call over views of the three input lines, the
// pixels whose window leaves the line one by one through the mode.
func (dw *erodeU8Worker) fill(w *worker, dst []float64) (bool, error) {
	d, p := dw.d, w.p
	data := w.input.Data.([]uint8)
	L := p.length
	var rows [3][]uint8
	for k, r := range d.runs {
		rows[k] = dw.cvalLine
		if src := w.src[r.group]; src != outsideLine {
			start := w.input.lineStart(src)
			rows[k] = data[start : start+L]
		}
	}
	acc := dw.acc
	out, inPlace := w.output.Data.([]uint8)
	inPlace = inPlace && d.top
	if inPlace {
		acc = out[w.outStart : w.outStart+L]
	}
	s := d.runs[0].start
	lo, hi := dw.lo, dw.hi
	if lo < hi {
		f := vec.Min3x3U8
		switch {
		case d.median:
			f = vec.Median3x3DirectU8
		case d.isMax:
			f = vec.Max3x3U8
		}
		f(acc[lo:hi], rows[0][lo+s:], rows[1][lo+s:], rows[2][lo+s:])
	}
	// the edges after the kernel: their input and output are in L1
	switch {
	case !dw.inLine:
		cval := uint8(p.cval)
		for i, x := range dw.edge {
			acc[x] = dw.border(&rows, dw.cols[i], cval)
		}
	case d.median:
		for i, x := range dw.edge {
			acc[x] = median9At(rows[0], rows[1], rows[2], &dw.cols[i])
		}
	default:
		for i, x := range dw.edge {
			acc[x] = box9At(rows[0], rows[1], rows[2], &dw.cols[i], d.isMax)
		}
	}
	if inPlace {
		w.wrote = true
	} else {
		widen(dst, acc)
	}
	return true, nil
}

// median9At is the median of the window whose columns are q (all in
// the line) in rows a, b and c: med3(max of lows, med3 of middles, min of
// highs) over the sorted columns, as the kernels, branch-free (Go's min
// and max of bytes branch, and on image data those branches miss).
func median9At(a, b, c []uint8, q *[3]int) uint8 {
	var lo, md, hi [3]int
	for j, k := range q {
		x, y, z := int(a[k]), int(b[k]), int(c[k])
		t1, t2 := minBF(x, y), maxBF(x, y)
		t3 := maxBF(t1, z)
		lo[j], md[j], hi[j] = minBF(t1, z), minBF(t2, t3), maxBF(t2, t3)
	}
	l, h := maxBF(maxBF(lo[0], lo[1]), lo[2]), minBF(minBF(hi[0], hi[1]), hi[2])
	m := maxBF(minBF(md[0], md[1]), minBF(maxBF(md[0], md[1]), md[2]))
	return uint8(maxBF(minBF(l, m), minBF(maxBF(l, m), h)))
}

// minBF and maxBF are min and max of small non-negative ints without a
// branch.
func minBF(x, y int) int { d := x - y; return y + d&(d>>63) }
func maxBF(x, y int) int { d := x - y; return x - d&(d>>63) }

// box9At is the min (or max) of the window whose columns are q (all in
// the line) in rows a, b and c, branch-free.
func box9At(a, b, c []uint8, q *[3]int, isMax bool) uint8 {
	v := int(a[q[0]])
	if isMax {
		for _, k := range q {
			v = maxBF(maxBF(maxBF(v, int(a[k])), int(b[k])), int(c[k]))
		}
		return uint8(v)
	}
	for _, k := range q {
		v = minBF(minBF(minBF(v, int(a[k])), int(b[k])), int(c[k]))
	}
	return uint8(v)
}

// border is the min (or max) of a window at the line's ends, cols its
// columns as the mode maps them (-1: cval).
func (dw *erodeU8Worker) border(rows *[3][]uint8, cols [3]int, cval uint8) uint8 {
	if dw.d.median {
		// med3(max of lows, med3 of middles, min of highs) over the
		// sorted columns, as the kernels
		var lo, md, hi [3]uint8
		for j, q := range cols {
			var col [3]uint8
			for k, row := range rows {
				col[k] = cval
				if q >= 0 {
					col[k] = row[q]
				}
			}
			t1, t2 := min(col[0], col[1]), max(col[0], col[1])
			t3 := max(t1, col[2])
			lo[j], md[j], hi[j] = min(t1, col[2]), min(t2, t3), max(t2, t3)
		}
		l, h := max(lo[0], lo[1], lo[2]), min(hi[0], hi[1], hi[2])
		m := max(min(md[0], md[1]), min(max(md[0], md[1]), md[2]))
		return max(min(l, m), min(max(l, m), h))
	}
	v := uint8(255)
	if dw.d.isMax {
		v = 0
	}
	for _, q := range cols {
		for _, row := range rows {
			e := cval
			if q >= 0 {
				e = row[q]
			}
			if dw.d.isMax {
				v = max(v, e)
			} else {
				v = min(v, e)
			}
		}
	}
	return v
}
