package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
)

// An execution path is one algorithm that fills output lines. Each is a
// type in a file of its own (direct.go, runs.go, histogram.go,
// median3.go, boxrank.go, rankprog.go, hoist.go, general.go) behind the
// three small interfaces below; choose, in this file, tries them in order.

// PathKind is the algorithm a filter runs by.
type PathKind uint8

const (
	GeneralPath     PathKind = iota // the kernel's lane program
	DirectPath                      // min, max or a short sum read straight from the float64 input
	RunsPath                        // min, max, sum, mean or count over the footprint's runs along the line
	HistogramPath                   // a rank of uint8 pixels by a sliding histogram
	Median3Path                     // the 3x3 median by shared column sorts
	BoxMedianPath                   // a box median: shared column sorts, then a selection network per window
	BoxPairsPath                    // a box median: shared column sorts, windows taken in pairs
	RankProgramPath                 // a transformed rank: the transform once per pixel, then the rank's program
	HoistedPath                     // the lane program, with sub-expressions computed by the paths above
)

var pathNames = [...]string{"general", "direct", "runs", "histogram", "median3x3", "box median", "box median in pairs", "rank program", "hoisted"}

func (k PathKind) String() string {
	if int(k) < len(pathNames) {
		return pathNames[k]
	}
	return fmt.Sprintf("PathKind(%d)", k)
}

// Path is how a filter runs on inputs of some rank and dtype.
type Path struct {
	Kind   PathKind
	Reason string // what runs and why, in words
	// Exact: the results are the lane program's bit for bit. Only a sum
	// or mean over runs of non-integer values is not (the package doc
	// states its bound).
	Exact bool
}

// String is the path as kfilter explain prints it: "fast: ",
// "hoisted: " or "general: ", then the reason.
func (p Path) String() string {
	switch p.Kind {
	case GeneralPath:
		return "general: " + p.Reason
	case HoistedPath:
		return "hoisted: " + p.Reason
	}
	return "fast: " + p.Reason
}

// algorithm is one way of filling output lines. choose returns its plan
// for the candidate, or nil when it does not apply (or gains nothing).
type algorithm interface {
	choose(c *candidate) linePlan
}

// linePlan is a chosen algorithm for one input shape: what Filter.Path
// says of it, and a per-worker state.
type linePlan interface {
	path() Path
	newWorker(p *plan) lineWorker
}

// lineWorker fills output lines for one goroutine. fill computes the
// worker's current output line into dst (len p.length) from the input, or
// reports false to have the kernel's lane program compute the line (a
// line with a NaN under a median). It is called once per line, never per
// pixel.
type lineWorker interface {
	fill(w *worker, dst []float64) (bool, error)
}

// candidate is what an algorithm chooses by: the filter, the plan of the
// input shape, the input dtype and, when the kernel (or, for hoisting, a
// sub-expression) has one, its pattern with the footprint's runs.
type candidate struct {
	f     *Filter
	p     *plan
	dtype DType
	pat   *patternPlan // nil: no pattern
}

// algorithms are tried in order; the first that applies runs. The
// pattern algorithms come first (cheapest first within a pattern kind),
// then hoisting, then the lane program, which always applies.
var algorithms = []algorithm{
	directAlg{}, runsAlg{}, histogramAlg{}, median3Alg{}, boxMedianAlg{}, rankProgramAlg{},
	hoistAlg{}, generalAlg{},
}

// patternAlgorithms are the algorithms of a recognised pattern: those a
// sub-expression may be hoisted to.
var patternAlgorithms = algorithms[:6]

// choose picks the algorithm for plan p and input dtype.
func (f *Filter) choose(p *plan, dtype DType) linePlan {
	if f.opts.General {
		return generalAlg{}.choose(&candidate{f: f, p: p, dtype: dtype})
	}
	c := &candidate{f: f, p: p, dtype: dtype}
	if pat, ok := f.prog.Recognize(f.opts.Params); ok {
		c.pat = newPatternPlan(p, pat, 0)
	}
	for _, a := range algorithms {
		if lp := a.choose(c); lp != nil {
			return lp
		}
	}
	panic("filter: no algorithm applies") // generalAlg always does
}

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
