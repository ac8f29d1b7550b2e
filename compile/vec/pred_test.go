package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// predKernels are the comparison, logic and selection kernels with their
// portable twins, each as a function of (d, a, b, c).
var predKernels = []struct {
	name         string
	vector, spec func(d, a, b, c []float64)
}{
	{"Lt", func(d, a, b, c []float64) { Lt(d, a, b) }, func(d, a, b, c []float64) { ltGeneric(d, a, b) }},
	{"Le", func(d, a, b, c []float64) { Le(d, a, b) }, func(d, a, b, c []float64) { leGeneric(d, a, b) }},
	{"Gt", func(d, a, b, c []float64) { Gt(d, a, b) }, func(d, a, b, c []float64) { gtGeneric(d, a, b) }},
	{"Ge", func(d, a, b, c []float64) { Ge(d, a, b) }, func(d, a, b, c []float64) { geGeneric(d, a, b) }},
	{"Eq", func(d, a, b, c []float64) { Eq(d, a, b) }, func(d, a, b, c []float64) { eqGeneric(d, a, b) }},
	{"Ne", func(d, a, b, c []float64) { Ne(d, a, b) }, func(d, a, b, c []float64) { neGeneric(d, a, b) }},
	{"And", func(d, a, b, c []float64) { And(d, a, b) }, func(d, a, b, c []float64) { andGeneric(d, a, b) }},
	{"Or", func(d, a, b, c []float64) { Or(d, a, b) }, func(d, a, b, c []float64) { orGeneric(d, a, b) }},
	{"Not", func(d, a, b, c []float64) { Not(d, a) }, func(d, a, b, c []float64) { notGeneric(d, a) }},
	{"IsNaN", func(d, a, b, c []float64) { IsNaN(d, a) }, func(d, a, b, c []float64) { isNaNGeneric(d, a) }},
	{"Floor", func(d, a, b, c []float64) { Floor(d, a) }, func(d, a, b, c []float64) { floorGeneric(d, a) }},
	{"Ceil", func(d, a, b, c []float64) { Ceil(d, a) }, func(d, a, b, c []float64) { ceilGeneric(d, a) }},
	{"Round", func(d, a, b, c []float64) { Round(d, a) }, func(d, a, b, c []float64) { roundGeneric(d, a) }},
	{"CountAdd", func(d, a, b, c []float64) { CountAdd(d, a) }, func(d, a, b, c []float64) { countAddGeneric(d, a) }},
	{"Select", Select, selectGeneric},
	{"Minimum", func(d, a, b, c []float64) { Minimum(d, a, b) }, func(d, a, b, c []float64) { minimumGeneric(d, a, b) }},
	{"Maximum", func(d, a, b, c []float64) { Maximum(d, a, b) }, func(d, a, b, c []float64) { maximumGeneric(d, a, b) }},
	{"Clip", Clip, clipGeneric},
}

// predValue draws the values on which the predicates differ: NaNs (two
// payloads, both signs), zeros of both signs, infinities, subnormals,
// 1 and 0 as truth values, ties, and random numbers.
func predValue(rng *rand.Rand) float64 {
	special := []float64{math.NaN(), -math.NaN(), math.Float64frombits(0x7ff8_0000_dead_beef), 0, math.Copysign(0, -1),
		math.Inf(1), math.Inf(-1), 1, -1, 0.5, 2.5, -2.5, -0.5, 1e300, 1<<52 + 0.5, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, math.MaxFloat64}
	if rng.IntN(3) == 0 {
		return rng.NormFloat64() * 10
	}
	return special[rng.IntN(len(special))]
}

// TestPredBits: every kernel gives its portable twin's bits (a NaN's
// payload and a zero's sign included) on every length up to 37, at
// unaligned starts, and in place (d is a, as the lane program may run it).
func TestPredBits(t *testing.T) {
	if !AVX2 {
		t.Log("no vector kernels run here: the exported functions are the portable loops, checked all the same")
	}
	rng := rand.New(rand.NewPCG(21, 22))
	const size = 40
	in := make([][]float64, 3)
	for _, k := range predKernels {
		for trial := 0; trial < 200; trial++ {
			for j := range in {
				in[j] = make([]float64, size)
				for i := range in[j] {
					in[j][i] = predValue(rng)
				}
			}
			// ties between a and b, and truth values in a
			for i := range size {
				if rng.IntN(4) == 0 {
					in[1][i] = in[0][i]
				}
			}
			off, n := rng.IntN(3), rng.IntN(size-3)
			a, b, c := in[0][off:off+n], in[1][off:off+n], in[2][off:off+n]
			got, want := make([]float64, n), make([]float64, n)
			for i := range got { // CountAdd adds to d
				got[i] = float64(rng.IntN(5))
				want[i] = got[i]
			}
			k.vector(got, a, b, c)
			k.spec(want, a, b, c)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("%s: element %d of %d: a=%v b=%v c=%v: vector %v (%#x), portable %v (%#x)",
						k.name, i, n, a[i], b[i], c[i], got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
				}
			}
			// in place
			aa := append([]float64(nil), a...)
			k.vector(aa, aa, b, c)
			ref := append([]float64(nil), a...)
			k.spec(ref, append([]float64(nil), a...), b, c)
			for i := range aa {
				if math.Float64bits(aa[i]) != math.Float64bits(ref[i]) {
					t.Fatalf("%s in place: element %d: %v, want %v", k.name, i, aa[i], ref[i])
				}
			}
		}
	}
}

