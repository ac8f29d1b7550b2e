package filter

import (
	"context"
	"fmt"
	"runtime"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/lang"
)

// Options are a filter's footprint, parameters and scipy-style options.
// Footprint is required (the zero Options is refused with an *Error of kind
// FootprintError saying so); every other field's zero value is the default
// its comment states.
type Options struct {
	Footprint Footprint             // the neighbourhood, required: BoxN, Box, Cross, Disk, ParseFootprint...
	Params    map[string]Param      // the kernel's parameters
	Mode      Mode                  // how the input extends past its edges; Reflect by default
	Cval      float64               // the value outside the input for Constant and GridConstant
	Origin    []int                 // shift of the footprint, one per footprint axis or one for all
	Axes      []int                 // the input axes the footprint spans; nil for all
	Output    DType                 // the output's element type; 0 for the input's
	Threads   int                   // goroutines per Apply; 0 for GOMAXPROCS
	Progress  func(done, total int) // if set, called as lines complete, from any goroutine
	Limits    lang.Limits           // kernel limits; zero for lang.DefaultLimits
	General   bool                  // always run the lane program, even where a faster algorithm exists
	MaxInstrs int                   // compiled program size limit; zero for compile.DefaultMaxInstrs
}

// Filter is a compiled kernel with its footprint and options. It is safe
// for concurrent use.
type Filter struct {
	prog   *compile.Program
	opts   Options
	origin []int // one per footprint axis
	// plans keeps the plans of the last few input shapes (reuse.go).
	// Copies of a Filter that differ in Progress only (stream.go,
	// region.go) share it: a plan does not depend on Progress.
	plans *planCache
}

// New compiles kernel for opts.Footprint. Kernel errors are *lang.Error
// values; bad options are *Error values.
func New(kernel string, opts Options) (*Filter, error) {
	fp := opts.Footprint
	if len(fp.Shape) == 0 && len(fp.Mask) == 0 && fp.invalid == "" {
		// the zero Options: there is no natural default neighbourhood
		return nil, &Error{Kind: FootprintError, Msg: "Options.Footprint is empty: give one, e.g. filter.BoxN(2, 3) or filter.Cross(2)"}
	}
	if err := fp.check(); err != nil {
		return nil, err
	}
	if opts.Mode > GridConstant {
		return nil, &Error{Kind: ModeError, Msg: fmt.Sprintf("unknown mode %d", opts.Mode)}
	}
	origin := make([]int, fp.Rank())
	switch len(opts.Origin) {
	case 0:
	case 1:
		for i := range origin {
			origin[i] = opts.Origin[0]
		}
	case fp.Rank():
		copy(origin, opts.Origin)
	default:
		return nil, &Error{Kind: OriginError, Msg: fmt.Sprintf("%d origins for a %d-D footprint; give one, or one per axis", len(opts.Origin), fp.Rank())}
	}
	for ax, o := range origin {
		s := fp.Shape[ax]
		if lo, hi := -(s / 2), (s-1)/2; o < lo || o > hi {
			return nil, &Error{Kind: OriginError, Msg: fmt.Sprintf("origin %d on axis %d is out of range for footprint size %d (valid: %d to %d)", o, ax, s, lo, hi)}
		}
	}
	if opts.Threads < 0 {
		return nil, &Error{Kind: ThreadsError, Msg: fmt.Sprintf("%d threads", opts.Threads)}
	}
	prog, err := compile.Compile(kernel, compile.Config{N: fp.Count(), Params: opts.Params, Limits: opts.Limits, MaxInstrs: opts.MaxInstrs})
	if err != nil {
		return nil, err
	}
	return &Filter{prog: prog, opts: opts, origin: origin, plans: new(planCache)}, nil
}

// Program returns the compiled kernel.
func (f *Filter) Program() *compile.Program { return f.prog }

