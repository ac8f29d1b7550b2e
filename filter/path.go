package filter

import "fmt"

// An execution path is one algorithm that fills output lines. Each is a
// type in a file of its own (direct.go, directf32.go, erodeu8.go,
// intruns.go, runsf32.go, intsum.go, runs.go, intmedian.go, intmedianpair.go,
// median3f32.go, median3f64.go, median3.go, median5f.go, typedrank.go, keyhist.go,
// ctmedian.go, histogram.go, hist16.go, boxrank.go, rankprog.go,
// hoistbox.go, hoist.go, general.go) behind the three small interfaces
// below; choose.go tries them in order, and
// pattern.go holds what the algorithms of a recognised pattern share.

// PathKind is the algorithm a filter runs by.
type PathKind uint8

const (
	GeneralPath     PathKind = iota // the kernel's lane program
	DirectPath                      // min, max or a short sum read straight from the float64 input
	RunsPath                        // min, max, sum, mean or count over the footprint's runs along the line
	IntRunsPath                     // min or max of uint8, int8, uint16 or int16 over the runs, in that type from end to end
	HistogramPath                   // a rank of uint8 pixels by a sliding histogram (of 16-bit ones in three levels)
	Median3Path                     // the 3x3 median by shared column sorts
	BoxMedianPath                   // a box median: shared column sorts, then a selection network per window
	BoxPairsPath                    // a box median: shared column sorts, windows taken in pairs
	RankProgramPath                 // a transformed rank: the transform once per pixel, then the rank's program
	HoistedPath                     // the lane program, with sub-expressions computed by the paths above
	IntMedianPath                   // a rank of 8- or 16-bit integers over a small box by column sorts and a selection network, in that type
	CTMedianPath                    // a rank of uint8 pixels over a large box by the constant-time median (Perreault-Hébert)
	TypedRankPath                   // a rank of float32 or float64 over any footprint: shared sorted columns, then merging networks, in that type
	RunsF32Path                     // min or max of float32 over the runs, in float32 from end to end
	KeyHistPath                     // a rank of float32 or float64 over a large footprint: a sliding histogram of order-preserving keys, exact in a band around the rank
	IntSumPath                      // a sum, mean or count of integers (the input's, or a bool transform's) over the runs, in integer lanes
	Median5Path                     // the float 5x5 median two output lines a pass: the shared lines' columns sorted once, in vector registers
)

var pathNames = [...]string{"general", "direct", "runs", "integer runs", "histogram", "median3x3", "box median", "box median in pairs", "rank program", "hoisted", "integer box median", "constant-time median", "typed rank", "float32 runs", "key histogram", "integer sums", "median5x5"}

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
	sub   bool         // pat is a hoisted sub-expression's, not the kernel's
}
