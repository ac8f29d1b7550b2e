package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// directAlg: min and max of up to 16 values, and sums and means of up to
// 8, over float64 input with no transform, fold every footprint element
// straight from the input lines, all elements in one or two fused passes:
// no line buffers, no copies at all. Sums add in numpy's order (sumNumpy),
// so every result is the lane program's bit for bit.
type directAlg struct{}

type directPlan struct {
	*patternPlan
	op  segOp
	why string
}

func (directAlg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || c.dtype != Float64 || pp.pat.Pre != nil || pp.n > 16 || len(pp.lens) >= derivedPerPath-2 {
		return nil
	}
	op, ok := segOpOf(pp.pat.Kind)
	if !ok || op == opAdd && (pp.n > 8 || pp.pat.Kind == compile.CountPattern) {
		return nil
	}
	return &directPlan{patternPlan: pp, op: op,
		why: fmt.Sprintf("%s of %d values read straight from the float64 input, %d fused pass(es) per line", pp.pat.Kind, pp.n, (pp.n+6)/7)}
}

// segOpOf returns the associative operation of a reduction pattern.
func segOpOf(k compile.PatternKind) (segOp, bool) {
	switch k {
	case compile.MinPattern:
		return opMin, true
	case compile.MaxPattern:
		return opMax, true
	case compile.SumPattern, compile.MeanPattern, compile.CountPattern:
		return opAdd, true
	}
	return 0, false
}

func (d *directPlan) path() Path { return Path{Kind: DirectPath, Reason: d.why, Exact: true} }

type directWorker struct {
	d        *directPlan
	srcs     [][]float64 // per element: its view for the current line
	cvalLine []float64   // a line of cval, for lines beyond the edges
}

func (d *directPlan) newWorker(p *plan) lineWorker {
	dw := &directWorker{d: d, srcs: make([][]float64, d.n), cvalLine: make([]float64, p.length)}
	for i := range dw.cvalLine {
		dw.cvalLine[i] = p.cval
	}
	return dw
}

// fill computes the current output line from the float64 input: the
// interior, where every element falls inside the line, in fused passes
// over views of the input lines; the few border pixels one by one through
// the mode.
func (dw *directWorker) fill(w *worker, dst []float64) (bool, error) {
	d, p := dw.d, w.p
	data := w.input.Data.([]float64)
	L := p.length
	raw := func(g int) []float64 {
		if src := w.src[g]; src != outsideLine {
			start := w.input.lineStart(src)
			return data[start : start+L]
		}
		return dw.cvalLine
	}
	lo, hi := min(p.padL, L), max(L-p.padR, min(p.padL, L))
	if lo < hi {
		for k, off := range p.elemOff {
			dw.srcs[k] = raw(p.elemGroup[k])[lo+off : hi+off]
		}
		switch d.op {
		case opAdd:
			sumNumpy(dst[lo:hi], dw.srcs[:d.n])
		default:
			combineAll(dst[lo:hi], dw.srcs[:d.n], d.op)
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
			case d.op == opAdd:
				terms[k] = v // d.n <= 8
			case k == 0:
				acc = v
			default:
				acc = apply(d.op, acc, v)
			}
		}
		if d.op == opAdd {
			acc = sumScalar(terms[:d.n])
		}
		dst[x] = acc
	}
	for x := 0; x < lo; x++ {
		border(x)
	}
	for x := hi; x < L; x++ {
		border(x)
	}
	if d.pat.Kind == compile.MeanPattern {
		n := float64(d.n)
		for i := range dst {
			dst[i] /= n
		}
	}
	return true, nil
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
