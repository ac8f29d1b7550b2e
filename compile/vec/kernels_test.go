package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// domain is what a kernel's inputs may hold.
type domain uint8

const (
	anything domain = iota // NaN, -0, ±Inf and finite numbers
	noNaN                  // all but NaN
	ordered                // neither NaN nor -0
)

// kernel is one vector kernel and its portable twin, over the slices s
// (outputs first), each as long as the kernel needs for n pixels.
type kernel struct {
	name   string
	slices int
	long   []int // the indices of the slices that need n+2 elements
	dom    domain
	run    func(vector bool, n int, s [][]float64)
}

func kernels() []kernel {
	pick := func(v bool, vec, gen func()) {
		if v {
			vec()
		} else {
			gen()
		}
	}
	ks := []kernel{
		{name: "AddInto", slices: 2, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { AddInto(s[0], s[1]) }, func() { addIntoGeneric(s[0], s[1]) })
		}},
		{name: "CopyNormalized", slices: 3, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { CopyNormalized(s[0], s[1], s[2]) }, func() { copyNormalizedGeneric(s[0], s[1], s[2]) })
		}},
		{name: "DivideBy", slices: 2, run: func(v bool, n int, s [][]float64) {
			c := 1.0
			if len(s[1]) > 0 {
				c = s[1][0]
			}
			pick(v, func() { DivideBy(s[0], c) }, func() { divideByGeneric(s[0], c) })
		}},
		{name: "Sqrt", slices: 1, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { Sqrt(s[0]) }, func() { sqrtGeneric(s[0]) })
		}},
		{name: "AddTerm", slices: 3, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { AddTerm(s[0], s[1], s[2]) }, func() { addTermGeneric(s[0], s[1], s[2]) })
		}},
		{name: "AddTerm/nil", slices: 2, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { AddTerm(s[0], s[1], nil) }, func() { addTermGeneric(s[0], s[1], nil) })
		}},
		{name: "ExchangeTo", slices: 4, dom: ordered, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { ExchangeTo(s[0], s[1], s[2], s[3], true, true) }, func() { exchangeToGeneric(s[0], s[1], s[2], s[3], true, true) })
		}},
		{name: "ExchangeTo/inplace", slices: 2, dom: ordered, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { ExchangeTo(s[0], s[1], s[0], s[1], true, true) }, func() { exchangeToGeneric(s[0], s[1], s[0], s[1], true, true) })
		}},
		{name: "ExchangeTo/lo", slices: 4, dom: ordered, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { ExchangeTo(s[0], s[1], s[2], s[3], true, false) }, func() { exchangeToGeneric(s[0], s[1], s[2], s[3], true, false) })
		}},
		{name: "ExchangeTo/hi", slices: 4, dom: ordered, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { ExchangeTo(s[0], s[1], s[2], s[3], false, true) }, func() { exchangeToGeneric(s[0], s[1], s[2], s[3], false, true) })
		}},
		{name: "Colsort3", slices: 6, dom: ordered, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { Colsort3(s[0], s[1], s[2], s[3], s[4], s[5]) }, func() { colsort3Generic(s[0], s[1], s[2], s[3], s[4], s[5]) })
		}},
		// the 3x3 median keeps no sign of zero: -0 may come in
		{name: "Med9", slices: 4, long: []int{1, 2, 3}, dom: noNaN, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { Med9(s[0], s[1], s[2], s[3]) }, func() { med9Generic(s[0], s[1], s[2], s[3]) })
		}},
		{name: "Colsort3+Med9", slices: 7, long: []int{1, 2, 3, 4, 5, 6}, dom: noNaN, run: func(v bool, n int, s [][]float64) {
			pick(v, func() {
				Colsort3(s[1], s[2], s[3], s[4], s[5], s[6])
				Med9(s[0], s[1], s[2], s[3])
			}, func() {
				colsort3Generic(s[1], s[2], s[3], s[4], s[5], s[6])
				med9Generic(s[0], s[1], s[2], s[3])
			})
			// lo, md and hi may differ in the sign of zeros: only the
			// median counts
			for _, t := range s[1:4] {
				for i, x := range t {
					t[i] = x + 0
				}
			}
		}},
		{name: "MinOfMax", slices: 3, dom: ordered, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { MinOfMax(s[0], s[1], s[2], false) }, func() { minOfMaxGeneric(s[0], s[1], s[2], false) })
		}},
		{name: "MinOfMax/first", slices: 3, dom: ordered, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { MinOfMax(s[0], s[1], s[2], true) }, func() { minOfMaxGeneric(s[0], s[1], s[2], true) })
		}},
		{name: "MinOfMax/nil", slices: 2, dom: ordered, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { MinOfMax(s[0], s[1], nil, false) }, func() { minOfMaxGeneric(s[0], s[1], nil, false) })
		}},
	}
	for _, op := range []struct {
		name string
		op   Op
	}{{"Add", Add}, {"Sub", Sub}, {"Mul", Mul}, {"Div", Div}} {
		ks = append(ks, kernel{name: "Arith/" + op.name, slices: 3, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { Arith(s[0], s[1], s[2], op.op) }, func() { arithGeneric(s[0], s[1], s[2], op.op) })
		}})
	}
	for _, cnt := range []int{8, 9, 15, 16, 17, 25, 49, 128} {
		ks = append(ks, kernel{name: fmt.Sprintf("SumBlocks/%d", cnt), slices: 1 + cnt, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { SumBlocks(s[0], s[1:], nil) }, func() { sumBlocksGeneric(s[0], s[1:], nil) })
		}})
		ks = append(ks, kernel{name: fmt.Sprintf("SumBlocks/%d/mu", cnt), slices: 2 + cnt, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { SumBlocks(s[0], s[2:], s[1]) }, func() { sumBlocksGeneric(s[0], s[2:], s[1]) })
		}})
	}
	for cnt := 2; cnt <= 8; cnt++ {
		ks = append(ks, kernel{name: fmt.Sprintf("FoldMin/%d", cnt), slices: 1 + cnt, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { FoldMin(s[0], s[1:]) }, func() { foldMinGeneric(s[0], s[1:]) })
		}})
		ks = append(ks, kernel{name: fmt.Sprintf("FoldMax/%d", cnt), slices: 1 + cnt, run: func(v bool, n int, s [][]float64) {
			pick(v, func() { FoldMax(s[0], s[1:]) }, func() { foldMaxGeneric(s[0], s[1:]) })
		}})
	}
	return ks
}

