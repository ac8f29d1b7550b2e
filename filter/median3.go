package filter

// The 3x3 median: each column of three is sorted once per output line and
// shared by the three windows that contain it; a window's median is then
// med3(max of the lows, med3 of the middles, min of the highs), twelve
// min/max operations a pixel rather than a 19-exchange network. Lines
// holding a NaN take the lane program instead (numpy's median of a window
// with a NaN is NaN, which min and max do not reproduce).

// median3Path reports whether the footprint is a 3x3 box (three runs of
// three, one per input line, aligned) under a median, and returns its
// column offset.
func median3Path(p *plan, fp *fastPath) (start int, ok bool) {
	if !fp.pat.Median || fp.n != 9 || len(fp.runs) != 3 || fp.lens[0] != 3 || len(fp.lens) != 1 {
		return 0, false
	}
	for _, r := range fp.runs {
		if r.start != fp.runs[0].start {
			return 0, false
		}
	}
	return fp.runs[0].start, true
}

// median3Line computes the current output line, or reports false when one
// of its lines has a NaN.
func (fw *fastWorker) median3Line(w *worker) bool {
	fp, p := fw.fp, w.p
	var rows [3][]float64
	for i, r := range fp.runs {
		l := w.cur[r.group]
		rows[i] = fw.transformed(l)
		if fw.hasNaN(l, rows[i]) {
			return false
		}
	}
	P := len(rows[0])
	lo, md, hi := fw.cols[0][:P], fw.cols[1][:P], fw.cols[2][:P]
	colsort3(lo, md, hi, rows[0], rows[1], rows[2])
	at := p.padL + fw.fp.start3
	L := p.length
	med9(fw.dst[:L], lo[at:at+L+2], md[at:at+L+2], hi[at:at+L+2])
	return true
}

// hasNaN reports whether buf (l's raw or transformed line) holds a NaN,
// scanning it once per cached line.
func (fw *fastWorker) hasNaN(l *cachedLine, buf []float64) bool {
	flag, ok := l.derivedBuf(fw.fp.base+nanFlag, 1)
	if !ok {
		flag[0] = 0
		for _, x := range buf {
			if x != x {
				flag[0] = 1
				break
			}
		}
	}
	return flag[0] != 0
}

// nanFlag is the derived buffer holding a line's NaN flag (past the run
// windows' buffers, 1 + len(lens), which the 3x3 median does not use).
const nanFlag = 63
