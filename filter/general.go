package filter

import "fmt"

// generalAlg runs the kernel's lane program over every line: the general
// algorithm, which always applies, and the one the others fall back to
// for a line they decline.
//
// Over float64 input the program reads the interior of each line, where
// every footprint element falls inside the line, straight from the input
// array; only the few pixels at each end read small buffers extended by
// the mode. Other input is converted into the worker's cached line
// buffers first.
type generalAlg struct{}

type generalPlan struct {
	why    string
	direct bool // float64 input: the interior read straight from the array
}

// generalDirect lets tests turn the straight reads off, to compare them
// with the cached line buffers.
var generalDirect = true

func (generalAlg) choose(c *candidate) linePlan {
	prog := c.f.prog
	why := fmt.Sprintf("lane program of %d instructions, strips of %d pixels", len(prog.Instrs), prog.RunStrip())
	direct := generalDirect && c.dtype == Float64
	if direct {
		why += ", the interior of each line read straight from the float64 input"
	}
	if c.f.opts.General {
		why += " (fast paths disabled)"
	}
	return &generalPlan{why: why, direct: direct}
}

func (g *generalPlan) path() Path { return Path{Kind: GeneralPath, Reason: g.why, Exact: true} }

// generalWorker is the general algorithm's state: for float64 input, the
// ends' buffers and the views.
type generalWorker struct {
	direct bool
	// The ends (the padL pixels at the start of the line, then the padR
	// at its end) run as one strip: per element, its values for them
	// gathered through the mode, by endQ.
	ends      [][]float64 // per element: its values at the ends' pixels
	endQ      []int       // per element and end pixel: the index its value is at in the line, or -1 for cval
	endCenter []float64   // the ends' own values
	endOut    []float64   // their results
	rows      [][]float64 // per group: its input line for the current output line
	views     [][]float64 // per element
	cval      []float64   // a line of cval, for lines beyond the edges
}

func (g *generalPlan) newWorker(p *plan) lineWorker {
	if !g.direct {
		return &generalWorker{}
	}
	E := p.padL + p.padR
	N := len(p.elemOff)
	gw := &generalWorker{direct: true, ends: vectorsOf(N, E), endQ: make([]int, N*E),
		endCenter: make([]float64, E), endOut: make([]float64, E), rows: make([][]float64, len(p.groups)),
		views: make([][]float64, N), cval: make([]float64, p.length)}
	for i := range gw.cval {
		gw.cval[i] = p.cval
	}
	// the mode's index of each position the ends read: the same for every
	// line (valid when the line is longer than the footprint, which fill
	// checks)
	for k, off := range p.elemOff {
		for j := range E {
			gw.endQ[k*E+j] = p.mode.index(endPixel(p, j)+off, p.length)
		}
	}
	return gw
}

// endPixel is the j-th of the line's ends' pixels: 0 .. padL-1, then
// L-padR .. L-1.
func endPixel(p *plan, j int) int {
	if j < p.padL {
		return j
	}
	return p.length - p.padR + j - p.padL
}

func (gw *generalWorker) fill(w *worker, dst []float64) (bool, error) {
	p := w.p
	L := p.length
	if !gw.direct || L <= p.padL+p.padR {
		return true, w.kernelLine(dst)
	}
	data := w.input.Data.([]float64)
	for g, src := range w.src {
		if src != outsideLine {
			start := w.input.lineStart(src)
			gw.rows[g] = data[start : start+L]
		} else {
			gw.rows[g] = gw.cval
		}
	}
	lo, hi := p.padL, L-p.padR // the interior
	var center []float64
	if p.center >= 0 {
		center = gw.rows[p.center]
	}
	cut := func(c []float64, a, b int) []float64 {
		if c == nil {
			return nil
		}
		return c[a:b]
	}
	done := w.ctx.Done()
	for off := lo; off < hi; off += chunk {
		if done != nil && off > lo {
			select {
			case <-done:
				return true, w.ctx.Err()
			default:
			}
		}
		end := min(hi, off+chunk)
		for k, g := range p.elemGroup {
			gw.views[k] = gw.rows[g][off+p.elemOff[k] : end+p.elemOff[k]]
		}
		w.m.Run(dst[off:end], gw.views, cut(center, off, end))
	}
	// the ends, after the interior has brought their input into the
	// cache (before it, their reads took the misses on each new input
	// line), in one strip: each element's values there through the mode
	if E := lo + L - hi; E > 0 {
		for k, g := range p.elemGroup {
			fillEnd(gw.ends[k], gw.endQ[k*E:(k+1)*E], gw.rows[g], p.cval)
		}
		var c []float64
		if center != nil {
			c = gw.endCenter
			copy(c, center[:lo])
			copy(c[lo:], center[hi:])
		}
		w.m.Run(gw.endOut, gw.ends, c)
		copy(dst[:lo], gw.endOut)
		copy(dst[hi:], gw.endOut[lo:])
	}
	return true, nil
}

// fillEnd sets end[j] to row[q[j]], or cval where q[j] < 0.
func fillEnd(end []float64, q []int, row []float64, cval float64) {
	q = q[:len(end)]
	for j, i := range q {
		if i < 0 {
			end[j] = cval
		} else {
			end[j] = row[i]
		}
	}
}
