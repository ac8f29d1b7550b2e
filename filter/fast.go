package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// segOp is the associative operation of a segment reduction.
type segOp uint8

const (
	opMin segOp = iota
	opMax
	opAdd
)

// fastPath is a specialised algorithm for a recognised kernel: here the
// reductions min, max, sum, mean and count, computed over the runs of
// consecutive footprint elements along the line (a box has one run per
// input line, a cross three). Each run's reduction over every position of
// an input line is computed once per input line (van Herk/Gil-Werman
// blocks, O(1) per pixel whatever the run's length) and cached, so that
// the output lines that share the input line share the work; an output
// line then combines its runs elementwise.
type fastPath struct {
	pat  compile.Pattern
	op   segOp
	runs []segRun
	lens []int // the distinct run lengths
	n    int   // footprint elements, for the mean
	why  string
	// direct: fold every footprint element straight from the float64
	// input line, without line buffers.
	direct bool
	// hist: a rank by a sliding histogram over integer pixels.
	hist   bool
	r1, r2 int // the ranks
	t      float64
	// rank: the rank statistic alone, as a lane program over lines that
	// the pattern's transform has already been applied to.
	rank *compile.Program
	// median3: the 3x3 median by shared column sorts, the box starting at
	// offset start3 along the line.
	median3 bool
	start3  int
	// box: a median over a box by shared column sorts.
	box *boxRank
	// exact: for sums, means and counts, the result is the lane
	// program's bit for bit: the additions are numpy's, in numpy's order
	// (direct), or every partial sum is an integer below 2^53, exact in
	// any order. Otherwise it is within gamma(n-1)·Σ|x| of the exact sum
	// (the README's Exactness); such a path is never hoisted, so that only
	// a kernel that is the sum itself can differ from the lane program.
	exact bool
	// base is the first of the derivedPerPath derived buffers of a cached
	// line this path may use, so that several paths (hoisting) share
	// cached lines.
	base int
}

// derivedPerPath bounds the derived buffers of one path: the transformed
// line, one per run length, and the NaN flag (nanFlag).
const derivedPerPath = 64

// segRun is a run of consecutive footprint elements along the line.
type segRun struct {
	group  int // the input line
	start  int // offset along the line of its first element
	lenIdx int // index of its length in fastPath.lens
}

func (f *Filter) fastPath(p *plan, dtype DType) *fastPath {
	if f.opts.General {
		return nil
	}
	pat, ok := f.prog.Recognize(f.opts.Params)
	if !ok {
		return nil
	}
	return f.fastPathFor(p, pat, dtype)
}

// fastPathFor picks an algorithm for pattern pat, or returns nil.
func (f *Filter) fastPathFor(p *plan, pat compile.Pattern, dtype DType) *fastPath {
	fp := &fastPath{pat: pat, n: len(p.elemOff)}
	switch pat.Kind {
	case compile.MinPattern:
		fp.op = opMin
	case compile.MaxPattern:
		fp.op = opMax
	case compile.SumPattern, compile.MeanPattern, compile.CountPattern:
		fp.op = opAdd
		fp.exact = pat.Kind == compile.CountPattern || pat.PreBool || pat.Pre == nil && smallInts(dtype) && fp.n < 1<<21
	case compile.RankPattern:
		fp.runs, fp.lens = runsOf(p)
		return f.rankPath(p, fp, dtype)
	default:
		return nil
	}
	if fp.runs, fp.lens = runsOf(p); len(fp.lens) >= derivedPerPath-2 {
		return nil // an odd footprint with too many run lengths
	}
	// Small footprints over float64 input read the input directly, all
	// elements in one or two fused passes: no line copies at all.
	if dtype == Float64 && pat.Pre == nil && fp.op != opAdd || dtype == Float64 && pat.Pre == nil && fp.n <= 8 && pat.Kind != compile.CountPattern {
		if fp.n <= 16 {
			fp.direct = true
			fp.exact = true // sums of up to 8 in numpy's order: sumNumpy
			fp.why = fmt.Sprintf("%s of %d values read straight from the float64 input, %d fused pass(es) per line", pat.Kind, fp.n, (fp.n+6)/7)
			return fp
		}
	}
	pre := ""
	if pat.Pre != nil {
		pre = " of a transform computed once per input pixel"
	}
	long := "van Herk/Gil-Werman"
	if pat.Kind != compile.SumPattern && pat.Kind != compile.MeanPattern && pat.Kind != compile.CountPattern {
		long = "doubling up to 64, van Herk/Gil-Werman past it"
	}
	fp.why = fmt.Sprintf("%s%s over %d runs of lengths %v along the line, each reduced once per input line (direct up to 8 long, %s), then combined",
		pat.Kind, pre, len(fp.runs), fp.lens, long)
	switch {
	case fp.op == opAdd && fp.exact:
	case pat.Kind == compile.MeanPattern:
		fp.why += fmt.Sprintf("; not numpy's order of additions: within γ(%d)·Σ|x|/%d of the exact mean, not bit for bit", fp.n, fp.n)
	case fp.op == opAdd:
		fp.why += fmt.Sprintf("; not numpy's order of additions: within γ(%d)·Σ|x| of the exact sum, not bit for bit", fp.n-1)
	}
	return fp
}

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

