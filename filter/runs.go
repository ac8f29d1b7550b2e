package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
)

// runsAlg computes the reductions min, max, sum, mean and count over the
// runs of consecutive footprint elements along the line (a box has one run
// per input line, a cross three). Each run's reduction over every position
// of an input line is computed once per input line (van Herk/Gil-Werman
// blocks, O(1) per pixel whatever the run's length) and cached, so that
// the output lines that share the input line share the work; an output
// line then combines its runs elementwise.
type runsAlg struct{}

// segOp is the associative operation of a segment reduction.
type segOp uint8

const (
	opMin segOp = iota
	opMax
	opAdd
)

type runsPlan struct {
	*patternPlan
	op segOp
	// exact: for sums, means and counts, the result is the lane
	// program's bit for bit: every partial sum is an integer below 2^53,
	// exact in any order. Otherwise it is within gamma(n-1)·Σ|x| of the
	// exact sum (the README's Exactness); such a path is never hoisted, so
	// that only a kernel that is the sum itself can differ from the lane
	// program.
	exact bool
	why   string
}

func (runsAlg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil {
		return nil
	}
	op, ok := segOpOf(pp.pat.Kind)
	if !ok || len(pp.lens) >= derivedPerPath-2 {
		return nil // an odd footprint with too many run lengths
	}
	pat := pp.pat
	r := &runsPlan{patternPlan: pp, op: op, exact: op != opAdd}
	if op == opAdd {
		r.exact = pat.Kind == compile.CountPattern || pat.PreBool || pat.Pre == nil && smallInts(c.dtype) && pp.n < 1<<21
	}
	pre := ""
	if pat.Pre != nil {
		pre = " of a transform computed once per input pixel"
	}
	long := "van Herk/Gil-Werman"
	if op != opAdd {
		long = "doubling up to 64, van Herk/Gil-Werman past it"
	}
	r.why = fmt.Sprintf("%s%s over %d runs of lengths %v along the line, each reduced once per input line (direct up to 8 long, %s), then combined",
		pat.Kind, pre, len(pp.runs), pp.lens, long)
	switch {
	case r.exact:
	case pat.Kind == compile.MeanPattern:
		r.why += fmt.Sprintf("; not numpy's order of additions: within γ(%d)·Σ|x|/%d of the exact mean, not bit for bit", pp.n, pp.n)
	default:
		r.why += fmt.Sprintf("; not numpy's order of additions: within γ(%d)·Σ|x| of the exact sum, not bit for bit", pp.n-1)
	}
	return r
}

func (r *runsPlan) path() Path { return Path{Kind: RunsPath, Reason: r.why, Exact: r.exact} }

// smallInts reports whether dtype's values are integers of at most 32
// bits: below 2^21 of them, every partial sum is an integer below 2^53,
// so float64 adds them exactly in any order.
func smallInts(dtype DType) bool {
	switch dtype {
	case Bool, Int8, Int16, Int32, Uint8, Uint16, Uint32:
		return true
	}
	return false
}

type runsWorker struct {
	patternWorker
	r    *runsPlan
	srcs [][]float64  // per run: its view for the current line
	win  [2][]float64 // scratch lines for windows
}

func (r *runsPlan) newWorker(p *plan) lineWorker {
	P := p.padL + p.length + p.padR
	return &runsWorker{patternWorker: newPatternWorker(r.patternPlan), r: r,
		srcs: make([][]float64, len(r.runs)), win: [2][]float64{make([]float64, P), make([]float64, P)}}
}

// reduced returns the reduction of every window of the idx-th run length
// along line l: element i covers positions i .. i+len-1 of the buffer.
func (rw *runsWorker) reduced(l *cachedLine, idx int) []float64 {
	length := rw.r.lens[idx]
	t := rw.transformed(l)
	if length == 1 {
		return t
	}
	h, ok := l.derivedBuf(rw.r.base+1+idx, len(t))
	if !ok {
		windows(h[:len(t)-length+1], t, length, rw.r.op, &rw.win)
	}
	return h
}

