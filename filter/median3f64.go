package filter

import "github.com/kfilter/kfilter/compile/vec"

// median3F64Alg is median3Alg on float64 input with no transform, read
// straight from the input lines (no copy into the line cache): the pixels
// whose windows lie in the line in one pass (vec.Median3x3F64: each
// column sorted once in registers, the NaN test with it, where median3Alg
// scans each line for NaN apart and sorts whole lines into memory), the
// few others in blocks through the mode. Lines holding a NaN take the
// lane program, as for median3Alg.
type median3F64Alg struct{}

type median3F64Plan struct {
	*patternPlan
	start int // the box's first offset along the line
}

func (median3F64Alg) choose(c *candidate) linePlan {
	pp := c.pat
	// a NaN cval would put a NaN in the extended lines, which the NaN
	// test (of the input lines alone) does not see: median3Alg takes those
	if pp == nil || c.dtype != Float64 || pp.pat.Pre != nil ||
		(c.p.mode == Constant || c.p.mode == GridConstant) && c.p.cval != c.p.cval {
		return nil
	}
	m, ok := median3Alg{}.choose(c).(*median3Plan)
	if !ok {
		return nil
	}
	return &median3F64Plan{patternPlan: pp, start: m.start}
}

func (m *median3F64Plan) path() Path {
	return Path{Kind: Median3Path, Exact: true, Reason: "3x3 median of float64 read straight from the input lines in one pass: each column sorted once in vector registers (the NaN test with it) and shared by three windows, then med3(max of lows, med3 of middles, min of highs), 4 pixels a vector instruction; lines with a NaN take the lane program"}
}

// median3F64Block is how many of the pixels at the line's ends are
// sorted and taken at once.
const median3F64Block = 512

type median3F64Worker struct {
	m        *median3F64Plan
	cols     [3][]float64 // sorted columns
	lo, hi   int          // the interior: the pixels whose windows lie in the line
	cvalLine []float64    // a line of cval, for lines beyond the edges
}

func (m *median3F64Plan) newWorker(p *plan) lineWorker {
	B := median3F64Block + 4
	mw := &median3F64Worker{m: m, cvalLine: make([]float64, p.length),
		cols: [3][]float64{make([]float64, B), make([]float64, B), make([]float64, B)}}
	L, st := p.length, m.start
	mw.lo, mw.hi = max(0, -st), min(L, L-st-2)
	for i := range mw.cvalLine {
		mw.cvalLine[i] = p.cval
	}
	return mw
}

// fill computes the current output line into dst, or reports false when
// one of its lines has a NaN.
func (mw *median3F64Worker) fill(w *worker, dst []float64) (bool, error) {
	p, m := w.p, mw.m
	data := w.input.Data.([]float64)
	L := p.length
	var rows [3][]float64 // the input lines, read in place: no copy
	for i, r := range m.runs {
		rows[i] = mw.cvalLine
		if src := w.src[r.group]; src != outsideLine {
			start := w.input.lineStart(src)
			rows[i] = data[start : start+L]
		}
	}
	// the pixels whose windows leave the line in blocks, the others in
	// one pass straight from the input lines
	if mw.lo >= mw.hi {
		if mw.blocks(w, &rows, dst, 0, L) {
			return false, nil
		}
	} else if mw.blocks(w, &rows, dst, 0, mw.lo) || mw.blocks(w, &rows, dst, mw.hi, L) ||
		vec.Median3x3F64(dst[mw.lo:mw.hi], rows[0][mw.lo+m.start:], rows[1][mw.lo+m.start:], rows[2][mw.lo+m.start:]) {
		return false, nil
	}
	return true, nil
}

// blocks computes output pixels [from, to) into out in blocks: each
// block's columns (padded index j, input index j-padL) sorted into
// scratch that stays in L1 with the block's input and output (the
// columns beyond the line's ends through the mode), then its medians. It
// reports a NaN in the columns sorted (together the calls sort every
// column the windows read; the extension's values are input ones or a
// cval that is no NaN).
func (mw *median3F64Worker) blocks(w *worker, rows *[3][]float64, out []float64, from, to int) (nan bool) {
	p, m := w.p, mw.m
	L := p.length
	at := p.padL + m.start
	for x0 := from; x0 < to; x0 += median3F64Block {
		x1 := min(x0+median3F64Block, to)
		j0, j1 := at+x0, at+x1+2
		lo, md, hi := mw.cols[0][:j1-j0], mw.cols[1][:j1-j0], mw.cols[2][:j1-j0]
		c0, c1 := max(j0, p.padL), min(j1, p.padL+L)
		// the sort runs on to whole vectors where the line and scratch
		// allow (the columns past j1 are not read)
		if e := min(c0+(c1-c0+3)&^3, p.padL+L, j0+len(mw.cols[0])); c0 < c1 && vec.Colsort3NaN(
			mw.cols[0][c0-j0:e-j0], mw.cols[1][c0-j0:e-j0], mw.cols[2][c0-j0:e-j0],
			rows[0][c0-p.padL:e-p.padL], rows[1][c0-p.padL:e-p.padL], rows[2][c0-p.padL:e-p.padL]) {
			return true
		}
		for j := j0; j < j1; j++ {
			if j == c0 && c0 < c1 {
				j = c1 - 1
				continue
			}
			// a column beyond the line's ends, through the mode
			var v [3]float64
			q := p.mode.index(j-p.padL, L)
			for k := range v {
				v[k] = p.cval
				if q >= 0 {
					v[k] = rows[k][q]
				}
			}
			t1, t2 := min(v[0], v[1]), max(v[0], v[1])
			t3 := max(t1, v[2])
			lo[j-j0], md[j-j0], hi[j-j0] = min(t1, v[2]), min(t2, t3), max(t2, t3)
		}
		vec.Med9(out[x0:x1], lo, md, hi)
	}
	return false
}