// TestPredSemantics pins the portable loops to Go's comparisons and
// numpy's minimum, maximum and clip on the cases that decide them.
func TestPredSemantics(t *testing.T) {
	nan, negz, inf := math.NaN(), math.Copysign(0, -1), math.Inf(1)
	one := func(f func(d, a, b, c []float64), a, b, c float64) float64 {
		d := []float64{0}
		f(d, []float64{a}, []float64{b}, []float64{c})
		return d[0]
	}
	k := map[string]func(d, a, b, c []float64){}
	for _, p := range predKernels {
		k[p.name] = p.vector
	}
	for _, tt := range []struct {
		op      string
		a, b, c float64
		want    float64
	}{
		{"Lt", nan, 1, 0, 0}, {"Le", 1, 1, 0, 1}, {"Gt", 2, nan, 0, 0}, {"Ge", negz, 0, 0, 1},
		{"Eq", nan, nan, 0, 0}, {"Ne", nan, nan, 0, 1}, {"Eq", negz, 0, 0, 1},
		{"And", nan, 1, 0, 1}, {"And", 0, 1, 0, 0}, {"Or", negz, 0, 0, 0}, {"Or", 0, nan, 0, 1},
		{"Not", negz, 0, 0, 1}, {"Not", nan, 0, 0, 0}, {"IsNaN", nan, 0, 0, 1}, {"IsNaN", inf, 0, 0, 0},
		{"Select", nan, 2, 3, 2}, {"Select", negz, 2, 3, 3},
		{"Minimum", nan, 1, 0, nan}, {"Minimum", 1, nan, 0, nan}, {"Minimum", negz, 0, 0, 0}, {"Minimum", 0, negz, 0, negz},
		{"Maximum", 3, 2, 0, 3}, {"Maximum", 2, nan, 0, nan},
		{"Clip", nan, 0, 1, nan}, {"Clip", -1, 0, 1, 0}, {"Clip", 5, nan, 1, 1}, {"Clip", 0.5, 0, nan, 0.5}, {"Clip", 5, 2, 1, 1},
	} {
		got := one(k[tt.op], tt.a, tt.b, tt.c)
		if math.Float64bits(got) != math.Float64bits(tt.want) && !(got != got && tt.want != tt.want) {
			t.Errorf("%s(%v, %v, %v) = %v, want %v", tt.op, tt.a, tt.b, tt.c, got, tt.want)
		}
	}
}

// TestSumLensBits: SumLens gives the portable loop's bits (numpy's
// pairwise order; any NaN for a NaN) for every count from 0 to len(src), len(src) from 1 to
// 40 and 128, on values that cancel and on NaN, -0 and infinities.
func TestSumLensBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for _, count := range append([]int{128, 127, 120}, func() (c []int) {
		for k := 1; k <= 40; k++ {
			c = append(c, k)
		}
		return c
	}()...) {
		const width = 23
		src := make([][]float64, count)
		for k := range src {
			src[k] = make([]float64, width)
			for i := range src[k] {
				switch rng.IntN(8) {
				case 0:
					src[k][i] = predValue(rng)
				default: // cancelling magnitudes, so the order shows
					src[k][i] = rng.NormFloat64() * math.Ldexp(1, rng.IntN(80)-40)
				}
			}
		}
		for trial := 0; trial < 20; trial++ {
			lens := make([]float64, width)
			for i := range lens {
				lens[i] = float64(rng.IntN(count + 1))
			}
			got, want := make([]float64, width), make([]float64, width)
			SumLens(got, src, lens)
			sumLensGeneric(want, src, lens)
			for i := range got {
				// which of two NaNs a sum keeps is the compiler's choice
				// of operand order (IEEE leaves it open): NaN is NaN
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
					t.Fatalf("%d sources, pixel %d of count %v: %v (%#x), want %v (%#x)",
						count, i, lens[i], got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
				}
			}
		}
	}
}
