package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/imageio"
	"github.com/kfilter/kfilter/lang"
)

// asOption turns the engine's complaints about options that do not fit
// the input (a footprint of the wrong rank, say) into exit status 2.
func asOption(err error) error {
	var fe *filter.Error
	if errors.As(err, &fe) {
		switch fe.Kind {
		case filter.FootprintError, filter.AxesError, filter.OriginError, filter.ModeError, filter.ThreadsError:
			return &optionError{err}
		}
	}
	return err
}

func runFilter(ctx context.Context, e *env, o *options) error {
	src, err := o.kernelSource()
	if err != nil {
		return err
	}
	// Syntax first: a typo should not wait for a large file to load.
	if _, err := lang.Check(src, lang.Env{N: 1, Limits: o.limits.lang()}); err != nil {
		var le *lang.Error
		if errors.As(err, &le) && (le.Kind == lang.SyntaxError || le.Kind == lang.LimitError || le.Kind == lang.Unsupported) {
			return err
		}
	}
	if err := checkStdout(e, o); err != nil {
		return err
	}
	if s, err := openStream(o); err != nil || s != nil {
		if err != nil {
			return err
		}
		return s.run(ctx, e, o, src)
	}
	in, info, err := readInput(ctx, e, o.files[0], o)
	if err != nil {
		return err
	}
	// Colour images are filtered channel by channel, alpha left as it is.
	chans := []*filter.Array{in}
	var alpha *filter.Array
	if info.Channels > 0 {
		chans = imageio.SplitChannels(in)
		if info.Alpha() {
			chans, alpha = chans[:len(chans)-1], chans[len(chans)-1]
		}
	}
	opts, err := o.filterOptions(len(chans[0].Shape))
	if err != nil {
		return err
	}
	if err := checkOutputType(o, in, opts.Output); err != nil {
		return err
	}
	bar := newProgress(e, o.quiet)
	opts.Progress = bar.update
	f, err := filter.New(src, opts)
	if err != nil {
		return asOption(err)
	}
	for _, ch := range chans {
		bar.total += lines(ch.Shape)
	}
	var outs []*filter.Array
	for _, ch := range chans {
		res, err := f.Apply(ctx, ch)
		if err != nil {
			bar.done()
			return asOption(err)
		}
		bar.next(lines(ch.Shape))
		outs = append(outs, res)
	}
	bar.done()
	out := outs[0]
	if info.Channels > 0 {
		if alpha != nil {
			if alpha, err = filter.Convert(alpha, outs[0].DType); err != nil {
				return err
			}
			outs = append(outs, alpha)
		}
		if out, err = imageio.JoinChannels(outs); err != nil {
			return err
		}
	}
	return writeOutput(ctx, e, o.files[1], out, info, o)
}

// checkOutputType refuses, before any work, an output dtype the output
// format cannot hold.
func checkOutputType(o *options, in *filter.Array, dt filter.DType) error {
	format, err := formatOf(o.files[1], o.format)
	if err != nil {
		return err
	}
	if dt == 0 {
		dt = in.DType
	}
	switch {
	case format == imageio.JPEG:
		return usagef("%s: jpg is input only (lossy); write .png, .tif or .npy", o.files[1])
	case format.CanWrite(dt):
		return nil
	case format == imageio.TIFF:
		return usagef("%s: TIFF has no %v samples; write .npy, or convert with --dtype uint8", o.files[1], dt)
	}
	return usagef("%s: %s holds uint8 or uint16 samples, not %v; write .npy or .tif, or convert with --dtype uint8 (or uint16)", o.files[1], format, dt)
}

func lines(shape []int) int {
	n := 1
	for _, s := range shape[:max(len(shape)-1, 0)] {
		n *= s
	}
	return n
}

