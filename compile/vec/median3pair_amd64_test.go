//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMedian3x3Pair: the two-line AVX-512 kernels (Median3x3PairF32 and
// F64) give each line the portable loop's medians bit for bit (both
// zeros, the infinities, ties), report a NaN in any column of any of the
// four lines (the shared ones and each line's own), read no column past
// the lines (NaN there) and write no pixel past the outs, for every
// length from their threshold past a few vectors; below it they write
// nothing and say so.
func TestMedian3x3Pair(t *testing.T) {
	if !AVX512 || !AVX2 {
		t.Skip("no AVX-512 kernels run in this build or on this CPU")
	}
	r := rand.New(rand.NewPCG(51, 52))
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 2.5, math.Inf(1), math.Inf(-1), 3, 0.25}
	const pad = 40
	for n := 1; n < 120; n++ {
		for trial := range 6 {
			var r64 [4][]float64
			var r32 [4][]float32
			for k := range r64 {
				r64[k], r32[k] = make([]float64, n+2+pad), make([]float32, n+2+pad)
				for i := range r64[k] {
					r64[k][i] = vals[r.IntN(len(vals))]
					if trial%2 == 1 {
						r64[k][i] = r.NormFloat64()
					}
					if i >= n+2 {
						r64[k][i] = math.NaN()
					}
					r32[k][i] = float32(r64[k][i])
				}
				r64[k], r32[k] = r64[k][:n+2], r32[k][:n+2]
			}
			var got64, want64 [2][]float64
			var got32, want32 [2][]float32
			for j := range 2 {
				got64[j], want64[j] = make([]float64, n, n+pad), make([]float64, n)
				got32[j], want32[j] = make([]float32, n, n+pad), make([]float32, n)
				median3x3FloatGeneric(want64[j], r64[j], r64[j+1], r64[j+2])
				median3x3FloatGeneric(want32[j], r32[j], r32[j+1], r32[j+2])
			}
			nan64, ok64 := Median3x3PairF64(got64[0], got64[1], r64[0], r64[1], r64[2], r64[3])
			nan32, ok32 := Median3x3PairF32(got32[0], got32[1], r32[0], r32[1], r32[2], r32[3])
			if ok64 != (n >= 8) || ok32 != (n >= 16) {
				t.Fatalf("n=%d: the float64 kernel ran %v, the float32 one %v", n, ok64, ok32)
			}
			if nan64 || nan32 {
				t.Fatalf("n=%d: a NaN reported in lines with none", n)
			}
			for j := range 2 {
				for i := range n + pad {
					if i >= n || !ok64 {
						if got64[j][:n+pad][i] != 0 || i >= n && got32[j][:n+pad][i] != 0 || !ok32 && got32[j][:n+pad][i] != 0 {
							t.Fatalf("n=%d: line %d, pixel %d written (past out, or by a kernel that did not run)", n, j, i)
						}
						continue
					}
					if math.Float64bits(got64[j][i]) != math.Float64bits(want64[j][i]) {
						t.Fatalf("n=%d, trial %d, line %d, pixel %d: float64 %v, want %v", n, trial, j, i, got64[j][i], want64[j][i])
					}
					if ok32 && math.Float32bits(got32[j][i]) != math.Float32bits(want32[j][i]) {
						t.Fatalf("n=%d, trial %d, line %d, pixel %d: float32 %v, want %v", n, trial, j, i, got32[j][i], want32[j][i])
					}
				}
			}
			if trial > 0 || n < 8 {
				continue
			}
			for i := range n + 2 {
				for k := range r64 {
					o64, o32 := r64[k][i], r32[k][i]
					r64[k][i], r32[k][i] = math.NaN(), float32(math.NaN())
					nan64, _ := Median3x3PairF64(got64[0], got64[1], r64[0], r64[1], r64[2], r64[3])
					nan32, _ := Median3x3PairF32(got32[0], got32[1], r32[0], r32[1], r32[2], r32[3])
					if !nan64 || n >= 16 && !nan32 {
						t.Fatalf("n=%d: a NaN in line %d, column %d: float64 reported %v, float32 %v", n, k, i, nan64, nan32)
					}
					r64[k][i], r32[k][i] = o64, o32
				}
			}
		}
	}
}

// BenchmarkMedian3x3Pair: two 2048-pixel lines in L1 by the pair kernel
// and by the one-line kernel twice (compute only).
func BenchmarkMedian3x3Pair(b *testing.B) {
	if !AVX512 || !AVX2 {
		b.Skip("no AVX-512 kernels run in this build or on this CPU")
	}
	var rows [4][]float32
	for k := range rows {
		rows[k] = make([]float32, 2048)
		for i := range rows[k] {
			rows[k][i] = float32((i*7 + k*5) % 11)
		}
	}
	outA, outB := make([]float32, 2046), make([]float32, 2046)
	b.Run("pair", func(b *testing.B) {
		b.SetBytes(2 * 4 * 2046)
		for b.Loop() {
			Median3x3PairF32(outA, outB, rows[0], rows[1], rows[2], rows[3])
		}
	})
	b.Run("single", func(b *testing.B) {
		b.SetBytes(2 * 4 * 2046)
		for b.Loop() {
			Median3x3F32(outA, rows[0], rows[1], rows[2])
			Median3x3F32(outB, rows[1], rows[2], rows[3])
		}
	})
}
