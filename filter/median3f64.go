package filter

import "github.com/kfilter/kfilter/compile/vec"

// median3F64Alg is median3Alg on float64 input with no transform, read
// straight from the input lines (no copy into the line cache): the pixels
// whose windows lie in the line in one pass (vec.Median3x3F64: each
// column sorted once in registers, the NaN test with it, where median3Alg
// scans each line for NaN apart and sorts whole lines into memory), the
// few others by one vector step over their columns gathered through the
// mode (median3Ends). Lines holding a NaN take the
// lane program, as for median3Alg. Written in place, with AVX-512, two
// output lines a pass, as median3F32Alg.
type median3F64Alg struct{}

type median3F64Plan struct {
	*patternPlan
	start int  // the box's first offset along the line
	top   bool // the whole kernel, not a hoisted sub-expression: dst may be the output line
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
	return &median3F64Plan{patternPlan: pp, start: m.start, top: !c.sub}
}

func (m *median3F64Plan) path() Path {
	return Path{Kind: Median3Path, Exact: true, Reason: "3x3 median of float64 read straight from the input lines in one pass: each column sorted once in vector registers (the NaN test with it) and shared by three windows, then med3(max of lows, med3 of middles, min of highs), 4 pixels a vector instruction (8 with AVX-512, and two output lines a pass written in place: the two input lines they share sorted by column once); lines with a NaN take the lane program"}
}

type median3F64Worker struct {
	m        *median3F64Plan
	cols     [3][]float64 // sorted columns
	lo, hi   int          // the interior: the pixels whose windows lie in the line
	cvalLine []float64    // a line of cval, for lines beyond the edges
	ends     [3][]float64 // median3Ends' columns
	endsOut  []float64    // and medians
	endCols  []median3Col
	ahead    int // the output line written ahead by the pair kernel, or -1
	pairs    int // how many lines it wrote ahead (for tests)
}

// reset forgets the line written ahead: a run's arrays are not the last
// one's.
func (mw *median3F64Worker) reset() { mw.ahead = -1 }

func (m *median3F64Plan) newWorker(p *plan) lineWorker {
	B := median3Block + 4
	mw := &median3F64Worker{m: m, cvalLine: make([]float64, p.length), ahead: -1,
		cols: [3][]float64{make([]float64, B), make([]float64, B), make([]float64, B)}}
	L, st := p.length, m.start
	mw.lo, mw.hi = max(0, -st), min(L, L-st-2)
	if mw.lo+L-mw.hi != 2 {
		// the box's first offset is -2, -1 or 0 (origins -1 to 1), so
		// lo+L-hi is 2 and the ends' columns fit one vector step's;
		// else (or on a short line) the whole line in blocks
		mw.lo, mw.hi = 0, 0
	}
	if mw.lo < mw.hi {
		mw.endCols = median3EndCols(p, st, mw.lo, mw.hi)
	}
	for i := range mw.ends {
		mw.ends[i] = make([]float64, 2*4)
	}
	mw.endsOut = make([]float64, 4)
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
	// dst is the output line itself when the output is float64 and this
	// the whole kernel (worker.line)
	if out, ok := w.output.Data.([]float64); ok && m.top {
		if w.prev == mw.ahead {
			// written with the line before
			mw.ahead = -1
			return true, nil
		}
		if mw.lo < mw.hi && w.prev+1 < w.end && mw.pair(w, &rows, dst, out) {
			return true, nil
		}
	}
	// a short line in blocks; else the pixels whose windows lie in the
	// line in one pass straight from the input lines, then the few
	// others by one vector step over their columns (median3Ends)
	if mw.lo >= mw.hi {
		if mw.blocks(w, &rows, dst, 0, L) {
			return false, nil
		}
	} else {
		if vec.Median3x3F64(dst[mw.lo:mw.hi], rows[0][mw.lo+m.start:], rows[1][mw.lo+m.start:], rows[2][mw.lo+m.start:]) {
			return false, nil
		}
		// after the pass, which brought the line's ends into the cache
		median3Ends(&rows, dst[:L], mw.lo, mw.hi, mw.endCols, float64(p.cval), &mw.ends, mw.endsOut, vec.Median3x3HeadF64)
	}
	return true, nil
}

// pair is median3F32Worker.pair on float64: the current output line into
// dst, the next one straight into out.
func (mw *median3F64Worker) pair(w *worker, rows *[3][]float64, dst, out []float64) bool {
	p, m := w.p, mw.m
	var next [3]int
	if !nextLineSources(w, m.runs, next[:]) || next[0] != w.src[m.runs[1].group] || next[1] != w.src[m.runs[2].group] {
		return false
	}
	L := p.length
	d := mw.cvalLine
	if next[2] != outsideLine {
		start := w.input.lineStart(next[2])
		d = w.input.Data.([]float64)[start : start+L]
	}
	o := w.output.lineStart(w.prev + 1)
	dstB := out[o : o+L]
	at := mw.lo + m.start
	nan, ok := vec.Median3x3PairF64(dst[mw.lo:mw.hi], dstB[mw.lo:mw.hi], rows[0][at:], rows[1][at:], rows[2][at:], d[at:])
	if !ok || nan {
		return false
	}
	median3Ends(rows, dst[:L], mw.lo, mw.hi, mw.endCols, p.cval, &mw.ends, mw.endsOut, vec.Median3x3HeadF64)
	rowsB := [3][]float64{rows[1], rows[2], d}
	median3Ends(&rowsB, dstB, mw.lo, mw.hi, mw.endCols, p.cval, &mw.ends, mw.endsOut, vec.Median3x3HeadF64)
	mw.ahead = w.prev + 1
	mw.pairs++
	return true
}

// blocks is median3Blocks over this worker's scratch, 4 lanes a
// vector instruction.
func (mw *median3F64Worker) blocks(w *worker, rows *[3][]float64, out []float64, from, to int) (nan bool) {
	return median3Blocks(w, mw.m.start, &mw.cols, rows, out, from, to, 4, vec.Colsort3NaN, vec.Med9)
}