// compileOnly builds the filter for check and explain: for a rank given by
// the footprint, --shape, or 2.
func compileOnly(o *options) (*filter.Filter, filter.Options, error) {
	src, err := o.kernelSource()
	if err != nil {
		return nil, filter.Options{}, err
	}
	rank := 2
	if o.shape != "" {
		shape, err := parseShape(o.shape)
		if err != nil {
			return nil, filter.Options{}, err
		}
		rank = len(shape)
	}
	if o.footprint == "" && o.size == "" {
		o.size = "3"
	}
	opts, err := o.filterOptions(rank)
	if err != nil {
		return nil, opts, err
	}
	f, err := filter.New(src, opts)
	if err != nil {
		return nil, opts, asOption(err)
	}
	return f, opts, nil
}

func check(e *env, o *options) error {
	f, opts, err := compileOnly(o)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ok: %s over %d footprint values\n", f.Program().Kernel.Type, opts.Footprint.Count())
	return nil
}

func explain(e *env, o *options) error {
	f, opts, err := compileOnly(o)
	if err != nil {
		return err
	}
	p := f.Program()
	k := p.Kernel
	w := e.stdout
	fmt.Fprintf(w, "kernel     %s\n", k.Source)
	fmt.Fprintf(w, "result     %s\n", k.Type)
	fmt.Fprintf(w, "footprint  %v, %d values: %s\n", opts.Footprint.Shape, opts.Footprint.Count(), opts.Footprint)
	names := make([]string, 0, len(opts.Params))
	for n := range opts.Params {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		used := ""
		if !k.Params[n] {
			used = " (unused)"
		}
		fmt.Fprintf(w, "param      %s = %s: %s%s\n", n, paramString(opts.Params[n]), opts.Params[n].Type(), used)
	}
	// The path depends on the input's dtype (float64 has direct paths the
	// others lack), so --dtype names the input explain describes, as it
	// names bench's.
	dtype := filter.Float64
	if o.dtype != "" {
		dtype, _ = filter.ParseDType(o.dtype) // checked in parseOptions
	}
	fmt.Fprintf(w, "path       %s (for %s input)\n", f.Path(opts.Footprint.Rank(), dtype), dtype)
	prog := f.ProgramFor(opts.Footprint.Rank(), dtype)
	fmt.Fprintf(w, "lane       %s\n", laneFusions(prog))
	fmt.Fprintln(w, "types")
	printTypes(w, k.Root, 1)
	fmt.Fprintln(w, "program")
	for _, line := range splitLines(prog.String()) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	return nil
}

// laneFusions is explain's account of the lane program's fused chains:
// the same on every CPU, those that only the AVX-512 kernels fuse marked
// (kfilter version says whether they run on this one).
func laneFusions(p *compile.Program) string {
	fs := p.Fusions(true)
	if len(fs) == 0 {
		return "no fused chains: one pass over the strip an instruction"
	}
	s := make([]string, len(fs))
	wide := false
	for i, f := range fs {
		s[i] = f.String()
		wide = wide || f.Wide
	}
	out := "fused: " + strings.Join(s, "; ")
	if wide {
		out += "; those marked AVX-512 only where the AVX-512 kernels run (kfilter version says)"
	}
	return out
}

