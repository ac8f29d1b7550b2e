package filter

import (
	"fmt"
	"strings"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// hoistBoxAlg: a kernel whose only reads of the values are minima and
// maxima of them all over a box, such as the local contrast
//
//	(max(values) - min(values)) / (max(values) + min(values) + 1e-9)
//
// over float64 input. Each output line folds the box's input lines
// straight from the input array (no line buffers, no copies) into one
// column line per sub-expression, extends it by the mode, reduces its
// windows along the line (windows: direct, doubling or van Herk/Gil-Werman
// by width) and hands the results to the lane program, whose rest is
// elementwise (fused by the machine). Min and max fold exactly in any
// order (NaN wins, -0 below +0), and the mode's extension commutes with
// the fold across lines (every line takes the same position; a line
// beyond the edges is cval everywhere), so it gives the lane program's
// results bit for bit. hoistAlg does the same line by line from cached,
// extended lines and their cached windows, which streams several times
// the memory.
type hoistBoxAlg struct{}

type hoistBoxPlan struct {
	prog *compile.Program // the kernel with the sub-expressions as inputs
	ops  []segOp          // per sub-expression: min or max
	rows []int            // the groups (input lines) of the box, in order
	cols int              // the box's width along the line
	why  string
}

func (hoistBoxAlg) choose(c *candidate) linePlan {
	f, p := c.f, c.p
	if c.dtype != Float64 {
		return nil
	}
	runs, lens := runsOf(p)
	if len(runs) == 0 || len(lens) != 1 {
		return nil
	}
	seen := map[int]bool{}
	for _, r := range runs {
		// one run per input line, all of them the whole width: a box
		if seen[r.group] || r.start != -p.padL {
			return nil
		}
		seen[r.group] = true
	}
	if lens[0] != p.padL+p.padR+1 {
		return nil
	}
	h := &hoistBoxPlan{cols: lens[0]}
	for _, r := range runs {
		h.rows = append(h.rows, r.group)
	}
	var texts []string
	cfg := compile.Config{N: len(p.elemOff), Params: f.opts.Params, Limits: f.opts.Limits, MaxInstrs: f.opts.MaxInstrs}
	prog, subs, err := f.prog.Hoist(cfg, func(s compile.Sub) bool {
		if s.Pattern.Pre != nil {
			return false
		}
		switch s.Pattern.Kind {
		case compile.MinPattern:
			h.ops = append(h.ops, opMin)
		case compile.MaxPattern:
			h.ops = append(h.ops, opMax)
		default:
			return false
		}
		texts = append(texts, s.Text)
		return true
	})
	if err != nil || len(subs) == 0 || readsValues(prog) {
		return nil
	}
	h.prog = prog
	h.why = fmt.Sprintf("the lane program (%d instructions) with %s over the %dx%d box read straight from the float64 input, each line folded across the box's lines, then its windows along the line: %s",
		len(prog.Instrs), plural(len(subs), "sub-expression"), len(h.rows), h.cols, strings.Join(texts, ", "))
	return h
}

// readsValues reports whether prog reads a footprint value (slots 0 ..
// N-1) or does anything but elementwise work: a program that does not
// needs no line buffers.
func readsValues(prog *compile.Program) bool {
	N := int32(prog.N)
	for _, in := range prog.Instrs {
		if !in.Op.Elementwise() {
			return true
		}
		n := in.N
		for i, base := range []int32{in.A, in.B, in.C} {
			stride := []uint8{in.SA, in.SB, in.SC}[i]
			if base < 0 {
				continue
			}
			last := base
			if stride != 0 {
				last = base + (n-1)*int32(stride)
			}
			if base < N || last < N {
				return true
			}
		}
	}
	return false
}

func (h *hoistBoxPlan) path() Path { return Path{Kind: HoistedPath, Reason: h.why, Exact: true} }

// boxChunk is how many pixels of a line hoistBoxAlg takes at a time, so
// that the box's input lines, the column folds and the program's
// registers for it stay in L1 from the first fold to the program.
const boxChunk = 512

// hoistBoxWorker is a worker's state for hoistBoxAlg.
type hoistBoxWorker struct {
	h        *hoistBoxPlan
	m        *compile.Machine
	rows     [][]float64  // the box's input lines for the current output line
	part     [][]float64  // the rows' views for the current chunk
	col      []float64    // the column fold over a chunk and its margins (16 spare for vec.Window5MinNoNaN)
	col2     []float64    // the second sub-expression's, folded with the first (pair)
	tmp      [2][]float64 // windows' scratch
	bufs     [][]float64  // per sub-expression, its values along a chunk
	in       [][]float64  // the program's inputs: N unread lines, then bufs
	cvalLine []float64    // a line of cval, for lines beyond the edges
	views    [][]float64  // the column fold's windows for the current chunk
}

func (h *hoistBoxPlan) newWorker(p *plan) lineWorker {
	C := min(boxChunk, p.length)
	P := C + p.padL + p.padR
	hw := &hoistBoxWorker{h: h, m: h.prog.NewMachine(), rows: make([][]float64, len(h.rows)),
		part: make([][]float64, len(h.rows)), col: make([]float64, P, P+16), col2: make([]float64, P, P+16),
		tmp:  [2][]float64{make([]float64, P), make([]float64, P)},
		bufs: vectorsOf(len(h.ops), C), cvalLine: make([]float64, p.length)}
	for i := range hw.cvalLine {
		hw.cvalLine[i] = p.cval
	}
	hw.views = make([][]float64, h.cols)
	hw.in = make([][]float64, len(p.elemOff)+len(h.ops))
	for k := range p.elemOff {
		hw.in[k] = hw.cvalLine[:C] // never read (readsValues)
	}
	copy(hw.in[len(p.elemOff):], hw.bufs)
	return hw
}

// fill computes the line in chunks: per sub-expression, the fold across
// the box's lines over the chunk and its margins (the margins beyond the
// line's ends through the mode, one position at a time), its windows
// along the line, then the program over the chunk.
func (hw *hoistBoxWorker) fill(w *worker, dst []float64) (bool, error) {
	h, p := hw.h, w.p
	data := w.input.Data.([]float64)
	L := p.length
	raw := func(g int) []float64 {
		if src := w.src[g]; src != outsideLine {
			start := w.input.lineStart(src)
			return data[start : start+L]
		}
		return hw.cvalLine
	}
	for i, g := range h.rows {
		hw.rows[i] = raw(g)
	}
	var center []float64
	if p.center >= 0 {
		center = raw(p.center)
	}
	pair := len(h.ops) >= 2 && h.ops[0] != h.ops[1] && len(hw.rows) >= 2 && len(hw.rows) <= 8
	for x0 := 0; x0 < L; x0 += boxChunk {
		x1 := min(L, x0+boxChunk)
		lo, hi := x0-p.padL, x1+p.padR // the positions the chunk's windows read
		in0, in1 := max(lo, 0), min(hi, L)
		col := hw.col[:hi-lo]
		for i, r := range hw.rows {
			hw.part[i] = r[in0:in1]
		}
		// clean: no NaN in the chunk's column fold, the first fold's
		// kernel says (false without AVX-512), nor in its margins; the
		// other folds then skip vec's NaN masks
		clean := false
		for s, op := range h.ops {
			col := col
			switch {
			case s == 0 && pair:
				// a min and a max (the local contrast's): both column
				// folds in one pass, each input line read once
				mn, mx := col, hw.col2[:hi-lo]
				if op == opMax {
					mn, mx = mx, mn
				}
				clean = !vec.FoldMinMaxSeeNaN(mn[in0-lo:in1-lo], mx[in0-lo:in1-lo], hw.part)
			case s == 0:
				clean = !foldSeeNaN(col[in0-lo:in1-lo], hw.part, op)
			case s == 1 && pair:
				col = hw.col2[:hi-lo] // folded with the first
			default:
				fold(col[in0-lo:in1-lo], hw.part, op, clean)
			}
			for x := lo; x < in0; x++ {
				col[x-lo] = hw.foldAt(p, x, op)
				clean = clean && col[x-lo] == col[x-lo]
			}
			for x := in1; x < hi; x++ {
				col[x-lo] = hw.foldAt(p, x, op)
				clean = clean && col[x-lo] == col[x-lo]
			}
			switch out := hw.bufs[s][:x1-x0]; {
			case h.cols == 1:
				copy(out, col)
			case clean && h.cols == 5 && op == opMin:
				vec.Window5MinNoNaN(out, col)
			case clean && h.cols == 5:
				vec.Window5MaxNoNaN(out, col)
			case clean && h.cols <= 8:
				for c := range hw.views {
					hw.views[c] = col[c : c+len(out)]
				}
				fold(out, hw.views, op, true)
			default:
				windows(out, col, h.cols, op, &hw.tmp)
			}
		}
		var c []float64
		if center != nil {
			c = center[x0:x1]
		}
		hw.m.Run(dst[x0:x1], hw.in, c)
	}
	return true, nil
}

// foldAt is the fold across the box's lines at position x beyond the
// line's ends: each line's value there by the mode.
func (hw *hoistBoxWorker) foldAt(p *plan, x int, op segOp) float64 {
	q := p.mode.index(x, p.length)
	if q < 0 {
		return p.cval
	}
	acc := hw.rows[0][q]
	for _, r := range hw.rows[1:] {
		acc = apply(op, acc, r[q])
	}
	return acc
}

// fold sets dst to op over srcs: without NaN masks when clean (srcs
// hold no NaN) and there are 2 to 8 of them.
func fold(dst []float64, srcs [][]float64, op segOp, clean bool) {
	switch {
	case !clean || len(srcs) < 2 || len(srcs) > 8:
		combineAll(dst, srcs, op)
	case op == opMin:
		vec.FoldMinNoNaN(dst, srcs)
	default:
		vec.FoldMaxNoNaN(dst, srcs)
	}
}

// foldSeeNaN is fold, reporting whether a NaN was among srcs (true when it
// cannot tell).
func foldSeeNaN(dst []float64, srcs [][]float64, op segOp) bool {
	switch {
	case len(srcs) < 2 || len(srcs) > 8:
		combineAll(dst, srcs, op)
		return true
	case op == opMin:
		return vec.FoldMinSeeNaN(dst, srcs)
	default:
		return vec.FoldMaxSeeNaN(dst, srcs)
	}
}