// value is a random input: mostly finite numbers with many ties (small
// integers, zeros of both signs), some infinities and NaN as dom allows.
func value(rng *rand.Rand, dom domain) float64 {
	for {
		var x float64
		switch r := rng.IntN(100); {
		case r < 50:
			x = rng.NormFloat64() * 100
		case r < 70:
			x = float64(rng.IntN(7) - 3)
		case r < 78:
			x = 0
		case r < 86:
			x = math.Copysign(0, -1)
		case r < 90:
			x = math.Inf(1)
		case r < 94:
			x = math.Inf(-1)
		case r < 97:
			x = math.NaN()
		default:
			x = math.Float64frombits(rng.Uint64()) // any bits: subnormals, odd NaNs
		}
		switch {
		case dom != anything && math.IsNaN(x):
		case dom == ordered && x == 0 && math.Signbit(x):
		default:
			return x
		}
	}
}

// same is bit equality, any NaN matching any NaN: x86 and Go pick NaN
// payloads by operand order, which the compiler may swap.
func same(x, y float64) bool {
	return math.Float64bits(x) == math.Float64bits(y) || math.IsNaN(x) && math.IsNaN(y)
}

// TestKernels holds every vector kernel to its portable twin bit for bit,
// on lengths 0 to 67 (vector bodies and every tail), slices starting at
// any offset in their buffers, and the values each kernel's comment
// allows. The buffers have guards past the slices, which must stay
// untouched.
func TestKernels(t *testing.T) {
	if !AVX2 {
		t.Log("no vector kernels in this build or on this CPU: the dispatch is the portable loop")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, k := range kernels() {
		t.Run(k.name, func(t *testing.T) {
			long := make([]bool, k.slices)
			for _, i := range k.long {
				long[i] = true
			}
			for n := range 68 {
				for trial := range 6 {
					const guard = 5
					bufs := make([][2][]float64, k.slices) // vector's, portable's
					vs, ps := make([][]float64, k.slices), make([][]float64, k.slices)
					for j := range bufs {
						off, m := rng.IntN(4), n
						if long[j] {
							m += 2
						}
						b := make([]float64, off+m+guard)
						for i := range b {
							b[i] = value(rng, k.dom)
						}
						bufs[j] = [2][]float64{b, append([]float64(nil), b...)}
						vs[j], ps[j] = bufs[j][0][off:off+m], bufs[j][1][off:off+m]
					}
					k.run(true, n, vs)
					k.run(false, n, ps)
					for j := range bufs {
						v, p := bufs[j][0], bufs[j][1]
						for i := range v {
							if !same(v[i], p[i]) {
								t.Fatalf("n %d, trial %d: slice %d's buffer at %d: vector %v (%#x), portable %v (%#x)",
									n, trial, j, i, v[i], math.Float64bits(v[i]), p[i], math.Float64bits(p[i]))
							}
						}
					}
				}
			}
		})
	}
}

// TestFoldNaNRuns: the fold's vector kernel hands four pixels with a NaN
// to the portable loop and goes on; with NaN everywhere, or in every
// other block, the results stay the portable loop's.
func TestFoldNaNRuns(t *testing.T) {
	for _, every := range []int{1, 2, 3, 5} {
		const n = 64
		srcs := make([][]float64, 3)
		for k := range srcs {
			srcs[k] = make([]float64, n)
			for i := range srcs[k] {
				srcs[k][i] = float64((i*7+k*3)%11) - 5
			}
		}
		for i := 0; i < n; i += 4 * every {
			srcs[i%3][i+i%4] = math.NaN()
		}
		want, got := make([]float64, n), make([]float64, n)
		foldMinGeneric(want, srcs)
		FoldMin(got, srcs)
		for i := range want {
			if !same(want[i], got[i]) {
				t.Errorf("NaN every %d blocks: pixel %d: got %v, want %v", every, i, got[i], want[i])
			}
		}
	}
}

func BenchmarkKernels(b *testing.B) {
	const n = 1024
	rng := rand.New(rand.NewPCG(5, 6))
	for _, k := range kernels() {
		s := make([][]float64, k.slices)
		for j := range s {
			s[j] = make([]float64, n+2)
			for i := range s[j] {
				s[j][i] = rng.Float64() + 0.5
			}
		}
		for _, v := range []bool{true, false} {
			name := k.name + "/portable"
			if v {
				name = k.name + "/avx2"
			}
			b.Run(name, func(b *testing.B) {
				if v && !AVX2 {
					b.Skip("no AVX2 kernels here")
				}
				ss := make([][]float64, len(s))
				copy(ss, s)
				ss[0] = ss[0][:n]
				if len(k.long) == 0 {
					for j := range ss {
						ss[j] = ss[j][:n]
					}
				}
				for b.Loop() {
					k.run(v, n, ss)
				}
				b.SetBytes(int64(8 * n * k.slices))
			})
		}
	}
}
