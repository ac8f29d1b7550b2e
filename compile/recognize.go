package compile

import (
	"fmt"
	"strconv"

	"github.com/kfilter/kfilter/lang"
)

// PatternKind is a family of kernels with an algorithm faster than the
// lane program.
type PatternKind uint8

const (
	NoPattern    PatternKind = iota
	MinPattern               // min(pre(values))
	MaxPattern               // max(pre(values))
	SumPattern               // sum(pre(values))
	MeanPattern              // mean(pre(values))
	CountPattern             // count(pre(values)): the non-zero elements
	RankPattern              // median, percentile with a constant q, sort(...)[k]
)

var patternNames = [...]string{"none", "min", "max", "sum", "mean", "count", "rank"}

func (k PatternKind) String() string {
	if int(k) < len(patternNames) {
		return patternNames[k]
	}
	return fmt.Sprintf("PatternKind(%d)", k)
}

// Pattern describes a kernel that reduces an elementwise transform of the
// footprint's values: min, max, sum, mean, count, or a rank statistic.
// The engine may run such a kernel by a specialised algorithm (running
// min/max, separable sums, selection networks, histograms); it must give
// the lane program's result, except that sums and means of non-integer
// values may be added in another order (package filter states the bound).
type Pattern struct {
	Kind PatternKind
	// Pre is the transform applied to each value before the reduction, as a
	// program over one value (N = 1), or nil for none.
	Pre *Program
	// PreBool: Pre gives bools (0 or 1), as count's predicates do.
	PreBool bool
	// For RankPattern: Median, or Q for a percentile (0..100), or Index
	// for sort(...)[Index] (negative counts from the end).
	Median  bool
	Percent bool
	Q       float64
	Index   int
}

// Recognize reports the pattern of a compiled program's kernel, if it has
// one.
func (p *Program) Recognize(params map[string]Param) (Pattern, bool) {
	if p.Kernel == nil {
		return Pattern{}, false
	}
	return recognizeExpr(p.Kernel, p.Kernel.Root, params)
}

// recognizeExpr reports the pattern of root, a node of the checked kernel k.
func recognizeExpr(k *lang.Kernel, root lang.Expr, params map[string]Param) (Pattern, bool) {
	var pat Pattern
	var arg lang.Expr // the array reduced
	var lambda *lang.Lambda
	switch e := root.(type) {
	case *lang.Call:
		if len(e.Args) == 2 {
			lambda, _ = e.Args[1].(*lang.Lambda)
		}
		switch e.Name {
		case "min":
			pat.Kind = MinPattern
		case "max":
			pat.Kind = MaxPattern
		case "sum":
			pat.Kind = SumPattern
		case "mean":
			pat.Kind = MeanPattern
		case "count":
			pat.Kind = CountPattern
		case "median":
			pat.Kind, pat.Median = RankPattern, true
		case "percentile":
			q, ok := constNumber(e.Args[1], params)
			if !ok {
				return Pattern{}, false
			}
			pat.Kind, pat.Percent, pat.Q = RankPattern, true, q
		default:
			return Pattern{}, false
		}
		if len(e.Args) != 1 && lambda == nil && !pat.Percent {
			return Pattern{}, false
		}
		arg = e.Args[0]
	case *lang.Index:
		sortCall, ok := e.X.(*lang.Call)
		if !ok || sortCall.Name != "sort" || !e.Const {
			return Pattern{}, false
		}
		pat.Kind, pat.Index = RankPattern, e.K
		arg = sortCall.Args[0]
	default:
		return Pattern{}, false
	}
	if arg.Type().Len != k.Env.N || arg.Type().Var != 0 {
		return Pattern{}, false
	}
	var body lang.Expr
	var elem *lang.Lambda
	switch {
	case lambda != nil:
		if id, ok := arg.(*lang.Ident); !ok || id.Ref != lang.RefValues {
			return Pattern{}, false
		}
		if !elementwise(lambda.Body, lambda) {
			return Pattern{}, false
		}
		body, elem = lambda.Body, lambda
	case isValues(arg):
	default:
		if !elementwise(arg, nil) {
			return Pattern{}, false
		}
		body = arg
	}
	if body != nil {
		pre, err := compileMap(k, body, elem, params)
		if err != nil {
			return Pattern{}, false
		}
		pat.Pre = pre
		pat.PreBool = body.Type().Scalar().Kind == lang.BoolKind
	}
	return pat, true
}

func isValues(e lang.Expr) bool {
	id, ok := e.(*lang.Ident)
	return ok && id.Ref == lang.RefValues
}

func constNumber(e lang.Expr, params map[string]Param) (float64, bool) {
	switch e := e.(type) {
	case *lang.NumLit:
		return e.Value, true
	case *lang.Ident:
		if e.Ref == lang.RefParam && !params[e.Name].IsArray {
			return params[e.Name].Values[0], true
		}
	}
	return 0, false
}

