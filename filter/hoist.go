package filter

import (
	"fmt"
	"strings"

	"github.com/kfilter/kfilter/compile"
)

// Hoisting: a kernel that is not itself a fast pattern may contain some,
// such as median(values) and std(values) in the outlier kernel
//
//	abs(center - median(values)) > 3 * std(values) ? median(values) : center
//
// Each sub-expression with a fast path is computed line by line by that
// path and handed to the lane program as an input (compile.Program.Hoist);
// the program computes the rest. Lines where a path declines (a NaN under
// a median) run the whole kernel's program.

// hoisting is the plan of the hoisted sub-expressions.
type hoisting struct {
	prog  *compile.Program // the kernel with the sub-expressions as inputs
	paths []*fastPath      // one per input, in order
	why   string
}

func (f *Filter) hoist(p *plan, dtype DType) *hoisting {
	if f.opts.General {
		return nil
	}
	h := &hoisting{}
	var whys []string
	cfg := compile.Config{N: len(p.elemOff), Params: f.opts.Params, Limits: f.opts.Limits, MaxInstrs: f.opts.MaxInstrs}
	prog, subs, err := f.prog.Hoist(cfg, func(s compile.Sub) bool {
		fp := f.fastPathFor(p, s.Pattern, dtype)
		if fp == nil || fp.rank != nil || fp.op == opAdd && !fp.exact {
			// no faster algorithm here, or a sum not bit for bit the
			// program's: leave it to the program
			return false
		}
		fp.base = derivedPerPath * (len(h.paths) + 1)
		h.paths = append(h.paths, fp)
		whys = append(whys, fmt.Sprintf("%s by %s", s.Text, fp.why))
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

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return fmt.Sprintf("%d %ss", n, s)
}

// hoistWorker is a worker's state for hoisting.
type hoistWorker struct {
	m     *compile.Machine
	paths []*fastWorker
	bufs  [][]float64 // per sub-expression, its values along the line
	in    [][]float64 // the program's inputs: the footprint's views, then bufs
}

func (h *hoisting) newWorker(p *plan) *hoistWorker {
	hw := &hoistWorker{m: h.prog.NewMachine(), bufs: vectorsOf(len(h.paths), p.length),
		in: make([][]float64, len(p.elemOff)+len(h.paths))}
	for _, fp := range h.paths {
		hw.paths = append(hw.paths, fp.newWorker(p))
	}
	return hw
}

// compute fills the sub-expressions' lines, or reports false if a path
// declined this line.
func (hw *hoistWorker) compute(w *worker, in *Array) bool {
	for i, fw := range hw.paths {
		fw.dst = hw.bufs[i]
		if fw.fp.direct {
			fw.direct(w, in.Data.([]float64))
			continue
		}
		if !fw.line(w) {
			return false
		}
	}
	return true
}

// hoisted is the number of hoisted inputs of plan p.
func hoisted(p *plan) int {
	if p.hoist == nil {
		return 0
	}
	return len(p.hoist.paths)
}