// runsOf splits the footprint into runs of consecutive elements along the
// line. Elements of one group are consecutive in C order and ascend along
// the line.
func runsOf(p *plan) (runs []segRun, lens []int) {
	for k := 0; k < len(p.elemOff); {
		j := k + 1
		for j < len(p.elemOff) && p.elemGroup[j] == p.elemGroup[k] && p.elemOff[j] == p.elemOff[j-1]+1 {
			j++
		}
		length := j - k
		idx := -1
		for i, l := range lens {
			if l == length {
				idx = i
			}
		}
		if idx < 0 {
			idx = len(lens)
			lens = append(lens, length)
		}
		runs = append(runs, segRun{group: p.elemGroup[k], start: p.elemOff[k], lenIdx: idx})
		k = j
	}
	return runs, lens
}

// fastWorker is a worker's state for a fast path.
type fastWorker struct {
	fp   *fastPath
	pre  *compile.Machine
	in   [][]float64
	srcs [][]float64 // per run (or element): its view for the current line

	cvalLine []float64 // a line of cval, for lines beyond the edges
	dst      []float64 // where line functions write: the output line, or a hoisted result's
	outs     [][]uint8
	ins      [][]uint8
	rankM    *compile.Machine
	cols     [3][]float64 // sorted columns, for the 3x3 median
	box      *boxRankWorker
	win      [2][]float64 // scratch lines for windows
}

// direct computes the current output line from the float64 input: the
// interior, where every element falls inside the line, in fused passes
// over views of the input lines; the few border pixels one by one through
// the mode.
func (fw *fastWorker) direct(w *worker, data []float64) {
	fp, p := fw.fp, w.p
	L := p.length
	raw := func(g int) []float64 {
		if src := w.src[g]; src != outsideLine {
			return data[src*L : (src+1)*L]
		}
		return fw.cvalLine
	}
	lo, hi := min(p.padL, L), max(L-p.padR, min(p.padL, L))
	if lo < hi {
		for k, off := range p.elemOff {
			fw.srcs[k] = raw(p.elemGroup[k])[lo+off : hi+off]
		}
		if fp.op == opAdd {
			sumNumpy(fw.dst[lo:hi], fw.srcs[:fp.n])
		} else {
			combineAll(fw.dst[lo:hi], fw.srcs[:fp.n], fp.op)
		}
	}
	border := func(x int) {
		var acc float64
		var terms [8]float64
		for k, off := range p.elemOff {
			v := p.cval
			if q := p.mode.index(x+off, L); q >= 0 {
				v = raw(p.elemGroup[k])[q]
			}
			switch {
			case fp.op == opAdd:
				terms[k] = v // fp.n <= 8
			case k == 0:
				acc = v
			default:
				acc = apply(fp.op, acc, v)
			}
		}
		if fp.op == opAdd {
			acc = sumScalar(terms[:fp.n])
		}
		fw.dst[x] = acc
	}
	for x := 0; x < lo; x++ {
		border(x)
	}
	for x := hi; x < L; x++ {
		border(x)
	}
	if fp.pat.Kind == compile.MeanPattern {
		out, n := fw.dst, float64(fp.n)
		for i := range out {
			out[i] /= n
		}
	}
}

func (fp *fastPath) newWorker(p *plan) *fastWorker {
	fw := &fastWorker{fp: fp, in: make([][]float64, 1), srcs: make([][]float64, max(len(fp.runs), fp.n))}
	if fp.hist {
		fw.outs = make([][]uint8, len(fp.runs))
		fw.ins = make([][]uint8, len(fp.runs))
	}
	if fp.rank != nil {
		fw.rankM = fp.rank.NewMachine()
	}
	if fp.box != nil {
		fw.box = fp.box.newWorker(p)
	}
	if fp.median3 {
		fw.cols = [3][]float64{make([]float64, p.padL+p.length+p.padR), make([]float64, p.padL+p.length+p.padR), make([]float64, p.padL+p.length+p.padR)}
	}
	fw.win = [2][]float64{make([]float64, p.padL+p.length+p.padR), make([]float64, p.padL+p.length+p.padR)}
	fw.cvalLine = make([]float64, p.length)
	for i := range fw.cvalLine {
		fw.cvalLine[i] = p.cval
	}
	if fp.pat.Pre != nil {
		fw.pre = fp.pat.Pre.NewMachine()
	}
	return fw
}