// Apply filters in into a new array of the output dtype.
func (f *Filter) Apply(ctx context.Context, in *Array) (*Array, error) {
	if err := in.checkView(); err != nil {
		return nil, err
	}
	dt := f.opts.Output
	if dt == 0 {
		dt = in.DType
	}
	out, err := Zeros(dt, in.Shape...)
	if err != nil {
		return nil, err
	}
	if err := f.ApplyTo(ctx, out, in); err != nil {
		return nil, err
	}
	return out, nil
}

// ApplyTo filters in into out, which must have in's shape; its dtype is
// the output type. out and in must not share memory (the same slice, or
// overlapping parts of one): that is an *Error wrapping ErrOverlap. A
// context already done returns its error before any work.
func (f *Filter) ApplyTo(ctx context.Context, out, in *Array) error {
	if err := in.checkView(); err != nil {
		return err
	}
	if err := out.checkView(); err != nil {
		return err
	}
	if !equalShape(out.Shape, in.Shape) {
		return &Error{Kind: OutputError, Msg: fmt.Sprintf("output shape %v differs from input shape %v", out.Shape, in.Shape)}
	}
	// Filtering in place cannot work line by line (each output line reads
	// input lines that earlier output lines would have overwritten), and a
	// hidden copy of the input would double the memory a caller chose
	// ApplyTo to bound: refuse, and let the caller use Apply.
	if overlaps(out, in) {
		return &Error{Kind: OutputError, Msg: "overlaps the input in memory, and filtering in place is not supported; give a separate output array, or use Apply", Err: ErrOverlap}
	}
	pl, err := f.cachedPlan(in.Shape, in.DType)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if pl.lines == 0 || pl.length == 0 {
		return nil
	}
	threads := f.opts.Threads
	if threads == 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	return pl.run(ctx, out, in, threads, f.opts.Progress)
}

func equalShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// axes returns the input axes the footprint spans, checked against rank.
func (f *Filter) axes(rank int) ([]int, error) {
	fr := f.opts.Footprint.Rank()
	if f.opts.Axes == nil {
		if fr != rank {
			return nil, &Error{Kind: FootprintError, Msg: fmt.Sprintf("the footprint is %d-D, the input %d-D; give axes to filter some axes only", fr, rank)}
		}
		axes := make([]int, rank)
		for i := range axes {
			axes[i] = i
		}
		return axes, nil
	}
	if len(f.opts.Axes) != fr {
		return nil, &Error{Kind: AxesError, Msg: fmt.Sprintf("%d axes for a %d-D footprint", len(f.opts.Axes), fr)}
	}
	seen := make([]bool, rank)
	axes := make([]int, fr)
	for i, a := range f.opts.Axes {
		if a < -rank || a >= rank {
			return nil, &Error{Kind: AxesError, Msg: fmt.Sprintf("axis %d is out of range for a %d-D input", a, rank)}
		}
		if a < 0 {
			a += rank
		}
		if seen[a] {
			return nil, &Error{Kind: AxesError, Msg: fmt.Sprintf("axis %d is given twice", a)}
		}
		seen[a] = true
		axes[i] = a
	}
	return axes, nil
}

// ProgramFor returns the lane program that runs for an input of the given
// rank and dtype: the kernel's, or, when sub-expressions are hoisted, the
// one that takes them as inputs (x0, x1, ...).
func (f *Filter) ProgramFor(rank int, dtype DType) *compile.Program {
	if p, err := f.plan(ones(rank), dtype); err == nil {
		if h, ok := p.alg.(*hoisting); ok {
			return h.prog
		}
	}
	return f.prog
}

// Path says which algorithm runs on an input of the given rank and dtype,
// and why, for kfilter explain and bench.
func (f *Filter) Path(rank int, dtype DType) Path {
	p, err := f.plan(ones(rank), dtype)
	if err != nil {
		return generalAlg{}.choose(&candidate{f: f}).path()
	}
	return p.alg.path()
}

func ones(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = 1
	}
	return s
}
