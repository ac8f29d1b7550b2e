package compile

import "github.com/kfilter/kfilter/compile/vec"

// Vector reports whether the AVX2 vector kernels run: an amd64 build
// without the purego tag, on a CPU with AVX2. The portable loops are
// their specification and give the same numbers.
func Vector() bool { return vec.AVX2 }

// Wide reports whether the AVX-512 kernels run as well (vec.AVX512): the
// lane program's blocked sums, min and max folds, exp and fused
// elementwise runs.
func Wide() bool { return vec.AVX2 && vec.AVX512 }

// The lane helpers are package vec's kernels: four pixels at a time with
// AVX2 where the CPU has it, each a plain loop otherwise, with the same
// arithmetic in the same order.

func addInto(d, a []float64)                               { vec.AddInto(d, a) }
func copyNormalized(w, sum, a []float64)                   { vec.CopyNormalized(w, sum, a) }
func divideBy(d []float64, c float64)                      { vec.DivideBy(d, c) }
func sqrtLanes(d []float64)                                { vec.Sqrt(d) }
func arith(d, a, b []float64, op arithOp)                  { vec.Arith(d, a, b, op) }
func sumBlocks(d []float64, src [][]float64, mu []float64) { vec.SumBlocks(d, src, mu) }
func addTerm(d, a, mu []float64)                           { vec.AddTerm(d, a, mu) }

// arithOp is an arithmetic operation that lanes do four at a time.
type arithOp = vec.Op

const (
	vAdd = vec.Add
	vSub = vec.Sub
	vMul = vec.Mul
	vDiv = vec.Div
)

// exchangeTo is one compare-exchange of a sorting network over a strip,
// from x and y into a and b (which may be x and y): a gets the smaller of
// each pair, b the larger, only the side read later when lo or hi is
// false. The inputs hold no NaN and no -0 (the vector min and max differ
// from Go's there); exchangeToPortable takes any.
func exchangeTo(a, b, x, y []float64, lo, hi bool) { vec.ExchangeTo(a, b, x, y, lo, hi) }

func exchangeToPortable(a, b, x, y []float64, lo, hi bool) {
	vec.ExchangeToExact(a, b, x, y, lo, hi)
}

func absLanes(d, a []float64) { vec.Abs(d, a) }
func negLanes(d, a []float64) { vec.Neg(d, a) }

// expLanes sets d = exp(a): vec's port of math.Exp four lanes at a time,
// and exp itself for the four it stops at (beyond ±700, NaN).
func expLanes(d, a []float64) {
	a = a[:len(d)]
	for i := 0; i < len(d); {
		i = vec.ExpFrom(d, a, i)
		for end := min(i+4, len(d)); i < end; i++ {
			d[i] = exp(a[i])
		}
	}
}

// foldLanes sets d to Go's min (or max) over src lane by lane, eight
// vectors at a time through vec's folds (min and max are exact, so the
// grouping changes nothing, NaN and -0 included). d is not one of src.
func foldLanes(d []float64, src [][]float64, isMin bool) {
	if len(src) == 1 {
		copy(d, src[0][:len(d)])
		return
	}
	k := min(len(src), 8)
	foldVec(d, src[:k], isMin)
	var part [8][]float64
	for src = src[k:]; len(src) > 0; src = src[k:] {
		k = min(len(src), 7)
		part[0] = d
		copy(part[1:], src[:k])
		foldVec(d, part[:k+1], isMin)
	}
}

func foldVec(d []float64, src [][]float64, isMin bool) {
	if isMin {
		vec.FoldMin(d, src)
	} else {
		vec.FoldMax(d, src)
	}
}

// sqrtLanesTo sets d = sqrt(a) (d may be a): vec's kernel works in place.
func sqrtLanesTo(d, a []float64) {
	copy(d, a[:len(d)])
	sqrtLanes(d)
}
