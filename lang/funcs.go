package lang

import "sort"

// Class says how a function treats its arguments.
type Class uint8

const (
	Elementwise Class = iota + 1 // numbers or arrays in, the broadcast shape out
	Reduction                    // an array in, a number or bool out
	Reshape                      // an array in, an array out (sort, filter, map)
	Length                       // len
)

// Func describes a built-in function.
type Func struct {
	Name    string
	Class   Class
	MinArgs int
	MaxArgs int  // -1 for no limit
	Pred    int  // 0: no predicate; 1: optional second argument; 2: required
	Bool    bool // the result is a bool (isnan, any, all)
	Doc     string
}

// Funcs lists the built-in functions by name.
var Funcs = map[string]*Func{}

func init() {
	for _, f := range []*Func{
		{Name: "abs", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "absolute value (np.abs)"},
		{Name: "sqrt", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "square root; NaN below 0 (np.sqrt)"},
		{Name: "exp", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "e**x (np.exp)"},
		{Name: "log", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "natural logarithm (np.log)"},
		{Name: "log2", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "base-2 logarithm (np.log2)"},
		{Name: "log10", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "base-10 logarithm (np.log10)"},
		{Name: "sin", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "sine (np.sin)"},
		{Name: "cos", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "cosine (np.cos)"},
		{Name: "tan", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "tangent (np.tan)"},
		{Name: "floor", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "round down (np.floor)"},
		{Name: "ceil", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "round up (np.ceil)"},
		{Name: "round", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "round half to even (np.round)"},
		{Name: "sign", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Doc: "-1, 0 or 1; NaN for NaN (np.sign)"},
		{Name: "isnan", Class: Elementwise, MinArgs: 1, MaxArgs: 1, Bool: true, Doc: "true where NaN (np.isnan)"},
		{Name: "clip", Class: Elementwise, MinArgs: 3, MaxArgs: 3, Doc: "clip(x, lo, hi): x limited to [lo, hi] (np.clip)"},
		{Name: "min", Class: Reduction, MinArgs: 1, MaxArgs: -1, Doc: "min(a): smallest element; min(x, y, ...): elementwise smallest (np.min, np.minimum); NaN propagates"},
		{Name: "max", Class: Reduction, MinArgs: 1, MaxArgs: -1, Doc: "max(a): largest element; max(x, y, ...): elementwise largest (np.max, np.maximum); NaN propagates"},
		{Name: "sum", Class: Reduction, MinArgs: 1, MaxArgs: 2, Pred: 1, Doc: "sum(a) or sum(a, expr) of expr per element (np.sum); 0 when empty"},
		{Name: "prod", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "product of the elements (np.prod); 1 when empty"},
		{Name: "mean", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "arithmetic mean (np.mean)"},
		{Name: "median", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "median; the mean of the middle two for an even count (np.median)"},
		{Name: "std", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "population standard deviation, ddof=0 (np.std)"},
		{Name: "var", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "population variance, ddof=0 (np.var)"},
		{Name: "percentile", Class: Reduction, MinArgs: 2, MaxArgs: 2, Doc: "percentile(a, q), q in 0..100, linear interpolation (np.percentile)"},
		{Name: "argmin", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "index of the first smallest element; of the first NaN if any (np.argmin)"},
		{Name: "argmax", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "index of the first largest element; of the first NaN if any (np.argmax)"},
		{Name: "nanmin", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "min ignoring NaN (np.nanmin)"},
		{Name: "nanmax", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "max ignoring NaN (np.nanmax)"},
		{Name: "nansum", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "sum ignoring NaN (np.nansum)"},
		{Name: "nanmean", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "mean ignoring NaN (np.nanmean)"},
		{Name: "nanmedian", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "median ignoring NaN (np.nanmedian)"},
		{Name: "nanstd", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "standard deviation ignoring NaN (np.nanstd)"},
		{Name: "mode", Class: Reduction, MinArgs: 1, MaxArgs: 1, Doc: "most frequent value, the smallest on ties (majority filter)"},
		{Name: "count", Class: Reduction, MinArgs: 1, MaxArgs: 2, Pred: 1, Doc: "count(a, pred): elements where pred holds; count(a): non-zero elements (np.count_nonzero)"},
		{Name: "any", Class: Reduction, MinArgs: 1, MaxArgs: 2, Pred: 2, Bool: true, Doc: "any(a, pred) or any(boolarray): true if any element holds (np.any)"},
		{Name: "all", Class: Reduction, MinArgs: 1, MaxArgs: 2, Pred: 2, Bool: true, Doc: "all(a, pred) or all(boolarray): true if every element holds (np.all)"},
		{Name: "sort", Class: Reshape, MinArgs: 1, MaxArgs: 1, Doc: "the elements in ascending order, NaN last (np.sort)"},
		{Name: "filter", Class: Reshape, MinArgs: 2, MaxArgs: 2, Pred: 2, Doc: "filter(a, pred): the elements where pred holds; the length varies per pixel"},
		{Name: "map", Class: Reshape, MinArgs: 2, MaxArgs: 2, Pred: 2, Doc: "map(a, expr): expr for each element # of a"},
		{Name: "len", Class: Length, MinArgs: 1, MaxArgs: 1, Doc: "the number of elements"},
	} {
		Funcs[f.Name] = f
	}
}

// FuncNames returns the built-in function names in order.
func FuncNames() []string {
	names := make([]string, 0, len(Funcs))
	for n := range Funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// exprBuiltins are expr-lang's own built-ins that mean nothing in a kernel;
// they are refused by name rather than reported as unknown.
var exprBuiltins = map[string]bool{
	"none": true, "one": true, "find": true, "findIndex": true, "findLast": true,
	"findLastIndex": true, "groupBy": true, "sortBy": true, "reduce": true, "type": true,
	"int": true, "float": true, "string": true, "trim": true, "trimPrefix": true,
	"trimSuffix": true, "upper": true, "lower": true, "split": true, "splitAfter": true,
	"replace": true, "repeat": true, "join": true, "indexOf": true, "lastIndexOf": true,
	"hasPrefix": true, "hasSuffix": true, "toJSON": true, "fromJSON": true, "toBase64": true,
	"fromBase64": true, "now": true, "duration": true, "date": true, "timezone": true,
	"first": true, "last": true, "get": true, "take": true, "keys": true, "values": true,
	"toPairs": true, "fromPairs": true, "reverse": true, "uniq": true, "concat": true,
	"flatten": true, "bitnot": true, "bitand": true, "bitor": true, "bitxor": true,
	"bitnand": true, "bitshl": true, "bitshr": true, "bitushr": true,
}

// nearest returns the candidate closest to name by edit distance, or "" if
// none is close enough to be a likely typo.
func nearest(name string, candidates []string) string {
	best, bestD := "", len(name)/2+1
	if bestD > 3 {
		bestD = 3
	}
	for _, c := range candidates {
		if d := Distance(name, c); d < bestD || (d == bestD && best == "" && d <= 2) {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the edit distance behind the checker's "did you mean":
// Levenshtein's, over runes, with a swap of two neighbouring letters
// counted as one edit (the commonest typo: mdeian, explian). Programs
// that suggest names of their own (the command's flags and subcommands)
// use it so that every suggestion follows one rule.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
