package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// expAll is how compile runs exp over a lane: ExpFrom, and math.Exp for
// the elements it stops at.
func expAll(d, a []float64) {
	for i := 0; i < len(d); {
		i = ExpFrom(d, a, i)
		for end := min(i+4, len(d)); i < end; i++ {
			d[i] = math.Exp(a[i])
		}
	}
}

// TestExpBits: ExpFrom gives math.Exp's bits on millions of arguments:
// uniform over the range where exp is finite and beyond, near zero,
// subnormal, any bit pattern (NaN and ±Inf among them), and the edges of
// the vector kernel's ±700.
func TestExpBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const n = 1 << 20
	gens := map[string]func() float64{
		"range":     func() float64 { return rng.Float64()*1500 - 750 },
		"kernel":    func() float64 { return rng.Float64()*1400 - 700 },
		"small":     func() float64 { return (rng.Float64()*2 - 1) * math.Ldexp(1, -rng.IntN(60)) },
		"subnormal": func() float64 { return math.Float64frombits(rng.Uint64()&(1<<52-1) | rng.Uint64()&(1<<63)) },
		"bits":      func() float64 { return math.Float64frombits(rng.Uint64()) },
		"edges": func() float64 {
			e := []float64{700, -700, 709, 709.78, -708.4, -745.2, 0, math.Inf(1), math.Inf(-1), math.NaN(), -0.0}[rng.IntN(11)]
			return math.Float64frombits(math.Float64bits(e) + uint64(rng.IntN(9)) - 4)
		},
		"halfway": func() float64 { // near (k + 1/2)·ln 2, where the exponent's rounding decides
			return (float64(rng.IntN(2020)-1010) + 0.5) * math.Ln2 * (1 + (rng.Float64()-0.5)*1e-15)
		},
	}
	if !AVX2 {
		t.Log("no vector kernels run here: ExpFrom does nothing, checked all the same")
	}
	a, d := make([]float64, n+3), make([]float64, n+3)
	for name, gen := range gens {
		for i := range a {
			a[i] = gen()
		}
		for _, off := range []int{0, 1, 3} { // tails and unaligned starts
			end := len(a)
			if off > 0 {
				end = 1 << 16
			}
			dd, aa := d[off:end], a[off:end]
			expAll(dd, aa)
			bad := 0
			for i, x := range aa {
				want := math.Exp(x)
				if math.Float64bits(dd[i]) != math.Float64bits(want) && !(want != want && dd[i] != dd[i]) {
					if bad < 5 {
						t.Errorf("%s: exp(%v) (%#x) = %v (%#x), math.Exp %v (%#x)", name, x, math.Float64bits(x), dd[i], math.Float64bits(dd[i]), want, math.Float64bits(want))
					}
					bad++
				}
			}
			if bad > 0 {
				t.Errorf("%s: %d of %d differ", name, bad, len(aa))
			}
		}
	}
	// in place, as the lane program may run it
	for i := range a {
		a[i] = rng.Float64()*60 - 30
	}
	want := make([]float64, len(a))
	for i, x := range a {
		want[i] = math.Exp(x)
	}
	expAll(a, a)
	for i := range a {
		if a[i] != want[i] {
			t.Fatalf("in place: element %d is %v, want %v", i, a[i], want[i])
		}
	}
}

// TestEwBits: Abs and Neg give the portable loops' bits, NaN
// payloads and signed zeros included, at every length to 11.
func TestEwBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	vals := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(), -math.NaN(), 5e-324, -5e-324, math.MaxFloat64}
	pick := func() float64 {
		if rng.IntN(2) == 0 {
			return vals[rng.IntN(len(vals))]
		}
		return math.Float64frombits(rng.Uint64())
	}
	for n := range 12 {
		for range 200 {
			a, b := make([]float64, n), make([]float64, n)
			for i := range a {
				a[i], b[i] = pick(), pick()
			}
			for _, k := range []struct {
				name       string
				vec, plain func(d []float64)
			}{
				{"Abs", func(d []float64) { Abs(d, a) }, func(d []float64) { absGeneric(d, a) }},
				{"Neg", func(d []float64) { Neg(d, a) }, func(d []float64) { negGeneric(d, a) }},
			} {
				got, want := make([]float64, n), make([]float64, n)
				k.vec(got)
				k.plain(want)
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s n=%d [%d]: %#x, portable %#x (a %v b %v)", k.name, n, i, math.Float64bits(got[i]), math.Float64bits(want[i]), a[i], b[i])
					}
				}
			}
		}
	}
}

// TestAbsDevSums: SumAbsDevBlocks and AddAbsDev give, bit for bit, the
// sums SumBlocks and AddInto give of the terms |x - mu| written out
// first, with the vector kernels and without, at every length to 13 and
// 8 to 128 terms.
func TestAbsDevSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	draw := func() float64 {
		switch rng.IntN(20) {
		case 0:
			return math.NaN()
		case 1:
			return math.Inf(1 - 2*rng.IntN(2))
		}
		return rng.NormFloat64() * math.Pow(10, float64(rng.IntN(16)-8))
	}
	saved := AVX2
	defer func() { AVX2 = saved }()
	for _, vector := range []bool{true, false} {
		AVX2 = vector && saved
		for _, cnt := range []int{1, 7, 8, 9, 15, 16, 17, 25, 49, 81, 127, 128} {
			for n := range 14 {
				src, terms := make([][]float64, cnt), make([][]float64, cnt)
				mu := make([]float64, n)
				for i := range mu {
					mu[i] = draw()
				}
				for k := range src {
					src[k], terms[k] = make([]float64, n+1), make([]float64, n)
					for i := range src[k] {
						src[k][i] = draw()
					}
					for i := range terms[k] {
						terms[k][i] = math.Abs(src[k][i] - mu[i])
					}
				}
				got, want := make([]float64, n), make([]float64, n)
				if cnt >= 8 {
					SumAbsDevBlocks(got, src, mu)
					sumBlocksGeneric(want, terms, nil)
				} else {
					for _, a := range src {
						AddAbsDev(got, a, mu)
					}
					for _, a := range terms {
						addIntoGeneric(want, a)
					}
				}
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
						t.Fatalf("vector %v, %d terms, n=%d, [%d]: %v, want %v", AVX2, cnt, n, i, got[i], want[i])
					}
				}
			}
		}
	}
}
