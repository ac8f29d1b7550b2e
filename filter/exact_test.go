package filter

import (
	"context"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// The exactness contract (README, "Exactness"): every path gives the lane
// program's result bit for bit, except sums and means of float values
// (or of a transform that is not a bool) over more than 8 elements or
// over input that is not float64, where the fast path adds in another
// order than numpy's pairwise summation. Those are within
// gamma(n-1)·Σ|x| of the exact sum (a mean: gamma(n)·Σ|x|/n), the bound
// of any order of n-1 rounded additions; the lane program, in numpy's
// order, is within gamma(d)·Σ|x| for the depth d of numpy's tree
// (pairwiseDepth).

// gamma is gamma(k) = k·u/(1 - k·u), u = 2^-53, in big arithmetic.
func gamma(k int) *big.Float {
	ku := new(big.Float).SetPrec(256).SetMantExp(big.NewFloat(float64(k)), -53)
	one := new(big.Float).SetPrec(256).SetInt64(1)
	return new(big.Float).SetPrec(256).Quo(ku, one.Sub(one, ku))
}

// exactSums returns Σx and Σ|x| exactly (2200 bits hold any sum of up to
// 2^100 finite float64 values).
func exactSums(terms []float64) (s, a *big.Float) {
	s, a = new(big.Float).SetPrec(2200), new(big.Float).SetPrec(2200)
	for _, x := range terms {
		bx := new(big.Float).SetFloat64(x)
		s.Add(s, bx)
		a.Add(a, bx.Abs(bx))
	}
	return s, a
}

// pairwiseDepth is the most roundings any term takes in numpy's pairwise
// sum of n terms (compile's pairwiseSum): fewer than 8 one after another
// from 0 (whose first addition is exact); up to 128 in eight accumulators
// of n/8 terms, a tree of depth 3, then the n%8 left over one by one;
// past 128 two halves and one more addition.
func pairwiseDepth(n int) int {
	switch {
	case n < 8:
		return max(n-1, 0)
	case n <= 128:
		return n/8 - 1 + 3 + n%8
	}
	n2 := n / 2
	n2 -= n2 % 8
	return 1 + max(pairwiseDepth(n2), pairwiseDepth(n-n2))
}

// withinBound reports whether got is within gamma(k)·Σ|x| of Σx (a mean:
// within gamma(k+1)·Σ|x|/n of Σx/n, one more rounding for the division).
func withinBound(got float64, terms []float64, k int, mean bool) bool {
	s, a := exactSums(terms)
	if mean {
		n := new(big.Float).SetInt64(int64(len(terms)))
		s.Quo(s, n)
		a.Quo(a, n)
		k++
	}
	err := new(big.Float).SetPrec(2200).Sub(new(big.Float).SetFloat64(got), s)
	bound := new(big.Float).SetPrec(2200).Mul(gamma(k), a)
	return err.Abs(err).Cmp(bound) <= 0
}

// sameBits reports whether x and y are the same float64, any NaN equal to
// any other.
func sameBits(x, y float64) bool {
	return math.Float64bits(x) == math.Float64bits(y) || math.IsNaN(x) && math.IsNaN(y)
}

// checkSums holds a sum or mean (of pre(values), pre nil for values) run
// by fast and by general (the lane program) on in to the contract: each
// finite result within its order's bound of the exact sum, non-finite
// results and the signs of zeros the same on both. It returns how many
// pixels differ between the two.
func checkSums(t *testing.T, name string, fast, general *Filter, in *Array, pre func(float64) float64, mean bool) int {
	t.Helper()
	a, err := fast.Apply(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := general.Apply(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	got, want := make([]float64, a.Len()), make([]float64, b.Len())
	toFloat64(got, a.Data, 0)
	toFloat64(want, b.Data, 0)
	differ := 0
	for i, vals := range neighbourhoods(t, general, in) {
		x, y := got[i], want[i]
		if !sameBits(x, y) {
			differ++
		}
		terms := vals
		if pre != nil {
			terms = make([]float64, len(vals))
			for k, v := range vals {
				terms[k] = pre(v)
			}
		}
		n := len(terms)
		switch {
		case math.IsInf(x, 0) || math.IsNaN(x) || math.IsInf(y, 0) || math.IsNaN(y) || x == 0 && y == 0:
			if !sameBits(x, y) {
				t.Fatalf("%s: pixel %d: fast %v, general %v: not the same", name, i, x, y)
			}
		case !withinBound(x, terms, n-1, mean):
			t.Fatalf("%s: pixel %d: fast %v is not within gamma(%d)·Σ|x| of the exact sum of %v", name, i, x, n-1, terms)
		case !withinBound(y, terms, pairwiseDepth(n), mean):
			t.Fatalf("%s: pixel %d: general %v is not within gamma(%d)·Σ|x| of the exact sum of %v", name, i, y, pairwiseDepth(n), terms)
		}
	}
	return differ
}

// specials are values every exactness test mixes in.
var specials = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1, 5e-324, 1e300, -1e300}

// exactInput returns a rows x cols array of dtype: for floats, specials
// among normals of many magnitudes; for integers, the type's extremes
// among values over its whole range.
func exactInput(r *rand.Rand, dtype DType, rows, cols int) *Array {
	data := make([]float64, rows*cols)
	lo, hi := 0.0, 0.0
	switch dtype {
	case Uint8:
		hi = math.MaxUint8
	case Int16:
		lo, hi = math.MinInt16, math.MaxInt16
	case Int32:
		lo, hi = math.MinInt32, math.MaxInt32
	case Uint32:
		hi = math.MaxUint32
	}
	for i := range data {
		switch {
		case hi != 0 && r.IntN(4) == 0:
			data[i] = []float64{lo, hi}[r.IntN(2)]
		case hi != 0:
			data[i] = math.Floor(lo + r.Float64()*(hi-lo+1))
		case r.IntN(4) == 0:
			data[i] = specials[r.IntN(len(specials))]
		default:
			data[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(11)-5))
		}
	}
	a, _ := Zeros(dtype, rows, cols)
	fromFloat64(a.Data, 0, data)
	return a
}

// TestExactPaths runs one kernel per bit-exact path, on data with NaN,
// infinities, -0, subnormals and huge values (integer types: their
// extremes), in every mode, and requires the lane program's result bit for
// bit. Each row asserts its path.
func TestExactPaths(t *testing.T) {
	paths := []struct {
		src  string
		fp   Footprint
		in   DType
		path string // in the path's String
		kind PathKind
	}{
		{"min(values)", Cross(2), Float64, "fast: min of 5 values read straight", DirectPath},
		{"max(values)", Box(3, 5), Float64, "fast: max of 15 values read straight", DirectPath},
		{"sum(values)", Box(1, 1), Float64, "fast: sum of 1 values read straight", DirectPath},
		{"sum(values)", Cross(2), Float64, "fast: sum of 5 values read straight", DirectPath},
		{"mean(values)", Box(2, 3), Float64, "fast: mean of 6 values read straight", DirectPath},
		{"sum(values)", Box(1, 7), Float64, "fast: sum of 7 values read straight", DirectPath},
		{"sum(values)", Box(2, 4), Float64, "fast: sum of 8 values read straight", DirectPath},
		{"mean(values)", Box(4, 2), Float64, "fast: mean of 8 values read straight", DirectPath},
		{"min(values)", Box(3, 15), Float64, "fast: min over 3 runs", RunsPath},
		{"max(values)", Box(2, 70), Float64, "fast: max over 2 runs of lengths [70]", RunsPath},
		{"min(abs(values - c))", Box(3, 3), Float64, "fast: min of a transform", RunsPath},
		{"count(values, # > c)", Box(5, 5), Float64, "fast: count of a bool transform", IntSumPath},
		{"count(values)", Box(3, 3), Float64, "fast: count over 3 runs", RunsPath},
		{"sum(values > c)", Box(5, 5), Float64, "fast: sum of a bool transform", IntSumPath},
		{"mean(values)", Box(5, 5), Uint8, "fast: mean of uint8 over 5 runs", IntSumPath},
		{"sum(values)", Box(3, 15), Int32, "fast: sum over 3 runs of lengths [15]", RunsPath},
		{"sum(values)", Box(15, 15), Uint32, "fast: sum over 15 runs", RunsPath},
		{"mean(values)", Cross(2), Int16, "fast: mean of int16 over 3 runs", IntSumPath},
		{"median(values)", Box(3, 3), Float64, "fast: 3x3 median", Median3Path},
		{"median(abs(values - c))", Box(5, 5), Float64, "windows taken in pairs", BoxPairsPath},
		{"median(abs(values - c))", Box(2, 2), Float64, "2x2 median: columns sorted", BoxMedianPath},
		{"median(values)", Box(3, 5), Float64, "fast: median of 15 float64 values in float64", TypedRankPath},
		{"percentile(abs(values - 1), 30)", Disk(1), Float64, "fast: the transform once per input pixel", RankProgramPath},
		{"median(values)", Box(5, 60), Uint8, "sliding 256-bin histogram", HistogramPath},
		{"max(values) - min(values) + std(values)", Box(3, 3), Float64, "hoisted: ", HoistedPath},
		{"center - mean(values)", Box(5, 5), Int16, "hoisted: ", HoistedPath},
	}
	r := rand.New(rand.NewPCG(81, 82))
	for _, k := range paths {
		for trial := 0; trial < 8; trial++ {
			opts := Options{Footprint: k.fp, Mode: Mode(trial), Cval: []float64{0, math.Copysign(0, -1), 3}[trial%3],
				Params: map[string]Param{"c": Number(0.5)}, Output: Float64}
			fast, err := New(k.src, opts)
			if err != nil {
				t.Fatal(err)
			}
			if p := fast.Path(2, k.in); p.Kind != k.kind || !p.Exact || !strings.Contains(p.String(), k.path) {
				t.Fatalf("%s over %v (%v): path %q, want %q", k.src, k.fp.Shape, k.in, p, k.path)
			}
			opts.General = true
			general, _ := New(k.src, opts)
			in := exactInput(r, k.in, 4+r.IntN(20), 1+r.IntN(90))
			a, err := fast.Apply(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := general.Apply(context.Background(), in)
			for i, x := range a.Data.([]float64) {
				if y := b.Data.([]float64)[i]; !sameBits(x, y) {
					t.Fatalf("%s over %v (%v), mode %v, input %v: element %d: fast %v, general %v (%s)",
						k.src, k.fp.Shape, k.in, opts.Mode, in.Shape, i, x, y, fast.Path(2, k.in))
				}
			}
		}
	}
}

// adversarialInput returns rows x cols values made for cancellation: a
// third of them huge (around 2^50 to 2^60, either sign), the rest spread
// over 2^-40 to 2^10, some subnormal; with specials, also NaN and
// infinities.
func adversarialInput(r *rand.Rand, rows, cols int, withSpecials bool) []float64 {
	data := make([]float64, rows*cols)
	for i := range data {
		sign := float64(1 - 2*r.IntN(2))
		switch {
		case withSpecials && r.IntN(40) == 0:
			data[i] = specials[r.IntN(3)]
		case r.IntN(3) == 0:
			data[i] = sign * math.Ldexp(1+r.Float64(), 50+r.IntN(10))
		case r.IntN(30) == 0:
			data[i] = sign * math.Ldexp(r.Float64(), -1060)
		default:
			data[i] = sign * math.Ldexp(1+r.Float64(), r.IntN(50)-40)
		}
	}
	return data
}

// TestSumBound holds the sums and means that are not bit-exact to the
// contract on adversarial data, and checks that those paths say so.
func TestSumBound(t *testing.T) {
	sq := func(x float64) float64 { return float64(x * x) }
	sums := []struct {
		src  string
		fp   Footprint
		in   DType
		pre  func(float64) float64
		mean bool
	}{
		{"sum(values)", Box(5, 5), Float64, nil, false},
		{"mean(values)", Box(5, 5), Float64, nil, true},
		{"mean(values)", Box(15, 15), Float64, nil, true},
		{"sum(values)", Box(3, 15), Float64, nil, false},
		{"sum(values)", Box(3, 3), Float64, nil, false},
		{"mean(values)", Disk(2), Float64, nil, true},
		{"mean(values)", Cross(2), Float32, nil, true},
		{"sum(values)", Box(2, 2), Float32, nil, false},
		{"sum(values, # * #)", Box(3, 3), Float64, sq, false},
		{"mean(values * 2)", Box(4, 4), Float64, func(x float64) float64 { return x * 2 }, true},
	}
	r := rand.New(rand.NewPCG(91, 92))
	for _, k := range sums {
		differ := 0
		for trial := 0; trial < 4; trial++ {
			opts := Options{Footprint: k.fp, Mode: Mode(r.IntN(8)), Cval: []float64{0, math.Copysign(0, -1), 1e17}[trial%3], Output: Float64}
			fast, err := New(k.src, opts)
			if err != nil {
				t.Fatal(err)
			}
			if p := fast.Path(2, k.in); p.Kind != RunsPath || p.Exact || !strings.Contains(p.Reason, "not bit for bit") {
				t.Fatalf("%s over %v (%v): path %q, want a fast path that is not bit for bit", k.src, k.fp.Shape, k.in, p)
			}
			opts.General = true
			general, _ := New(k.src, opts)
			rows, cols := 12, 40
			if k.fp.Count() > 100 {
				rows, cols = 20, 30
			}
			data := adversarialInput(r, rows, cols, trial == 3)
			if trial == 2 { // exact zeros of both signs
				for i := range data {
					if r.IntN(2) == 0 {
						data[i] = math.Copysign(0, -float64(r.IntN(2)))
					}
				}
			}
			in, _ := Zeros(k.in, rows, cols)
			fromFloat64(in.Data, 0, data)
			name := k.src + " over " + k.in.String()
			differ += checkSums(t, name, fast, general, in, k.pre, k.mean)
		}
		if differ == 0 {
			t.Errorf("%s over %v (%v): fast and general agreed everywhere: the data do not test the order", k.src, k.fp.Shape, k.in)
		}
	}
}
