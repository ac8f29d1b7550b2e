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
//
// Written in place, with AVX-512, two output lines a pass where the
// worker takes the next line too (the engine's block, worker.end) and
// the next line's input lines are this one's shifted by one
// (nextLineSources, as median5PairWorker): vec.Median3x3PairF32 sorts the
// two shared lines' columns once, and the next line is written ahead;
// the engine's call for it then has nothing left to do.
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
	return Path{Kind: Median3Path, Exact: true, Reason: "3x3 median of float32, in float32 from end to end, in one pass over the input lines: each column sorted once in vector registers and shared by three windows, then med3(max of lows, med3 of middles, min of highs), 8 pixels a vector instruction (16 with AVX-512, and two output lines a pass written in place: the two input lines they share sorted by column once); lines with a NaN take the lane program"}
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
	ahead    int // the output line written ahead by the pair kernel, or -1
	pairs    int // how many lines it wrote ahead (for tests)
}

// reset forgets the line written ahead: a run's arrays are not the last
// one's.
func (mw *median3F32Worker) reset() { mw.ahead = -1 }

func (m *median3F32Plan) newWorker(p *plan) lineWorker {
	B := median3Block + 8
	mw := &median3F32Worker{m: m, acc: make([]float32, p.length), cvalLine: make([]float32, p.length), ahead: -1,
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
		if w.prev == mw.ahead {
			// written with the line before
			mw.ahead = -1
			w.wrote = true
			return true, nil
		}
		acc = out[w.outStart : w.outStart+L]
		if mw.lo < mw.hi && w.prev+1 < w.end && mw.pair(w, &rows, acc, out) {
			w.wrote = true
			return true, nil
		}
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

// pair computes the current output line into acc and the next one
// straight into out by vec.Median3x3PairF32, and reports true, when the
// next line's input lines are rows[1], rows[2] and one more, and the
// kernel runs and sees no NaN in the four; else what it wrote, the
// engine's calls for the two lines write again.
func (mw *median3F32Worker) pair(w *worker, rows *[3][]float32, acc, out []float32) bool {
	p, m := w.p, mw.m
	var next [3]int
	if !nextLineSources(w, m.runs, next[:]) || next[0] != w.src[m.runs[1].group] || next[1] != w.src[m.runs[2].group] {
		return false
	}
	L := p.length
	d := mw.cvalLine
	if next[2] != outsideLine {
		start := w.input.lineStart(next[2])
		d = w.input.Data.([]float32)[start : start+L]
	}
	o := w.output.lineStart(w.prev + 1)
	accB := out[o : o+L]
	at := mw.lo + m.start
	nan, ok := vec.Median3x3PairF32(acc[mw.lo:mw.hi], accB[mw.lo:mw.hi], rows[0][at:], rows[1][at:], rows[2][at:], d[at:])
	if !ok || nan {
		return false
	}
	cval := float32(p.cval)
	median3Ends(rows, acc, mw.lo, mw.hi, mw.endCols, cval, &mw.ends, mw.endsOut, vec.Median3x3HeadF32)
	rowsB := [3][]float32{rows[1], rows[2], d}
	median3Ends(&rowsB, accB, mw.lo, mw.hi, mw.endCols, cval, &mw.ends, mw.endsOut, vec.Median3x3HeadF32)
	mw.ahead = w.prev + 1
	mw.pairs++
	return true
}

// blocks is median3Blocks over this worker's scratch, 8 lanes a
// vector instruction.
func (mw *median3F32Worker) blocks(w *worker, rows *[3][]float32, out []float32, from, to int) (nan bool) {
	return median3Blocks(w, mw.m.start, &mw.cols, rows, out, from, to, 8, vec.Colsort3F32, vec.Med9F32)
}
