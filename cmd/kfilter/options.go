package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
	"github.com/kfilter/kfilter/lang"
)

// options is a parsed command line.
type options struct {
	sub        string
	kernel     string
	kernelFile string
	footprint  string
	size       string
	mode       string
	cval       float64
	origin     string
	axes       string
	dtype      string
	threads    int
	params     []string
	format     string
	quiet      bool
	help       bool
	shape      string
	repeat     int
	warmup     time.Duration
	json       bool
	general    bool
	limits     limits
	files      []string
	shards     int      // plan: how many shards
	kubernetes bool     // plan: a Kubernetes Indexed Job, not a Slurm array
	shard      string   // run: I/N or auto/N
	set        []string // the flags given, as --name=value, for the job a plan prints
}

// optionError is a bad option value found after parsing (a footprint that
// does not fit the input, say): exit status 2, like a usage error.
type optionError struct{ err error }

func (e *optionError) Error() string { return e.err.Error() }
func (e *optionError) Unwrap() error { return e.err }

func newFlagSet(sub string, o *options) *flag.FlagSet {
	fs := flag.NewFlagSet(sub, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.kernel, "e", "", "kernel expression")
	fs.StringVar(&o.kernelFile, "f", "", "file holding the kernel")
	fs.StringVar(&o.footprint, "footprint", "", "footprint")
	fs.StringVar(&o.size, "size", "", "box footprint size")
	fs.StringVar(&o.mode, "mode", "reflect", "boundary mode")
	fs.Float64Var(&o.cval, "cval", 0, "value outside the input")
	fs.StringVar(&o.origin, "origin", "", "footprint origin")
	fs.StringVar(&o.axes, "axes", "", "axes to filter")
	fs.StringVar(&o.dtype, "dtype", "", "output dtype")
	fs.IntVar(&o.threads, "threads", 0, "threads")
	fs.Func("p", "parameter name=value", func(s string) error { o.params = append(o.params, s); return nil })
	fs.StringVar(&o.format, "format", "", "format of - (stdin/stdout)")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	fs.BoolVar(&o.help, "h", false, "help")
	fs.BoolVar(&o.help, "help", false, "help")
	fs.StringVar(&o.shape, "shape", "", "bench array shape")
	fs.IntVar(&o.repeat, "repeat", 5, "bench repeats")
	fs.DurationVar(&o.warmup, "warmup", 300*time.Millisecond, "bench warm-up time")
	fs.BoolVar(&o.json, "json", false, "bench JSON output")
	fs.BoolVar(&o.general, "general", false, "run the lane program only, no fast paths")
	fs.IntVar(&o.shards, "shards", 0, "plan: number of shards")
	fs.BoolVar(&o.kubernetes, "kubernetes", false, "plan: print a Kubernetes Indexed Job")
	fs.StringVar(&o.shard, "shard", "", "run: shard I/N or auto/N")
	o.limits.flags(fs)
	return fs
}

