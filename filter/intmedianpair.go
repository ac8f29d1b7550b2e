package filter

import "github.com/kfilter/kfilter/compile/vec"

// median5PairWorker runs the uint8 5x5 median two output lines a pass:
// lines y and y+1 share four of their five input lines, so those four
// lines' columns are sorted once, ranks 7 to 12 of the shared 20 values
// selected once per pixel pair, and each window's median is rank 5 of
// those six and its own fifth line (vec.Median5x5PairU8): 91 min/max a
// pixel rather than the single window's 146. Line y+1's result waits in
// memo, keyed by the source lines it was computed from: a line whose
// five input lines are those has that result, whichever line it is, so
// the engine's next call (line y+1, when the same worker takes it)
// copies it. A line with no such pair (the last of a plane, the last of
// a worker's block, a footprint across another axis) takes the one-line
// kernel.
type median5PairWorker struct {
	m      *intMedianPlan[uint8]
	single *intMedianWorker[uint8]
	sorted [4][]uint8 // the shared lines' sorted columns (P long)
	fifth  []uint8    // line y+1's fifth input line, extended by the mode (P long)
	acc    []uint8    // line y's result, when not written in place
	memo   []uint8    // line y+1's result
	key    [5]int     // the source lines memo was computed from
	memoOK bool
}

func newMedian5Pair(m *intMedianPlan[uint8], p *plan) *median5PairWorker {
	P := p.padL + p.length + p.padR
	return &median5PairWorker{m: m, single: m.newWorker1(p), sorted: [4][]uint8{make([]uint8, P), make([]uint8, P), make([]uint8, P), make([]uint8, P)},
		fifth: make([]uint8, P), acc: make([]uint8, p.length), memo: make([]uint8, p.length)}
}

func (pw *median5PairWorker) fill(w *worker, dst []float64) (bool, error) {
	m, p := pw.m, w.p
	L := p.length
	var key [5]int
	for i, r := range m.runs {
		key[i] = w.src[r.group]
	}
	out, inPlace := w.output.Data.([]uint8)
	inPlace = inPlace && m.top
	if inPlace {
		out = out[w.outStart : w.outStart+L]
	}
	if pw.memoOK && key == pw.key {
		pw.memoOK = false
		if inPlace {
			copy(out, pw.memo)
			w.wrote = true
		} else {
			widen(dst[:L], pw.memo)
		}
		return true, nil
	}
	next, ok := pw.nextSources(w)
	if !ok || L < 32 || [4]int(next[:4]) != [4]int(key[1:]) {
		return pw.single.fill(w, dst)
	}
	w.cachedLines()
	var rows [5][]uint8
	for i, r := range m.runs {
		rows[i] = typedLine[uint8](w, r.group)
	}
	typedRow(p, w.input, next[4], pw.fifth)
	at := p.padL + m.start
	n := L + 4
	s := pw.sorted
	vec.Sort4U8(s[0][:n], s[1][:n], s[2][:n], s[3][:n], rows[1][at:], rows[2][at:], rows[3][at:], rows[4][at:])
	res := out
	if !inPlace {
		res = pw.acc
	}
	vec.Median5x5PairU8(res, pw.memo, s[:], rows[0][at:], pw.fifth[at:])
	pw.key, pw.memoOK = next, true
	if inPlace {
		w.wrote = true
	} else {
		widen(dst[:L], res)
	}
	return true, nil
}

// nextSources returns the source lines of the footprint's runs for the
// output line after the current one along the second-to-last axis (as
// worker.start computes them), or false when there is none.
func (pw *median5PairWorker) nextSources(w *worker) (next [5]int, ok bool) {
	return next, nextLineSources(w, pw.m.runs, next[:])
}

// nextLineSources sets next[i] to the source line of runs[i] for the
// output line after the current one along the second-to-last axis (as
// worker.start computes them), or reports false when there is none.
func nextLineSources(w *worker, runs []segRun, next []int) bool {
	p := w.p
	rank := len(p.shape)
	ax := rank - 2
	if ax < 0 || w.idx[ax]+1 >= p.shape[ax] {
		return false
	}
	for i, r := range runs {
		prefix := p.groups[r.group]
		src := 0
		for a := 0; a < rank-1; a++ {
			v := w.idx[a] + prefix[a]
			if a == ax {
				v++
			}
			q := p.mode.index(v, p.shape[a])
			if q < 0 {
				src = outsideLine
				break
			}
			src = src*p.shape[a] + q
		}
		next[i] = src
	}
	return true
}

// typedRow fills buf (padL+length+padR long) with source line src of in
// (outsideLine: cval), extended by the mode: typedLine's work for a line
// the cache does not hold.
func typedRow[T number](p *plan, in *Array, src int, buf []T) {
	L := p.length
	if src == outsideLine {
		c := T(p.cval)
		for i := range buf {
			buf[i] = c
		}
		return
	}
	start := in.lineStart(src)
	copy(buf[p.padL:p.padL+L], in.Data.([]T)[start:start+L])
	for j := 0; j < p.padL; j++ {
		buf[j] = extendTyped(p, buf, j-p.padL)
	}
	for j := 0; j < p.padR; j++ {
		buf[p.padL+L+j] = extendTyped(p, buf, L+j)
	}
}