func (rw *runsWorker) fill(w *worker, dst []float64) (bool, error) {
	r, p := rw.r, w.p
	w.lines()
	L := p.length
	out := dst[:L]
	for i, run := range r.runs {
		h := rw.reduced(w.cur[run.group], run.lenIdx)
		rw.srcs[i] = h[p.padL+run.start : p.padL+run.start+L]
	}
	combineAll(out, rw.srcs, r.op)
	if r.op == opAdd && r.n < 8 {
		// numpy's sum of fewer than 8 terms starts from 0, so it is never
		// -0, where the runs' sum is -0 when every term is (as numpy's sum
		// of 8 or more): adding 0 gives the lane program's zeros and
		// changes nothing else.
		for i := range out {
			out[i] += 0
		}
	}
	if r.pat.Kind == compile.MeanPattern {
		n := float64(r.n)
		for i := range out {
			out[i] /= n
		}
	}
	return true, nil
}

// combine folds src into dst with op. min and max are Go's, which
// propagate NaN as numpy's do.
func combine(dst, src []float64, op segOp) {
	src = src[:len(dst)]
	switch op {
	case opMin:
		for i := range dst {
			dst[i] = min(dst[i], src[i])
		}
	case opMax:
		for i := range dst {
			dst[i] = max(dst[i], src[i])
		}
	default:
		for i := range dst {
			dst[i] += src[i]
		}
	}
}

// combineAll sets dst to op over srcs (at least one), reading up to eight
// sources per pass over dst.
func combineAll(dst []float64, srcs [][]float64, op segOp) {
	if len(srcs) == 1 {
		copy(dst, srcs[0][:len(dst)])
		return
	}
	var buf [8][]float64
	k := min(len(srcs), 8)
	foldN(dst, srcs[:k], op)
	for srcs = srcs[k:]; len(srcs) > 0; srcs = srcs[k:] {
		buf[0] = dst
		k = min(len(srcs), 7)
		copy(buf[1:], srcs[:k])
		if k == 1 {
			combine(dst, srcs[0], op)
			continue
		}
		foldN(dst, buf[:k+1], op)
	}
}

// windows sets dst[i] to op over src[i : i+w] for every i. Short windows
// are reduced directly. Longer min and max windows by doubling: windows
// of 2s from pairs of windows of s, in passes of two-source folds that
// run four pixels at a time, then each window as two overlapping ones
// (min and max do not mind the overlap); log2(w)+1 passes, with no chain
// of dependent operations. Longer sums, and windows past maxDoubling, by
// van Herk/Gil-Werman: within blocks of w, suffix and prefix reductions,
// so that each window is one suffix and one prefix, three operations per
// pixel whatever w. It needs no inverse (unlike a running sum), so it is
// safe with infinities. tmp holds two scratch lines as long as src.
func windows(dst, src []float64, w int, op segOp, tmp *[2][]float64) {
	n := len(dst)
	if w <= 8 {
		srcs := [8][]float64{}
		for j := 0; j < w; j++ {
			srcs[j] = src[j : j+n]
		}
		combineAll(dst, srcs[:w], op)
		return
	}
	switch {
	case op != opAdd && w <= maxDoubling:
		cur, s := src, 1
		for k := 0; 2*s <= w; k++ {
			m := n + w - 2*s // windows of 2s in src
			next := tmp[k%2][:m]
			foldN(next, [][]float64{cur[:m], cur[s : s+m]}, op)
			cur, s = next, 2*s
		}
		foldN(dst, [][]float64{cur[:n], cur[w-s : w-s+n]}, op)
	case op == opMin:
		vhgwMin(dst, src, w)
	case op == opMax:
		vhgwMax(dst, src, w)
	default:
		vhgwAdd(dst, src, w)
	}
}

// maxDoubling is the longest window windows reduces by doubling (seven
// passes); past it van Herk/Gil-Werman's three operations per pixel win.
const maxDoubling = 64

func apply(op segOp, a, b float64) float64 {
	switch op {
	case opMin:
		return min(a, b)
	case opMax:
		return max(a, b)
	}
	return a + b
}