func paramString(p filter.Param) string {
	if !p.IsArray {
		return strconv.FormatFloat(p.Values[0], 'g', -1, 64)
	}
	s := make([]string, len(p.Values))
	for i, v := range p.Values {
		s[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// printTypes prints the typed tree, one node a line.
func printTypes(w interface{ Write([]byte) (int, error) }, e lang.Expr, depth int) {
	if e == nil {
		return
	}
	label := ""
	var kids []lang.Expr
	switch n := e.(type) {
	case *lang.NumLit:
		label = strconv.FormatFloat(n.Value, 'g', -1, 64)
	case *lang.BoolLit:
		label = strconv.FormatBool(n.Value)
	case *lang.Ident:
		label = n.Name
	case *lang.Elem:
		label = "#"
	case *lang.Unary:
		label, kids = n.Op, []lang.Expr{n.X}
	case *lang.Binary:
		label, kids = n.Op, []lang.Expr{n.X, n.Y}
	case *lang.Cond:
		label, kids = "?:", []lang.Expr{n.Cond, n.Then, n.Else}
	case *lang.Let:
		label, kids = "let "+n.Name, []lang.Expr{n.Value, n.Body}
	case *lang.Index:
		label, kids = "[]", []lang.Expr{n.X, n.Index}
	case *lang.Slice:
		label, kids = fmt.Sprintf("[%d:%d]", n.From, n.To), []lang.Expr{n.X}
	case *lang.ArrayLit:
		label, kids = "[...]", n.Elems
	case *lang.Call:
		label, kids = n.Name+"()", n.Args
	case *lang.Lambda:
		label, kids = "predicate", []lang.Expr{n.Body}
	}
	fmt.Fprintf(w, "%-40s %s\n", strings.Repeat("  ", depth)+label, e.Type())
	for _, k := range kids {
		printTypes(w, k, depth+1)
	}
}

func parseShape(s string) ([]int, error) {
	var shape []int
	for _, f := range strings.Split(s, "x") {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, usagef("--shape %s: write sizes such as 2048x2048", s)
		}
		shape = append(shape, n)
	}
	return shape, nil
}

// benchResult is what kfilter bench --json prints.
type benchResult struct {
	Kernel    string    `json:"kernel"`
	Path      string    `json:"path"`
	Shape     []int     `json:"shape"`              // of one channel, for a colour INPUT
	Channels  int       `json:"channels,omitempty"` // colour channels filtered in turn, as run does
	DType     string    `json:"dtype"`
	Footprint []int     `json:"footprint"`
	Values    int       `json:"values"`
	Threads   int       `json:"threads"`
	Repeat    int       `json:"repeat"`
	Warmup    int       `json:"warmup_runs"` // untimed runs before the timed ones
	MS        float64   `json:"ms"`
	AllMS     []float64 `json:"all_ms"`
	Build     buildInfo `json:"build"` // the same as kfilter version's
	// Lane: how the lane program runs here, when the path is the lane
	// program (general) or has it do the rest (hoisted)
	Lane *laneRun `json:"lane,omitempty"`
}

// laneRun is bench's account of the lane program on this CPU and build.
type laneRun struct {
	Kernels string   `json:"kernels"` // "avx512" (AVX2 and AVX-512), "avx2" or "portable"
	Fused   []string `json:"fused"`   // its fused chains, as explain lists them
}

func newLaneRun(p *compile.Program) *laneRun {
	l := &laneRun{Kernels: "portable", Fused: []string{}}
	switch {
	case compile.Wide():
		l.Kernels = "avx512"
	case compile.Vector():
		l.Kernels = "avx2"
	}
	for _, f := range p.Fusions(compile.Wide()) {
		l.Fused = append(l.Fused, f.String())
	}
	return l
}

// maxWarmup bounds the warm-up runs of a tiny array.
const maxWarmup = 1000

func bench(ctx context.Context, e *env, o *options) error {
	src, err := o.kernelSource()
	if err != nil {
		return err
	}
	chans, err := benchInput(ctx, e, o)
	if err != nil {
		return err
	}
	shape, dtype := chans[0].Shape, chans[0].DType
	opts, err := o.filterOptions(len(shape))
	if err != nil {
		return err
	}
	opts.Output = dtype
	f, err := filter.New(src, opts)
	if err != nil {
		return asOption(err)
	}
	out, _ := filter.Zeros(dtype, shape...)
	threads := o.threads
	if threads == 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	path := f.Path(len(shape), dtype)
	res := benchResult{Kernel: src, Path: path.String(), Shape: shape, DType: dtype.String(),
		Footprint: opts.Footprint.Shape, Values: opts.Footprint.Count(), Threads: threads, Repeat: o.repeat,
		Build: currentBuild()}
	if path.Kind == filter.GeneralPath || path.Kind == filter.HoistedPath {
		res.Lane = newLaneRun(f.ProgramFor(len(shape), dtype))
	}
	if len(chans) > 1 {
		res.Channels = len(chans)
	}
	apply := func() error {
		for _, in := range chans {
			if err := f.ApplyTo(ctx, out, in); err != nil {
				return err
			}
		}
		return nil
	}
	// Warm up for a while, not once: on a virtual machine the first runs
	// are slower for several more (CPU frequency, a second vCPU waking,
	// page faults), and the timed runs should see the steady state, as
	// an anchor called repeatedly from Python does.
	for start := time.Now(); res.Warmup < 1 || (time.Since(start) < o.warmup && res.Warmup < maxWarmup); res.Warmup++ {
		if err := apply(); err != nil {
			return err
		}
	}
	for i := 0; i < o.repeat; i++ {
		start := time.Now()
		if err := apply(); err != nil {
			return err
		}
		res.AllMS = append(res.AllMS, float64(time.Since(start).Microseconds())/1000)
	}
	sorted := slices.Clone(res.AllMS)
	slices.Sort(sorted)
	res.MS = sorted[len(sorted)/2]
	if len(sorted)%2 == 0 {
		res.MS = (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
	}
	if o.json {
		b, _ := json.Marshal(res)
		fmt.Fprintln(e.stdout, string(b))
		return nil
	}
	what := fmt.Sprintf("%v %s", shape, dtype)
	if res.Channels > 0 {
		what = fmt.Sprintf("%d channels of %s", res.Channels, what)
	}
	fmt.Fprintf(e.stdout, "%.3f ms (median of %d)  %s  %s  footprint %v (%d values)  %d threads  path: %s\n",
		res.MS, res.Repeat, src, what, res.Footprint, res.Values, threads, res.Path)
	return nil
}

// benchInput is what bench filters: INPUT's pixels (a colour image's
// channels in turn, alpha left out, as run filters them; --dtype converts
// them), or a random array of --shape and --dtype.
func benchInput(ctx context.Context, e *env, o *options) ([]*filter.Array, error) {
	dtype := filter.Float64
	if o.dtype != "" {
		dtype, _ = filter.ParseDType(o.dtype)
	}
	if len(o.files) == 0 {
		if o.shape == "" {
			return nil, usagef("bench needs --shape, e.g. --shape 2048x2048, or an INPUT file")
		}
		shape, err := parseShape(o.shape)
		if err != nil {
			return nil, err
		}
		in, err := randomArray(dtype, shape)
		return []*filter.Array{in}, err
	}
	if o.shape != "" {
		return nil, usagef("give --shape or an INPUT file, not both")
	}
	in, info, err := readInput(ctx, e, o.files[0], o)
	if err != nil {
		return nil, err
	}
	chans := []*filter.Array{in}
	if info.Channels > 0 {
		chans = imageio.SplitChannels(in)
		if info.Alpha() {
			chans = chans[:len(chans)-1]
		}
	}
	if o.dtype != "" {
		for i, ch := range chans {
			if chans[i], err = filter.Convert(ch, dtype); err != nil {
				return nil, err
			}
		}
	}
	return chans, nil
}

// randomArray is bench's input: seeded, so runs compare; floats in [0, 1),
// integers over their range (uint8: 0-255), bools half true.
func randomArray(dtype filter.DType, shape []int) (*filter.Array, error) {
	n := 1
	for _, s := range shape {
		n *= s
	}
	r := rand.New(rand.NewPCG(1, 2))
	vals := make([]float64, n)
	lo, hi := 0.0, 1.0
	switch dtype {
	case filter.Uint8:
		hi = 256
	case filter.Int8:
		lo, hi = -128, 128
	case filter.Uint16:
		hi = 65536
	case filter.Int16:
		lo, hi = -32768, 32768
	case filter.Uint32, filter.Int32, filter.Uint64, filter.Int64:
		hi = 1 << 20
	case filter.Bool:
		hi = 2
	}
	for i := range vals {
		vals[i] = lo + r.Float64()*(hi-lo)
	}
	a, err := filter.ArrayOf(vals, shape...)
	if err != nil {
		return nil, err
	}
	if dtype == filter.Float64 {
		return a, nil
	}
	return filter.Convert(a, dtype)
}
