package filter

import "github.com/kfilter/kfilter/compile/vec"

// median3F32Alg is median3Alg on float32 input, in float32 from end to
// end: the input lines read in place, the pixels whose windows lie in the
// line in one pass (vec.Median3x3F32: each column sorted once in
// registers, the NaN test with it, eight pixels a vector instruction),
// the few others in blocks through the mode, the result written straight
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

// median3F32Block is how many output pixels are sorted and taken at once:
// their three input lines, three sorted columns and output line, 28 bytes
// a pixel, stay in L1.
const median3F32Block = 512

type median3F32Worker struct {
	m        *median3F32Plan
	cols     [3][]float32 // sorted columns
	acc      []float32    // the output line, when not written in place
	lo, hi   int          // the interior: the pixels whose windows lie in the line
	cvalLine []float32    // a line of cval, for lines beyond the edges
}

func (m *median3F32Plan) newWorker(p *plan) lineWorker {
	B := median3F32Block + 8
	mw := &median3F32Worker{m: m, acc: make([]float32, p.length), cvalLine: make([]float32, p.length),
		cols: [3][]float32{make([]float32, B), make([]float32, B), make([]float32, B)}}
	L, st := p.length, m.start
	mw.lo, mw.hi = max(0, -st), min(L, L-st-2)
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
	// the pixels whose windows leave the line in blocks, the others in
	// one pass straight from the input lines
	if mw.lo >= mw.hi {
		if mw.blocks(w, &rows, acc, 0, L) {
			return false, nil
		}
	} else if mw.blocks(w, &rows, acc, 0, mw.lo) || mw.blocks(w, &rows, acc, mw.hi, L) ||
		vec.Median3x3F32(acc[mw.lo:mw.hi], rows[0][mw.lo+m.start:], rows[1][mw.lo+m.start:], rows[2][mw.lo+m.start:]) {
		return false, nil
	}
	if inPlace {
		w.wrote = true
	} else {
		widen(dst, acc)
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
func (mw *median3F32Worker) blocks(w *worker, rows *[3][]float32, out []float32, from, to int) (nan bool) {
	p, m := w.p, mw.m
	L := p.length
	at := p.padL + m.start
	for x0 := from; x0 < to; x0 += median3F32Block {
		x1 := min(x0+median3F32Block, to)
		j0, j1 := at+x0, at+x1+2
		lo, md, hi := mw.cols[0][:j1-j0], mw.cols[1][:j1-j0], mw.cols[2][:j1-j0]
		c0, c1 := max(j0, p.padL), min(j1, p.padL+L)
		// the sort runs on to whole vectors where the line and scratch
		// allow (the columns past j1 are not read)
		if e := min(c0+(c1-c0+7)&^7, p.padL+L, j0+len(mw.cols[0])); c0 < c1 && vec.Colsort3F32(
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
			var v [3]float32
			q := p.mode.index(j-p.padL, L)
			for k := range v {
				v[k] = float32(p.cval)
				if q >= 0 {
					v[k] = rows[k][q]
				}
			}
			t1, t2 := min(v[0], v[1]), max(v[0], v[1])
			t3 := max(t1, v[2])
			lo[j-j0], md[j-j0], hi[j-j0] = min(t1, v[2]), min(t2, t3), max(t2, t3)
		}
		vec.Med9F32(out[x0:x1], lo, md, hi)
	}
	return false
}