// parseOptions parses args, with flags before, between or after the file
// names; "--" ends the flags.
func parseOptions(sub string, args []string) (*options, error) {
	o := &options{sub: sub}
	fs := newFlagSet(sub, o)
	var rest []string
	for i, a := range args {
		if a == "--" {
			args, rest = args[:i], args[i+1:]
			break
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			return nil, (&usageError{msg: err.Error()}).withFlagHint(err, fs)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		o.files = append(o.files, args[0])
		args = args[1:]
	}
	o.files = append(o.files, rest...)
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "shards", "kubernetes", "shard", "h", "help":
		case "p":
			for _, p := range o.params {
				o.set = append(o.set, "-p", p)
			}
		default:
			o.set = append(o.set, "-"+strings.Repeat("-", min(len(f.Name)-1, 1))+f.Name+"="+f.Value.String())
		}
	})
	if o.help {
		return o, nil
	}
	if o.kernel != "" && o.kernelFile != "" {
		return nil, usagef("give the kernel once: -e KERNEL or -f FILE, not both")
	}
	if sub == "run" || sub == "plan" || sub == "bench" || sub == "check" || sub == "explain" {
		if o.kernel == "" && o.kernelFile == "" {
			return nil, usagef("no kernel: give one with -e 'median(values)' or -f FILE")
		}
	}
	want := map[string]int{"run": 2, "plan": 2, "verify": 1, "check": 0, "explain": 0, "bench": 0}[sub]
	if sub == "bench" && len(o.files) == 1 {
		want = 1 // bench on a file's pixels instead of --shape's random ones
	}
	if len(o.files) != want {
		if sub == "run" {
			return nil, usagef("run needs an INPUT and an OUTPUT file, got %d file names %q", len(o.files), o.files)
		}
		if sub == "plan" {
			return nil, usagef("plan needs an INPUT and an OUTPUT file, got %d file names %q", len(o.files), o.files)
		}
		if sub == "verify" {
			return nil, usagef("verify needs the OUTPUT file of a plan, got %d file names %q", len(o.files), o.files)
		}
		if sub == "bench" {
			return nil, usagef("bench takes at most one INPUT file, got %q", o.files)
		}
		return nil, usagef("%s takes no file names, got %q", sub, o.files)
	}
	if sub == "plan" && o.shards < 1 {
		return nil, usagef("plan needs --shards N, 1 or more (got %d)", o.shards)
	}
	if o.shards != 0 && sub != "plan" {
		return nil, usagef("--shards is for kfilter plan; a shard runs with --shard I/N")
	}
	if o.kubernetes && sub != "plan" {
		return nil, usagef("--kubernetes is for kfilter plan")
	}
	if o.shard != "" && sub != "run" {
		return nil, usagef("--shard is for kfilter run")
	}
	if o.threads < 0 {
		return nil, usagef("--threads %d: give 1 or more, or 0 for all cores", o.threads)
	}
	if o.repeat < 1 {
		return nil, usagef("--repeat %d: give 1 or more", o.repeat)
	}
	if o.warmup < 0 {
		return nil, usagef("--warmup %v: give a duration of 0 or more, such as 300ms", o.warmup)
	}
	if _, err := filter.ParseMode(o.mode); err != nil {
		return nil, usagef("--mode %s: unknown mode%s", o.mode, orList(closest(o.mode, modeNames()), "modes", modeNames()))
	}
	if o.dtype != "" {
		if _, err := filter.ParseDType(o.dtype); err != nil {
			// One edit at most: float128 is not a typo of float32.
			hint := orList(closestWithin(o.dtype, dtypeNames(), 1), "dtypes", dtypeNames())
			return nil, usagef("--dtype %s: %v%s", o.dtype, unwrapMsg(err), hint)
		}
	}
	if o.footprint != "" && o.size != "" {
		return nil, usagef("give --footprint or --size, not both")
	}
	if err := checkSize(o.size); err != nil {
		return nil, err
	}
	return o, nil
}

// checkSize refuses a --size that is not N or NxM..., with the spelling
// that was probably meant: numpy's and scipy's size=(1, 5) is 1x5 here.
func checkSize(size string) error {
	s := strings.TrimPrefix(size, "box:")
	if strings.ContainsAny(s, ",;") {
		return usagef("--size %s: sizes are joined by x; did you mean --size %s?", size, strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }), "x"))
	}
	if strings.Contains(s, ":") {
		return usagef("--size %s: --size takes N or NxM..., such as 5x5; a named footprint goes to --footprint %s", size, s)
	}
	return nil
}

// invalidValue matches the flag package's message for a value its flag
// does not take.
var invalidValue = regexp.MustCompile(`^invalid (boolean )?value ("(?:[^"\\]|\\.)*") for (?:flag )?-([^:]+): (.*)$`)

func (u *usageError) withFlagHint(err error, fs *flag.FlagSet) error {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		name := strings.TrimPrefix(msg, "flag provided but not defined: -")
		word := name
		if len(name) > 1 {
			name = "-" + name // long flags are written --name
		}
		var long []string // one-letter flags are too short to guess at
		fs.VisitAll(func(f *flag.Flag) {
			if len(f.Name) > 1 {
				long = append(long, f.Name)
			}
		})
		u.msg = "unknown flag -" + name + didYouMean(word, long, "--")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		name := strings.TrimPrefix(msg, "flag needs an argument: -")
		if len(name) > 1 {
			name = "-" + name
		}
		u.msg = "flag -" + name + " needs a value"
	case invalidValue.MatchString(msg):
		// invalid value "1Q" for flag -max-bytes: why -> --max-bytes 1Q: why
		m := invalidValue.FindStringSubmatch(msg)
		v, err := strconv.Unquote(m[2])
		if err != nil {
			v = m[2]
		}
		name, why := m[3], m[4]
		if why == "parse error" { // the flag package's word for it
			why = "not a number"
			if m[1] != "" {
				why = "give true or false"
			}
		}
		if len(name) > 1 {
			name = "-" + name
		}
		u.msg = fmt.Sprintf("-%s %s: %s", name, v, why)
	}
	return u
}

