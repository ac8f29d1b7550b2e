package filter

import "github.com/kfilter/kfilter/compile"

// median3Alg is the 3x3 median: each column of three is sorted once per
// output line and shared by the three windows that contain it; a window's
// median is then med3(max of the lows, med3 of the middles, min of the
// highs), twelve min/max operations a pixel rather than a 19-exchange
// network. Lines holding a NaN take the lane program instead (numpy's
// median of a window with a NaN is NaN, which min and max do not
// reproduce).
type median3Alg struct{}

type median3Plan struct {
	*patternPlan
	start int // the box's first offset along the line
}

// choose applies when the footprint is a 3x3 box (three runs of three,
// one per input line, aligned) under a median.
func (median3Alg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || pp.pat.Kind != compile.RankPattern || !pp.pat.Median || pp.n != 9 || len(pp.runs) != 3 || pp.lens[0] != 3 || len(pp.lens) != 1 {
		return nil
	}
	for _, r := range pp.runs {
		if r.start != pp.runs[0].start {
			return nil
		}
	}
	return &median3Plan{patternPlan: pp, start: pp.runs[0].start}
}

func (m *median3Plan) path() Path {
	return Path{Kind: Median3Path, Exact: true, Reason: transformNote(m.pat,
		"3x3 median: each column sorted once and shared by three windows, then med3(max of lows, med3 of middles, min of highs); lines with a NaN take the lane program")}
}

type median3Worker struct {
	patternWorker
	m    *median3Plan
	cols [3][]float64 // sorted columns
}

func (m *median3Plan) newWorker(p *plan) lineWorker {
	P := p.padL + p.length + p.padR
	return &median3Worker{patternWorker: newPatternWorker(m.patternPlan), m: m,
		cols: [3][]float64{make([]float64, P), make([]float64, P), make([]float64, P)}}
}

// fill computes the current output line, or reports false when one of its
// lines has a NaN.
func (mw *median3Worker) fill(w *worker, dst []float64) (bool, error) {
	p := w.p
	w.lines()
	var rows [3][]float64
	for i, r := range mw.m.runs {
		l := w.cur[r.group]
		rows[i] = mw.transformed(l)
		if mw.hasNaN(l, rows[i]) {
			return false, nil
		}
	}
	P := len(rows[0])
	lo, md, hi := mw.cols[0][:P], mw.cols[1][:P], mw.cols[2][:P]
	colsort3(lo, md, hi, rows[0], rows[1], rows[2])
	at := p.padL + mw.m.start
	L := p.length
	med9(dst[:L], lo[at:at+L+2], md[at:at+L+2], hi[at:at+L+2])
	return true, nil
}
