package filter

import "fmt"

// generalAlg runs the kernel's lane program over every line: the general
// algorithm, which always applies, and the one the others fall back to
// for a line they decline.
type generalAlg struct{}

type generalPlan struct {
	why string
}

func (generalAlg) choose(c *candidate) linePlan {
	prog := c.f.prog
	why := fmt.Sprintf("lane program of %d instructions, strips of %d pixels", len(prog.Instrs), prog.Strip)
	if c.f.opts.General {
		why += " (fast paths disabled)"
	}
	return &generalPlan{why: why}
}

func (g *generalPlan) path() Path { return Path{Kind: GeneralPath, Reason: g.why, Exact: true} }

type generalWorker struct{}

func (g *generalPlan) newWorker(p *plan) lineWorker { return generalWorker{} }

func (generalWorker) fill(w *worker, dst []float64) (bool, error) {
	return true, w.kernelLine(dst)
}
