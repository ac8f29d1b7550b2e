package filter

import "github.com/kfilter/kfilter/compile/vec"

// median3F32Alg is median3Alg on float32 input, in float32 from end to
// end: the input lines read in their type (typedLine), the columns sorted
// and the windows' medians taken eight pixels a vector instruction by the
// float64 kernels' instructions on float32 lanes, the result written
// straight into a float32 output. A median of nine is one of the nine
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
	if pp == nil || c.dtype != Float32 || pp.pat.Pre != nil || !cvalIs(c.p, Float32) {
		return nil
	}
	m, ok := median3Alg{}.choose(c).(*median3Plan)
	if !ok {
		return nil
	}
	return &median3F32Plan{patternPlan: pp, start: m.start, top: !c.sub}
}

func (m *median3F32Plan) path() Path {
	return Path{Kind: Median3Path, Exact: true, Reason: "3x3 median of float32, in float32 from end to end: each column sorted once and shared by three windows, then med3(max of lows, med3 of middles, min of highs), 8 pixels a vector instruction; lines with a NaN take the lane program"}
}

type median3F32Worker struct {
	m    *median3F32Plan
	cols [3][]float32 // sorted columns
	acc  []float32    // the output line, when not written in place
}

func (m *median3F32Plan) newWorker(p *plan) lineWorker {
	P := p.padL + p.length + p.padR
	return &median3F32Worker{m: m, acc: make([]float32, p.length),
		cols: [3][]float32{make([]float32, P), make([]float32, P), make([]float32, P)}}
}

// fill computes the current output line, or reports false when one of its
// lines has a NaN.
func (mw *median3F32Worker) fill(w *worker, dst []float64) (bool, error) {
	p, m := w.p, mw.m
	w.cachedLines()
	var rows [3][]float32
	for i, r := range m.runs {
		rows[i] = typedLine[float32](w, r.group)
		// the NaN flag of the line, in the slot patternWorker.hasNaN
		// keeps it in for float64 lines (the same line, the same flag)
		flag, ok := w.cur[r.group].derivedBuf(m.base+nanFlag, 1)
		if !ok {
			flag[0] = 0
			if vec.HasNaNF32(rows[i]) {
				flag[0] = 1
			}
		}
		if flag[0] != 0 {
			return false, nil
		}
	}
	P := len(rows[0])
	lo, md, hi := mw.cols[0][:P], mw.cols[1][:P], mw.cols[2][:P]
	vec.Colsort3F32(lo, md, hi, rows[0], rows[1], rows[2])
	at := p.padL + m.start
	L := p.length
	acc := mw.acc
	out, inPlace := w.output.Data.([]float32)
	inPlace = inPlace && m.top
	if inPlace {
		acc = out[w.lineNo*L : (w.lineNo+1)*L]
	}
	vec.Med9F32(acc, lo[at:at+L+2], md[at:at+L+2], hi[at:at+L+2])
	if inPlace {
		w.wrote = true
	} else {
		widen(dst, acc)
	}
	return true, nil
}