func unwrapMsg(err error) string {
	var ne *npy.Error
	if e, ok := err.(*npy.Error); ok && e.Msg != "" {
		ne = e
		return ne.Msg
	}
	return err.Error()
}

// kernelSource returns the kernel, from -e or from the file of -f.
func (o *options) kernelSource() (string, error) {
	if o.kernelFile == "" {
		return o.kernel, nil
	}
	data, err := os.ReadFile(o.kernelFile)
	if err != nil {
		return "", fmt.Errorf("kernel file: %w", err)
	}
	return strings.TrimRight(string(data), "\n"), nil
}

// parseParams turns -p name=value into parameters: a number, a list
// (1,2,1) or an array from a file (@w.npy, flattened).
func (o *options) parseParams() (map[string]filter.Param, error) {
	params := map[string]filter.Param{}
	for _, p := range o.params {
		name, value, ok := strings.Cut(p, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, usagef("-p %q: write -p name=value", p)
		}
		if lang.Reserved(name) {
			return nil, usagef("-p %s: %s is a built-in name; choose another parameter name", p, name)
		}
		if _, dup := params[name]; dup {
			return nil, usagef("-p %s: parameter %s is given twice", p, name)
		}
		switch {
		case strings.HasPrefix(value, "@"):
			a, err := readArrayFile(value[1:], o.limits)
			if err != nil {
				return nil, fmt.Errorf("parameter %s: %w", name, err)
			}
			vals := make([]float64, a.Len())
			toFloats(vals, a)
			params[name] = filter.List(vals...)
		case strings.Contains(value, ","):
			var vals []float64
			for _, s := range strings.Split(value, ",") {
				v, err := parseNumber(s)
				if err != nil {
					return nil, usagef("-p %s: %q is not a number", p, strings.TrimSpace(s))
				}
				vals = append(vals, v)
			}
			params[name] = filter.List(vals...)
		default:
			v, err := parseNumber(value)
			if err != nil {
				return nil, usagef("-p %s: %q is not a number (give a number, a list such as 1,2,1, or @file.npy)", p, value)
			}
			params[name] = filter.Number(v)
		}
	}
	return params, nil
}

func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "nan":
		return math.NaN(), nil
	case "inf", "+inf":
		return math.Inf(1), nil
	case "-inf":
		return math.Inf(-1), nil
	}
	return strconv.ParseFloat(s, 64)
}

func parseInts(flagName, s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, usagef("--%s %s: %q is not an integer", flagName, s, strings.TrimSpace(f))
		}
		out = append(out, v)
	}
	return out, nil
}

// filterOptions resolves the options for an input of the given rank.
func (o *options) filterOptions(rank int) (filter.Options, error) {
	var opts filter.Options
	mode, err := filter.ParseMode(o.mode)
	if err != nil {
		return opts, &optionError{err}
	}
	opts.Mode, opts.Cval, opts.Threads, opts.General = mode, o.cval, o.threads, o.general
	if opts.Origin, err = parseInts("origin", o.origin); err != nil {
		return opts, err
	}
	if opts.Axes, err = parseInts("axes", o.axes); err != nil {
		return opts, err
	}
	fpRank := rank
	if opts.Axes != nil {
		fpRank = len(opts.Axes)
	}
	switch {
	case o.size != "":
		if err := checkSize(o.size); err != nil {
			return opts, err
		}
		opts.Footprint, err = filter.ParseFootprint(strings.TrimPrefix(o.size, "box:"), fpRank)
	case strings.HasSuffix(strings.ToLower(o.footprint), ".npy"):
		var a *filter.Array
		a, err = readArrayFile(o.footprint, o.limits)
		if err != nil {
			return opts, fmt.Errorf("footprint: %w", err)
		}
		opts.Footprint, err = filter.FootprintOf(a)
	case o.footprint != "":
		opts.Footprint, err = filter.ParseFootprint(o.footprint, fpRank)
	default:
		return opts, usagef("no footprint: give --footprint (cross, box:3, disk:2, 0,1,0;1,1,1;0,1,0, file.npy) or --size 3x3")
	}
	if err != nil {
		return opts, &optionError{err}
	}
	if o.dtype != "" {
		opts.Output, _ = filter.ParseDType(o.dtype)
	}
	if opts.Params, err = o.parseParams(); err != nil {
		return opts, err
	}
	opts.Limits = o.limits.lang()
	opts.MaxInstrs = o.limits.maxInstrs
	return opts, nil
}