// elementwise reports whether e computes each element from the matching
// element of values (or, with elem, from #) and constants alone.
func elementwise(e lang.Expr, elem *lang.Lambda) bool {
	ok := true
	lang.Walk(e, func(n lang.Expr) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *lang.NumLit, *lang.BoolLit, *lang.Unary, *lang.Binary, *lang.Cond:
		case *lang.Elem:
			ok = n.Lambda == elem
		case *lang.Ident:
			ok = n.Ref == lang.RefValues && elem == nil || n.Ref == lang.RefParam && !n.Type().IsArray()
		case *lang.Call:
			ok = n.Func.Class == lang.Elementwise || ((n.Name == "min" || n.Name == "max") && len(n.Args) > 1)
		default:
			ok = false
		}
		return ok
	})
	return ok
}

// compileMap compiles e, elementwise in values (or in elem's #), as a
// program over one value.
func compileMap(k *lang.Kernel, e lang.Expr, elem *lang.Lambda, params map[string]Param) (p *Program, err error) {
	one := *k
	one.Env.N = 1
	c := &compiler{
		k:      &one,
		cfg:    Config{N: 1, Params: params, MaxInstrs: DefaultMaxInstrs},
		lets:   map[*lang.Let]val{},
		elems:  map[*lang.Lambda]val{},
		cse:    map[cseKey]val{},
		consts: map[float64]int32{},
		arrs:   map[string]int32{},
	}
	c.values = c.newVreg(vValue, 1)
	c.center = c.newVreg(vCenter, 1)
	if elem != nil {
		c.elems[elem] = val{at: ref{c.values, 0}, n: 1}
	}
	res, err := c.lowerRoot(e)
	if err != nil {
		return nil, err
	}
	if res.arr {
		res = res.elem(0)
	}
	return c.finish(res)
}

// Ranks returns the ranks (0-based, in ascending order) a RankPattern
// reads from n NaN-free values: one for an odd median or sort(...)[k], two
// for an even median or an interpolating percentile, with the weight t of
// the second. ok is false when the rank is out of range (the program then
// gives NaN or an index error).
func (p Pattern) Ranks(n int) (r1, r2 int, t float64, ok bool) {
	switch {
	case p.Median:
		if n == 0 {
			return 0, 0, 0, false
		}
		if n%2 == 1 {
			return n / 2, n / 2, 0, true
		}
		return n/2 - 1, n / 2, 0.5, true
	case p.Percent:
		return percentileRanks(n, p.Q)
	}
	k := p.Index
	if k < 0 {
		k += n
	}
	return k, k, 0, k >= 0 && k < n
}

// Combine gives the pattern's result from the values at its two ranks, in
// numpy's arithmetic.
func (p Pattern) Combine(v1, v2, t float64) float64 {
	switch {
	case p.Median && t == 0: // an odd count
		return 0 + v1
	case p.Median:
		return ((0 + v1) + v2) / 2
	case p.Percent:
		return lerp(v1, v2, t)
	}
	return v1
}

// RankProgram compiles a RankPattern's statistic alone over n values,
// without its transform: the program for values the caller has already
// transformed, the same instructions as the kernel that is the statistic
// of values. It has no source kernel: Kernel is nil, Source a description.
func (p Pattern) RankProgram(n int) (*Program, error) {
	if p.Kind != RankPattern {
		return nil, fmt.Errorf("compile: RankProgram of a %s pattern", p.Kind)
	}
	k := &lang.Kernel{Source: p.rankText(), Env: lang.Env{N: n}}
	c := &compiler{
		k:      k,
		cfg:    Config{N: n, MaxInstrs: DefaultMaxInstrs},
		lets:   map[*lang.Let]val{},
		elems:  map[*lang.Lambda]val{},
		cse:    map[cseKey]val{},
		consts: map[float64]int32{},
		arrs:   map[string]int32{},
	}
	c.values = c.newVreg(vValue, n)
	c.center = c.newVreg(vCenter, 1)
	values := val{at: ref{c.values, 0}, n: n, arr: true}
	var res val
	switch {
	case p.Median:
		res = c.reduce(OpMedian, values, nil)
	case p.Percent:
		if !(p.Q >= 0 && p.Q <= 100) {
			return nil, fmt.Errorf("compile: percentile q must be in 0..100, got %g", p.Q)
		}
		q := konst(p.Q)
		res = c.reduce(OpPercentile, values, &q)
	default:
		i := p.Index
		if i < 0 {
			i += n
		}
		if i < 0 || i >= n {
			return nil, fmt.Errorf("compile: index %d is out of range for an array of %d values", p.Index, n)
		}
		res = c.sort(values).elem(i)
	}
	prog, err := c.finish(res)
	if err != nil {
		return nil, err
	}
	prog.Kernel = nil
	return prog, nil
}

// rankText describes a RankPattern's statistic of values as a kernel.
func (p Pattern) rankText() string {
	switch {
	case p.Median:
		return "median(values)"
	case p.Percent:
		return "percentile(values, " + strconv.FormatFloat(p.Q, 'g', -1, 64) + ")"
	}
	return "sort(values)[" + strconv.Itoa(p.Index) + "]"
}
