package filter

import "github.com/kfilter/kfilter/compile/vec"

// median3F32Alg is median3Alg on float32 input, in float32 from end to
// end: the input lines read in place, the pixels whose windows lie in the
// line in one pass (vec.Median3x3F32: each column sorted once in
// registers, the NaN test with it, eight pixels a vector instruction),
// the few others by one vector step over their columns gathered through
// the mode (median3Ends), the result written straight
// into a float32 output. A median of nine is one of the nine
// values (its zero made +0), so it is the lane program's exactly. Lines
// holding a NaN take the lane program, as for float64.
type median3F32Alg struct{}

type median3F32Plan struct {
	*patternPlan
	start int  // the box's first offset along the line
	top   bool // the whole kernel, not a hoisted sub-expression: it may write the output
}

func (median3F32Alg) choose(c *candidate) linePlan {
	pp := c.pat
	// a NaN cval would put a NaN in the extended lines, which the NaN
	// test (of the input lines alone) does not see: the float64 path
	// takes those
	if pp == nil || c.dtype != Float32 || pp.pat.Pre != nil || !cvalIs(c.p, Float32) ||
		(c.p.mode == Constant || c.p.mode == GridConstant) && c.p.cval != c.p.cval {
		return nil
	}
	m, ok := median3Alg{}.choose(c).(*median3Plan)
	if !ok {
		return nil
	}
	return &median3F32Plan{patternPlan: pp, start: m.start, top: !c.sub}
}

func (m *median3F32Plan) path() Path {
	return Path{Kind: Median3Path, Exact: true, Reason: "3x3 median of float32, in float32 from end to end, in one pass over the input lines: each column sorted once in vector registers and shared by three windows, then med3(max of lows, med3 of middles, min of highs), 8 pixels a vector instruction; lines with a NaN take the lane program"}
}

type median3F32Worker struct {
	m        *median3F32Plan
	cols     [3][]float32 // sorted columns
	acc      []float32    // the output line, when not written in place
	lo, hi   int          // the interior: the pixels whose windows lie in the line
	cvalLine []float32    // a line of cval, for lines beyond the edges
	ends     [3][]float32 // median3Ends' columns
	endsOut  []float32    // and medians
	endCols  []median3Col
}

func (m *median3F32Plan) newWorker(p *plan) lineWorker {
	B := median3Block + 8
	mw := &median3F32Worker{m: m, acc: make([]float32, p.length), cvalLine: make([]float32, p.length),
		cols: [3][]float32{make([]float32, B), make([]float32, B), make([]float32, B)}}
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
		mw.ends[i] = make([]float32, 2*8)
	}
	mw.endsOut = make([]float32, 8)
	for i := range mw.cvalLine {
		mw.cvalLine[i] = float32(p.cval)
	}
	return mw
}

// fill computes the current output line, or reports false when one of its
// lines has a NaN.
func (mw *median3F32Worker) fill(w *worker, dst []float64) (bool, error) {
	p, m := w.p, mw.m
	data := w.input.Data.([]float32)
	L := p.length
	var rows [3][]float32 // the input lines, read in place: no copy
	for i, r := range m.runs {
		rows[i] = mw.cvalLine
		if src := w.src[r.group]; src != outsideLine {
			start := w.input.lineStart(src)
			rows[i] = data[start : start+L]
		}
	}
	acc := mw.acc
	out, inPlace := w.output.Data.([]float32)
	inPlace = inPlace && m.top
	if inPlace {
		acc = out[w.outStart : w.outStart+L]
	}
	// a short line in blocks; else the pixels whose windows lie in the
	// line in one pass straight from the input lines, then the few
	// others by one vector step over their columns (median3Ends)
	if mw.lo >= mw.hi {
		if mw.blocks(w, &rows, acc, 0, L) {
			return false, nil
		}
	} else {
		if vec.Median3x3F32(acc[mw.lo:mw.hi], rows[0][mw.lo+m.start:], rows[1][mw.lo+m.start:], rows[2][mw.lo+m.start:]) {
			return false, nil
		}
		// after the pass, which brought the line's ends into the cache
		median3Ends(&rows, acc[:L], mw.lo, mw.hi, mw.endCols, float32(p.cval), &mw.ends, mw.endsOut, vec.Median3x3HeadF32)
	}
	if inPlace {
		w.wrote = true
	} else {
		widen(dst, acc)
	}
	return true, nil
}

// blocks is median3Blocks over this worker's scratch, 8 lanes a
// vector instruction.
func (mw *median3F32Worker) blocks(w *worker, rows *[3][]float32, out []float32, from, to int) (nan bool) {
	return median3Blocks(w, mw.m.start, &mw.cols, rows, out, from, to, 8, vec.Colsort3F32, vec.Med9F32)
}
