package filter

import (
	"fmt"
	"strings"

	"github.com/kfilter/kfilter/compile"
)

// hoistAlg: a kernel that is not itself a fast pattern may contain some,
// such as median(values) and std(values) in the outlier kernel
//
//	abs(center - median(values)) > 3 * std(values) ? median(values) : center
//
// Each sub-expression with a pattern algorithm is computed line by line
// by that algorithm and handed to the lane program as an input
// (compile.Program.Hoist); the program computes the rest. Lines where an
// algorithm declines (a NaN under a median) run the whole kernel's
// program. Neither a rank program (no faster than the lane program's own
// network) nor a sum that is not bit for bit is hoisted.
type hoistAlg struct{}

// hoisting is the plan of the hoisted sub-expressions.
type hoisting struct {
	prog  *compile.Program // the kernel with the sub-expressions as inputs
	paths []linePlan       // one per input, in order
	why   string
}

func (hoistAlg) choose(c *candidate) linePlan {
	f, p := c.f, c.p
	h := &hoisting{}
	var whys []string
	cfg := compile.Config{N: len(p.elemOff), Params: f.opts.Params, Limits: f.opts.Limits, MaxInstrs: f.opts.MaxInstrs}
	prog, subs, err := f.prog.Hoist(cfg, func(s compile.Sub) bool {
		sc := &candidate{f: f, p: p, dtype: c.dtype, sub: true, pat: newPatternPlan(p, s.Pattern, derivedPerPath*(len(h.paths)+1))}
		lp := pick(patternAlgorithms, sc)
		if lp == nil {
			return false
		}
		if path := lp.path(); path.Kind == RankProgramPath || !path.Exact {
			// no faster than the program, or a sum not bit for bit
			// the program's: leave it to the program
			return false
		}
		h.paths = append(h.paths, lp)
		whys = append(whys, fmt.Sprintf("%s by %s", s.Text, lp.path().Reason))
		return true
	})
	if err != nil || len(subs) == 0 {
		return nil
	}
	h.prog = prog
	h.why = fmt.Sprintf("the lane program (%d instructions) with %s computed line by line: %s",
		len(prog.Instrs), plural(len(subs), "sub-expression"), strings.Join(whys, "; "))
	return h
}

func (h *hoisting) path() Path { return Path{Kind: HoistedPath, Reason: h.why, Exact: true} }

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return fmt.Sprintf("%d %ss", n, s)
}

// hoistWorker is a worker's state for hoisting.
type hoistWorker struct {
	m     *compile.Machine
	paths []lineWorker
	bufs  [][]float64 // per sub-expression, its values along the line
	in    [][]float64 // the program's inputs: the footprint's views, then bufs
	sub   [][]float64
}

func (h *hoisting) newWorker(p *plan) lineWorker {
	n := len(p.elemOff) + len(h.paths)
	hw := &hoistWorker{m: h.prog.NewMachine(), bufs: vectorsOf(len(h.paths), p.length),
		in: make([][]float64, n), sub: make([][]float64, n)}
	for _, lp := range h.paths {
		hw.paths = append(hw.paths, lp.newWorker(p))
	}
	return hw
}

// fill computes the sub-expressions' lines, then the program over them,
// or reports false if an algorithm declined this line.
func (hw *hoistWorker) fill(w *worker, dst []float64) (bool, error) {
	for i, pw := range hw.paths {
		if ok, err := pw.fill(w, hw.bufs[i]); !ok || err != nil {
			return false, err
		}
	}
	w.lines()
	n := copy(hw.in, w.elemViews())
	copy(hw.in[n:], hw.bufs)
	return true, w.runProgram(hw.m, hw.in, hw.sub, w.centerLine(), dst)
}
