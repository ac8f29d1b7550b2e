package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// directF32Alg is directAlg for min and max of float32 input: every
// footprint element folded straight from the float32 input lines, eight
// pixels to a vector instruction, the result written straight into a
// float32 output; never widened to float64. min and max pick one of their
// operands (NaN propagates, -0 is the smaller zero, as Go's min and max),
// so the lane program's float64 result is exactly this float32 value.
type directF32Alg struct{}

type directF32Plan struct {
	*patternPlan
	isMax bool
	top   bool // the whole kernel, not a hoisted sub-expression: it may write the output
	why   string
}

func (directF32Alg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || c.dtype != Float32 || pp.pat.Pre != nil || pp.n > 15 || !cvalIs(c.p, Float32) ||
		pp.pat.Kind != compile.MinPattern && pp.pat.Kind != compile.MaxPattern {
		return nil
	}
	return &directF32Plan{patternPlan: pp, isMax: pp.pat.Kind == compile.MaxPattern, top: !c.sub,
		why: fmt.Sprintf("%s of %d values read straight from the float32 input, 8 a vector instruction, %d fused pass(es) per line; never widened to float64",
			pp.pat.Kind, pp.n, 1+(pp.n-2)/7)}
}

func (d *directF32Plan) path() Path { return Path{Kind: DirectPath, Reason: d.why, Exact: true} }

type directF32Worker struct {
	d        *directF32Plan
	srcs     [][]float32 // per element: its view for the current line
	buf      [8][]float32
	acc      []float32   // the output line, when not written in place
	cvalLine []float32   // a line of cval, for lines beyond the edges
	lines    [][]float32 // per group: its input line for the current output line
	lo, hi   int         // the interior: pixels whose elements all lie in the line
	edge     []int       // the other pixels
	cols     []int       // per edge pixel, per element: its position through the mode (-1: cval)
}

func (d *directF32Plan) newWorker(p *plan) lineWorker {
	dw := &directF32Worker{d: d, srcs: make([][]float32, d.n), acc: make([]float32, p.length), cvalLine: make([]float32, p.length)}
	for i := range dw.cvalLine {
		dw.cvalLine[i] = float32(p.cval)
	}
	dw.lines = make([][]float32, len(p.groups))
	L := p.length
	dw.lo, dw.hi = min(p.padL, L), max(L-p.padR, min(p.padL, L))
	for x := 0; x < L; x++ {
		if x < dw.lo || x >= dw.hi {
			dw.edge = append(dw.edge, x)
			for _, off := range p.elemOff {
				dw.cols = append(dw.cols, p.mode.index(x+off, L))
			}
		}
	}
	return dw
}

// fold sets dst to min or max over srcs (1 to 15 of them): the first
// eight in one pass, the rest with dst in a second.
func (dw *directF32Worker) fold(dst []float32, srcs [][]float32) {
	f := vec.FoldMinBothF32 // FoldMinF32's kernel, two registers an iteration
	if dw.d.isMax {
		f = vec.FoldMaxF32
	}
	if len(srcs) == 1 {
		copy(dst, srcs[0])
		return
	}
	k := min(len(srcs), 8)
	f(dst, srcs[:k])
	if k < len(srcs) {
		dw.buf[0] = dst
		m := copy(dw.buf[1:], srcs[k:])
		f(dst, dw.buf[:m+1])
	}
}

// fill computes the current output line from the float32 input: the
// interior in fused passes over views of the input lines, the few border
// pixels one by one through the mode.
func (dw *directF32Worker) fill(w *worker, dst []float64) (bool, error) {
	d, p := dw.d, w.p
	data := w.input.Data.([]float32)
	L := p.length
	for g := range dw.lines {
		dw.lines[g] = dw.cvalLine
		if src := w.src[g]; src != outsideLine {
			start := w.input.lineStart(src)
			dw.lines[g] = data[start : start+L]
		}
	}
	acc := dw.acc
	out, inPlace := w.output.Data.([]float32)
	inPlace = inPlace && d.top
	if inPlace {
		acc = out[w.outStart : w.outStart+L]
	}
	lo, hi := dw.lo, dw.hi
	if lo < hi {
		// whole vectors, then the last eight again (acc is none of the
		// input lines) rather than the portable loop
		n := hi - lo
		if n >= 8 {
			n &^= 7
		}
		for k, off := range p.elemOff {
			dw.srcs[k] = dw.lines[p.elemGroup[k]][lo+off : lo+n+off]
		}
		dw.fold(acc[lo:lo+n], dw.srcs[:d.n])
		if lo+n < hi {
			for k, off := range p.elemOff {
				dw.srcs[k] = dw.lines[p.elemGroup[k]][hi-8+off : hi+off]
			}
			dw.fold(acc[hi-8:hi], dw.srcs[:d.n])
		}
	}
	m := len(p.elemOff)
	for i, x := range dw.edge {
		cols := dw.cols[i*m : (i+1)*m]
		var v float32
		for k, q := range cols {
			e := float32(p.cval)
			if q >= 0 {
				e = dw.lines[p.elemGroup[k]][q]
			}
			switch {
			case k == 0:
				v = e
			case d.isMax:
				v = max(v, e)
			default:
				v = min(v, e)
			}
		}
		acc[x] = v
	}
	if inPlace {
		w.wrote = true
	} else {
		widen(dst, acc)
	}
	return true, nil
}
