package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestWideSums: with the AVX-512 kernels and without (AVX2 only), SumBlocks
// of x and of (x - mu)², and SumAbsDevBlocks, give the portable loops'
// sums bit for bit, NaN and ±Inf included, at every length to 27 (eight
// pixels at a time, then four, then single ones) and 8 to 128 terms.
func TestWideSums(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(41, 42))
	draw := func() float64 {
		switch rng.IntN(24) {
		case 0:
			return math.NaN()
		case 1:
			return math.Inf(1 - 2*rng.IntN(2))
		case 2:
			return math.Copysign(0, -1)
		}
		return rng.NormFloat64() * math.Pow(10, float64(rng.IntN(16)-8))
	}
	fill := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = draw()
		}
		return v
	}
	same := func(a, b float64) bool {
		return math.Float64bits(a) == math.Float64bits(b) || a != a && b != b
	}
	saved := AVX512
	defer func() { AVX512 = saved }()
	for _, wide := range []bool{true, false} {
		if wide && !saved {
			continue // the CPU has no AVX-512: the AVX2 rows still run
		}
		AVX512 = wide
		for _, cnt := range []int{8, 9, 15, 16, 17, 25, 49, 81, 127, 128} {
			for n := range 28 {
				src := make([][]float64, cnt)
				for k := range src {
					src[k] = fill(n + 3)
				}
				mu := fill(n)
				for kind, run := range []func(d []float64){
					func(d []float64) { SumBlocks(d, src, nil) },
					func(d []float64) { SumBlocks(d, src, mu) },
					func(d []float64) { SumAbsDevBlocks(d, src, mu) },
				} {
					got, want := make([]float64, n), make([]float64, n)
					run(got)
					switch kind {
					case 0:
						sumBlocksGeneric(want, src, nil)
					case 1:
						sumBlocksGeneric(want, src, mu)
					default:
						sumAbsDevBlocksGeneric(want, src, mu)
					}
					for i := range got {
						if !same(got[i], want[i]) {
							t.Fatalf("AVX-512 %v, kind %d, %d terms, n=%d, [%d]: %v, want %v", wide, kind, cnt, n, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}

// TestWideFolds: with the AVX-512 kernels and without, FoldMin, FoldMinBoth
// and FoldMax give Go's min and max bit for bit (any NaN for NaN): ±0 in
// either order, NaN in any operand, ±Inf, subnormals, at every length to
// 27 and 2 to 8 sources.
func TestWideFolds(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	rng := rand.New(rand.NewPCG(43, 44))
	special := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 5e-324, -5e-324, 1, -1}
	draw := func() float64 {
		if rng.IntN(3) == 0 {
			return special[rng.IntN(len(special))]
		}
		return rng.NormFloat64()
	}
	saved := AVX512
	defer func() { AVX512 = saved }()
	for _, wide := range []bool{true, false} {
		if wide && !saved {
			continue
		}
		AVX512 = wide
		for count := 2; count <= 8; count++ {
			for n := range 28 {
				for range 4 {
					src := make([][]float64, count)
					for k := range src {
						src[k] = make([]float64, n+2)
						for i := range src[k] {
							src[k][i] = draw()
						}
					}
					for name, run := range map[string]func(d []float64){
						"FoldMin": func(d []float64) { FoldMin(d, src) }, "FoldMinBoth": func(d []float64) { FoldMinBoth(d, src) },
						"FoldMax": func(d []float64) { FoldMax(d, src) },
					} {
						got := make([]float64, n)
						run(got)
						for i := range got {
							want := src[0][i]
							for _, s := range src[1:] {
								if name == "FoldMax" {
									want = max(want, s[i])
								} else {
									want = min(want, s[i])
								}
							}
							if math.Float64bits(got[i]) != math.Float64bits(want) && !(got[i] != got[i] && want != want) {
								t.Fatalf("AVX-512 %v, %s of %d, n=%d, [%d]: %v, want %v", wide, name, count, n, i, got[i], want)
							}
						}
					}
				}
			}
		}
	}
}

// TestMeanBlocks: MeanBlocks, with the AVX-512 kernels and without, is
// the portable sum divided by c, bit for bit (any NaN for NaN).
func TestMeanBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(55, 56))
	saved := AVX512
	defer func() { AVX512 = saved }()
	for _, wide := range []bool{true, false} {
		if wide && !saved {
			continue
		}
		AVX512 = wide
		for _, cnt := range []int{8, 9, 25, 49, 128} {
			for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 31, 40} {
				src := make([][]float64, cnt)
				for k := range src {
					src[k] = make([]float64, n+2)
					for i := range src[k] {
						src[k][i] = rng.NormFloat64()
						if rng.IntN(30) == 0 {
							src[k][i] = []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[rng.IntN(3)]
						}
					}
				}
				mu := make([]float64, n)
				for i := range mu {
					mu[i] = rng.NormFloat64()
				}
				for _, m := range [][]float64{nil, mu} {
					got, want := make([]float64, n), make([]float64, n)
					MeanBlocks(got, src, m, float64(cnt))
					sumBlocksGeneric(want, src, m)
					divideByGeneric(want, float64(cnt))
					for i := range got {
						if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
							t.Fatalf("AVX-512 %v, %d terms, mu %v, n=%d, [%d]: %v, want %v", wide, cnt, m != nil, n, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
}

// TestExpWide: ExpFrom with the AVX-512 kernel and without gives math.Exp's
// bits: over the kernel's range and past it, near the exponent's rounding
// points, NaN and ±Inf scattered among ordinary values (the kernel stops
// at eight, the caller does four), every length to 40.
func TestExpWide(t *testing.T) {
	rng := rand.New(rand.NewPCG(57, 58))
	saved := AVX512
	defer func() { AVX512 = saved }()
	for _, wide := range []bool{true, false} {
		if wide && !saved {
			continue
		}
		AVX512 = wide
		const n = 1 << 18
		a, d := make([]float64, n), make([]float64, n)
		for i := range a {
			switch rng.IntN(40) {
			case 0:
				a[i] = []float64{math.NaN(), math.Inf(1), math.Inf(-1), 700, -700, 709.5, -745}[rng.IntN(7)]
			case 1:
				a[i] = (float64(rng.IntN(2020)-1010) + 0.5) * math.Ln2
			default:
				a[i] = rng.Float64()*1400 - 700
			}
		}
		check := func(d, a []float64) {
			expAll(d, a)
			for i, x := range a {
				if w := math.Exp(x); math.Float64bits(d[i]) != math.Float64bits(w) && !(w != w && d[i] != d[i]) {
					t.Fatalf("AVX-512 %v, len %d: exp(%v) = %v, math.Exp %v", wide, len(a), x, d[i], w)
				}
			}
		}
		check(d, a)
		for l := range 41 {
			check(d[:l], a[n-l:])
		}
	}
}

// TestFoldNoNaN: FoldMinNoNaN and FoldMaxNoNaN, with the AVX-512 kernels and
// without, give Go's min and max bit for bit on NaN-free sources (±0 in
// either order, ±Inf, subnormals).
func TestFoldNoNaN(t *testing.T) {
	rng := rand.New(rand.NewPCG(59, 60))
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), 5e-324, -5e-324, 1, -1}
	saved := AVX512
	defer func() { AVX512 = saved }()
	for _, wide := range []bool{true, false} {
		if wide && !saved {
			continue
		}
		AVX512 = wide
		for count := 2; count <= 8; count++ {
			for n := range 28 {
				src := make([][]float64, count)
				for k := range src {
					src[k] = make([]float64, n+1)
					for i := range src[k] {
						if rng.IntN(3) == 0 {
							src[k][i] = special[rng.IntN(len(special))]
						} else {
							src[k][i] = rng.NormFloat64()
						}
					}
				}
				for _, isMax := range []bool{false, true} {
					got := make([]float64, n)
					if isMax {
						FoldMaxNoNaN(got, src)
					} else {
						FoldMinNoNaN(got, src)
					}
					for i := range got {
						want := src[0][i]
						for _, s := range src[1:] {
							if isMax {
								want = max(want, s[i])
							} else {
								want = min(want, s[i])
							}
						}
						if math.Float64bits(got[i]) != math.Float64bits(want) {
							t.Fatalf("AVX-512 %v, max %v of %d, n=%d, [%d]: %v, want %v", wide, isMax, count, n, i, got[i], want)
						}
					}
				}
			}
		}
	}
}

// TestFoldSeeNaN: FoldMinSeeNaN and FoldMaxSeeNaN give Go's min and max bit
// for bit (any NaN for NaN), and report a NaN exactly when one is among
// the first len(dst) of a source (the masked tail included, past it not);
// without AVX-512 they report true.
func TestFoldSeeNaN(t *testing.T) {
	rng := rand.New(rand.NewPCG(61, 62))
	saved := AVX512
	defer func() { AVX512 = saved }()
	for _, wide := range []bool{true, false} {
		if wide && !saved {
			continue
		}
		AVX512 = wide
		for count := 2; count <= 8; count++ {
			for n := 1; n < 28; n++ {
				for _, withNaN := range []bool{false, true} {
					src := make([][]float64, count)
					for k := range src {
						src[k] = make([]float64, n+1)
						for i := range src[k] {
							src[k][i] = rng.NormFloat64()
						}
						src[k][n] = math.NaN() // past the end
					}
					if withNaN {
						src[rng.IntN(count)][rng.IntN(n)] = math.NaN()
					}
					for _, isMax := range []bool{false, true} {
						got := make([]float64, n)
						var saw bool
						if isMax {
							saw = FoldMaxSeeNaN(got, src)
						} else {
							saw = FoldMinSeeNaN(got, src)
						}
						if want := withNaN || !wide; saw != want {
							t.Fatalf("AVX-512 %v, max %v of %d, n=%d: saw a NaN %v, want %v", wide, isMax, count, n, saw, want)
						}
						for i := range got {
							want := src[0][i]
							for _, s := range src[1:] {
								if isMax {
									want = max(want, s[i])
								} else {
									want = min(want, s[i])
								}
							}
							if math.Float64bits(got[i]) != math.Float64bits(want) && !(got[i] != got[i] && want != want) {
								t.Fatalf("AVX-512 %v, max %v of %d, n=%d, [%d]: %v, want %v", wide, isMax, count, n, i, got[i], want)
							}
						}
					}
				}
			}
		}
	}
}
