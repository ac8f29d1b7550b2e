package vec

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMedian5x5PairFloat: Sort4F32/F64 then Median5x5PairF32/F64 (the
// AVX-512 kernels, the AVX2 ones with AVX512 off, the portable loops in
// a purego build) give both lines the specification's medians
// (median5x5PairFloatGeneric over the unsorted rows) bit for bit: both
// zeros (a zero median +0), the infinities, many ties, for every length 0
// to 70; the rows hold NaN past their length (a column read past them
// would most likely carry it into a median), and no pixel past the outs
// is written.
func TestMedian5x5PairFloat(t *testing.T) {
	for _, wide := range []bool{true, false} {
		if wide && !AVX512 {
			continue
		}
		func() {
			defer func(old bool) { AVX512 = old }(AVX512)
			AVX512 = wide
			med5fCheck[float32](t, wide, Sort4F32, Median5x5PairF32)
			med5fCheck[float64](t, wide, Sort4F64, Median5x5PairF64)
		}()
	}
}

func med5fCheck[T float32 | float64](t *testing.T, wide bool, sort4 func(d0, d1, d2, d3, s0, s1, s2, s3 []T), pair func(outA, outB []T, s [][]T, xa, xb []T)) {
	t.Helper()
	r := rand.New(rand.NewPCG(55, 56))
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 2.5, math.Inf(1), math.Inf(-1), 3, 0.25}
	const pad = 40
	nan := T(math.NaN())
	for n := 0; n <= 70; n++ {
		for trial := range 4 {
			var rows [6][]T
			for k := range rows {
				rows[k] = make([]T, n+4+pad)
				for i := range rows[k] {
					switch {
					case i >= n+4:
						rows[k][i] = nan
					case trial%2 == 1:
						rows[k][i] = T(r.NormFloat64())
					case trial == 2:
						rows[k][i] = T(vals[r.IntN(3)]) // mostly zeros of both signs
					default:
						rows[k][i] = T(vals[r.IntN(len(vals))])
					}
				}
				rows[k] = rows[k][:n+4]
			}
			var want [2][]T
			for j := range want {
				want[j] = make([]T, n)
			}
			median5x5PairFloatGeneric(want[0], want[1], rows[1:5], rows[0], rows[5])
			var s [4][]T
			for k := range s {
				s[k] = make([]T, n+4, n+4+pad)
				for i := range s[k][:n+4+pad] {
					s[k][:n+4+pad][i] = -7
				}
			}
			sort4(s[0], s[1], s[2], s[3], rows[1], rows[2], rows[3], rows[4])
			for i := range n + 4 {
				c := []T{rows[1][i], rows[2][i], rows[3][i], rows[4][i]}
				slices.Sort(c)
				for k := range s {
					if s[k][i] != c[k] {
						t.Fatalf("wide %v, %T, n=%d, column %d: sorted %v %v %v %v, want %v", wide, c[0], n, i, s[0][i], s[1][i], s[2][i], s[3][i], c)
					}
				}
			}
			for k := range s {
				if s[k][:n+4+pad][n+4] != -7 {
					t.Fatalf("wide %v, n=%d: the sort wrote past its lines", wide, n)
				}
			}
			var got [2][]T
			for j := range got {
				got[j] = make([]T, n, n+pad)
			}
			pair(got[0], got[1], s[:], rows[0], rows[5])
			for j := range got {
				for i := range n + pad {
					g := got[j][:n+pad][i]
					if i >= n {
						if g != 0 {
							t.Fatalf("wide %v, %T, n=%d: line %d, pixel %d written past out", wide, g, n, j, i)
						}
						continue
					}
					if math.Float64bits(float64(g)) != math.Float64bits(float64(want[j][i])) {
						t.Fatalf("wide %v, %T, n=%d, trial %d, line %d, pixel %d: %v, want %v", wide, g, n, trial, j, i, g, want[j][i])
					}
				}
			}
		}
	}
}

// TestMedian5x5PairFloatGeneric: the specification is rank 12 of the 25
// values, a zero as +0 (cases worked by hand).
func TestMedian5x5PairFloatGeneric(t *testing.T) {
	neg := math.Copysign(0, -1)
	row := func(v ...float64) []float64 { return v }
	for _, c := range []struct {
		xa, s0, s1, s2, s3, xb []float64
		a, b                   float64
	}{
		// upper: 12 negatives, then 13 -0: rank 12 is -0, out +0; lower: 7 negatives, 13 -0, 5 positives
		{row(-1, -1, -1, -1, -1), row(-2, -2, -2, -2, -2), row(-3, -3, neg, neg, neg), row(neg, neg, neg, neg, neg), row(neg, neg, neg, neg, neg), row(5, 6, 7, 8, 9), 0, 0},
		// upper: 13 negatives, the largest -1; lower: 13 negatives, the largest -2
		{row(-1, -1, -1, -1, -1), row(-2, -2, -2, -2, -2), row(-3, -3, -3, 2, 2), row(1, 1, 1, 1, 1), row(1, 2, 3, 4, 5), row(-5, -6, -7, -8, -9), -1, -2},
	} {
		outA, outB := make([]float64, 1), make([]float64, 1)
		median5x5PairFloatGeneric(outA, outB, [][]float64{c.s0, c.s1, c.s2, c.s3}, c.xa, c.xb)
		if math.Float64bits(outA[0]) != math.Float64bits(c.a) || math.Float64bits(outB[0]) != math.Float64bits(c.b) {
			t.Errorf("medians %v %v, want %v %v", outA[0], outB[0], c.a, c.b)
		}
	}
}