// transformed returns line l after the pattern's transform (and, for
// count, as 0/1 for non-zero), computing it once per cached line.
func (fw *fastWorker) transformed(l *cachedLine) []float64 {
	if fw.pre == nil && fw.fp.pat.Kind != compile.CountPattern {
		return l.buf
	}
	t, ok := l.derivedBuf(fw.fp.base, len(l.buf))
	if ok {
		return t
	}
	src := l.buf
	if fw.pre != nil {
		fw.in[0] = l.buf
		fw.pre.Run(t, fw.in, nil)
		src = t
	}
	if fw.fp.pat.Kind == compile.CountPattern && !fw.fp.pat.PreBool {
		for i, x := range src {
			t[i] = b2f(x != 0)
		}
	}
	return t
}

// reduced returns the reduction of every window of the idx-th run length
// along line l: element i covers positions i .. i+len-1 of the buffer.
func (fw *fastWorker) reduced(l *cachedLine, idx int) []float64 {
	length := fw.fp.lens[idx]
	t := fw.transformed(l)
	if length == 1 {
		return t
	}
	h, ok := l.derivedBuf(fw.fp.base+1+idx, len(t))
	if !ok {
		windows(h[:len(t)-length+1], t, length, fw.fp.op, &fw.win)
	}
	return h
}

func (fw *fastWorker) line(w *worker) bool {
	switch {
	case fw.fp.hist:
		fw.histLine(w)
		return true
	case fw.fp.median3:
		return fw.median3Line(w)
	case fw.fp.box != nil:
		return fw.boxRankLine(w)
	case fw.fp.rank != nil:
		return false // the rank program runs on transformed lines
	}
	fp, p := fw.fp, w.p
	L := p.length
	out := fw.dst[:L]
	for i, r := range fp.runs {
		h := fw.reduced(w.cur[r.group], r.lenIdx)
		fw.srcs[i] = h[p.padL+r.start : p.padL+r.start+L]
	}
	combineAll(out, fw.srcs[:len(fp.runs)], fp.op)
	if fp.op == opAdd && fp.n < 8 {
		// numpy's sum of fewer than 8 terms starts from 0, so it is never
		// -0, where the runs' sum is -0 when every term is (as numpy's sum
		// of 8 or more): adding 0 gives the lane program's zeros and
		// changes nothing else.
		for i := range out {
			out[i] += 0
		}
	}
	if fp.pat.Kind == compile.MeanPattern {
		n := float64(fp.n)
		for i := range out {
			out[i] /= n
		}
	}
	return true
}

// sumNumpy sets dst to the sum of srcs (1 to 8 of them) pixel by pixel in
// numpy's order (pairwise_sum_DOUBLE), in one pass: fewer than 8 terms one
// after another from 0; 8 as ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)), which
// is vec.FoldAdd's tree.
func sumNumpy(dst []float64, srcs [][]float64) {
	n := len(dst)
	switch len(srcs) {
	case 1:
		a := srcs[0][:n]
		for i := range dst {
			dst[i] = 0 + a[i]
		}
	case 2:
		a, b := srcs[0][:n], srcs[1][:n]
		for i := range dst {
			dst[i] = 0 + a[i] + b[i]
		}
	case 3:
		a, b, c := srcs[0][:n], srcs[1][:n], srcs[2][:n]
		for i := range dst {
			dst[i] = 0 + a[i] + b[i] + c[i]
		}
	case 4:
		a, b, c, d := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n]
		for i := range dst {
			dst[i] = 0 + a[i] + b[i] + c[i] + d[i]
		}
	case 5:
		a, b, c, d, e := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n]
		for i := range dst {
			dst[i] = 0 + a[i] + b[i] + c[i] + d[i] + e[i]
		}
	case 6:
		a, b, c, d, e, f := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n]
		for i := range dst {
			dst[i] = 0 + a[i] + b[i] + c[i] + d[i] + e[i] + f[i]
		}
	case 7:
		a, b, c, d, e, f, g := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n], srcs[6][:n]
		for i := range dst {
			dst[i] = 0 + a[i] + b[i] + c[i] + d[i] + e[i] + f[i] + g[i]
		}
	default:
		vec.FoldAdd(dst, srcs) // 8 terms: numpy's tree, ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7))
	}
}

// sumScalar is sumNumpy for one pixel.
func sumScalar(t []float64) float64 {
	if len(t) == 8 {
		return ((t[0] + t[1]) + (t[2] + t[3])) + ((t[4] + t[5]) + (t[6] + t[7]))
	}
	acc := 0.0
	for _, x := range t {
		acc += x
	}
	return acc
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
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
