package filter

import "github.com/kfilter/kfilter/compile"

// patternPlan is a recognised pattern with the footprint's runs, shared
// by the pattern algorithms.
type patternPlan struct {
	pat  compile.Pattern
	runs []segRun
	lens []int // the distinct run lengths
	n    int   // footprint elements
	// base is the first of the derivedPerPath derived buffers of a cached
	// line this pattern's algorithm may use, so that several (hoisting)
	// share cached lines.
	base int
}

func newPatternPlan(p *plan, pat compile.Pattern, base int) *patternPlan {
	pp := &patternPlan{pat: pat, n: len(p.elemOff), base: base}
	pp.runs, pp.lens = runsOf(p)
	return pp
}

// derivedPerPath bounds the derived buffers of one path: the transformed
// line, one per run length, and the NaN flag (nanFlag).
const derivedPerPath = 64

// nanFlag is the derived buffer holding a line's NaN flag (past the run
// windows' buffers, 1 + len(lens), which the median paths do not use).
const nanFlag = 63

// segRun is a run of consecutive footprint elements along the line.
type segRun struct {
	group  int // the input line
	start  int // offset along the line of its first element
	lenIdx int // index of its length in patternPlan.lens
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

// patternWorker is a worker's state for a pattern: the transform's
// machine, and the transformed lines and NaN flags it keeps in the cached
// lines.
type patternWorker struct {
	pp  *patternPlan
	pre *compile.Machine
	in  [][]float64
}

func newPatternWorker(pp *patternPlan) patternWorker {
	pw := patternWorker{pp: pp, in: make([][]float64, 1)}
	if pp.pat.Pre != nil {
		pw.pre = pp.pat.Pre.NewMachine()
	}
	return pw
}

// transformed returns line l after the pattern's transform (and, for
// count, as 0/1 for non-zero), computing it once per cached line.
func (pw *patternWorker) transformed(l *cachedLine) []float64 {
	pat := &pw.pp.pat
	if pw.pre == nil && pat.Kind != compile.CountPattern {
		return l.buf
	}
	t, ok := l.derivedBuf(pw.pp.base, len(l.buf))
	if ok {
		return t
	}
	src := l.buf
	if pw.pre != nil {
		pw.in[0] = l.buf
		pw.pre.Run(t, pw.in, nil)
		src = t
	}
	if pat.Kind == compile.CountPattern && !pat.PreBool {
		for i, x := range src {
			t[i] = b2f(x != 0)
		}
	}
	return t
}

// hasNaN reports whether buf (l's raw or transformed line) holds a NaN,
// scanning it once per cached line.
func (pw *patternWorker) hasNaN(l *cachedLine, buf []float64) bool {
	flag, ok := l.derivedBuf(pw.pp.base+nanFlag, 1)
	if !ok {
		flag[0] = 0
		for _, x := range buf {
			if x != x {
				flag[0] = 1
				break
			}
		}
	}
	return flag[0] != 0
}

// transformNote prefixes the reason of a rank path over a transform.
func transformNote(pat compile.Pattern, why string) string {
	if pat.Pre != nil {
		return "the transform once per input pixel, then the " + why
	}
	return why
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
