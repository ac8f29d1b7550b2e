package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
)

// rankProgramAlg runs a rank of a transform, such as
// median(abs(values - c)), that no faster rank algorithm takes: the
// transform once per input pixel (not once per footprint element), then
// the rank statistic's own lane program (compile.Pattern.RankProgram)
// over the transformed lines.
type rankProgramAlg struct{}

type rankProgramPlan struct {
	*patternPlan
	prog *compile.Program
}

func (rankProgramAlg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || pp.pat.Kind != compile.RankPattern || pp.pat.Pre == nil {
		return nil
	}
	if _, _, _, ok := pp.pat.Ranks(pp.n); !ok {
		return nil
	}
	prog, err := pp.pat.RankProgram(pp.n)
	if err != nil {
		return nil
	}
	return &rankProgramPlan{patternPlan: pp, prog: prog}
}

func (r *rankProgramPlan) path() Path {
	return Path{Kind: RankProgramPath, Exact: true,
		Reason: fmt.Sprintf("the transform once per input pixel (not %d times), then %s: %d instructions", r.n, r.prog.Source, len(r.prog.Instrs))}
}

type rankProgramWorker struct {
	patternWorker
	r   *rankProgramPlan
	m   *compile.Machine
	in  [][]float64 // per footprint element: its view of a transformed line
	sub [][]float64
}

func (r *rankProgramPlan) newWorker(p *plan) lineWorker {
	return &rankProgramWorker{patternWorker: newPatternWorker(r.patternPlan), r: r, m: r.prog.NewMachine(),
		in: make([][]float64, len(p.elemOff)), sub: make([][]float64, len(p.elemOff))}
}

func (rw *rankProgramWorker) fill(w *worker, dst []float64) (bool, error) {
	p := w.p
	w.lines()
	for k, g := range p.elemGroup {
		rw.in[k] = rw.transformed(w.cur[g])[p.padL+p.elemOff[k]:]
	}
	return true, w.runProgram(rw.m, rw.in, rw.sub, nil, dst)
}
