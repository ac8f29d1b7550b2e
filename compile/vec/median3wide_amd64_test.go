//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMedian3x3Wide: the AVX-512 3x3 median kernels (median3x3F32Wide,
// median3x3F64Wide) give the portable loop's medians bit for bit (both
// zeros, the infinities, ties among the values) and report a NaN in any
// column of the three lines, for every length from their threshold past
// a few vectors, where the unmasked pass stops at different places
// before the masked last vectors; those read no column past the lines
// (NaN there) and write no pixel past out; Median3x3F32 and F64 take
// them on a CPU with AVX-512.
func TestMedian3x3Wide(t *testing.T) {
	if !AVX512 || !AVX2 {
		t.Skip("no AVX-512 kernels run in this build or on this CPU")
	}
	r := rand.New(rand.NewPCG(31, 32))
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 2.5, math.Inf(1), math.Inf(-1), 3, 0.25}
	for n := 0; n < 120; n++ {
		for trial := range 6 {
			var r64 [3][]float64
			var r32 [3][]float32
			for k := range r64 {
				r64[k], r32[k] = make([]float64, n+2, n+40), make([]float32, n+2, n+40)
				for i := n + 2; i < n+40; i++ {
					r64[k][:n+40][i], r32[k][:n+40][i] = math.NaN(), float32(math.NaN())
				}
				for i := range r64[k] {
					r64[k][i] = vals[r.IntN(len(vals))]
					if trial%2 == 1 {
						r64[k][i] = r.NormFloat64()
					}
					r32[k][i] = float32(r64[k][i])
				}
			}
			got64, want64 := make([]float64, n, n+40), make([]float64, n)
			got32, want32 := make([]float32, n, n+40), make([]float32, n)
			nan64, ok64 := median3x3F64Wide(got64, r64[0], r64[1], r64[2])
			nan32, ok32 := median3x3F32Wide(got32, r32[0], r32[1], r32[2])
			if ok64 != (n >= 8) || ok32 != (n >= 16) {
				t.Fatalf("n=%d: the float64 kernel ran %v, the float32 one %v", n, ok64, ok32)
			}
			median3x3FloatGeneric(want64, r64[0], r64[1], r64[2])
			median3x3FloatGeneric(want32, r32[0], r32[1], r32[2])
			if nan64 || nan32 {
				t.Fatalf("n=%d: a NaN reported in lines with none", n)
			}
			for i := n; i < n+40; i++ {
				if got64[:n+40][i] != 0 || got32[:n+40][i] != 0 {
					t.Fatalf("n=%d: pixel %d past out written", n, i)
				}
			}
			for i := range n {
				if ok64 && math.Float64bits(got64[i]) != math.Float64bits(want64[i]) {
					t.Fatalf("n=%d, trial %d, pixel %d: float64 %v, want %v", n, trial, i, got64[i], want64[i])
				}
				if ok32 && math.Float32bits(got32[i]) != math.Float32bits(want32[i]) {
					t.Fatalf("n=%d, trial %d, pixel %d: float32 %v, want %v", n, trial, i, got32[i], want32[i])
				}
			}
			// the exported entry points take the wide kernels
			clear(got32)
			clear(got64)
			Median3x3F32(got32, r32[0], r32[1], r32[2])
			Median3x3F64(got64, r64[0], r64[1], r64[2])
			for i := range n {
				if math.Float64bits(got64[i]) != math.Float64bits(want64[i]) || math.Float32bits(got32[i]) != math.Float32bits(want32[i]) {
					t.Fatalf("n=%d, trial %d, pixel %d: Median3x3F64 %v, F32 %v, want %v, %v", n, trial, i, got64[i], got32[i], want64[i], want32[i])
				}
			}
			if trial > 0 || n < 8 {
				continue
			}
			for i := range n + 2 {
				for k := range r64 {
					o64, o32 := r64[k][i], r32[k][i]
					r64[k][i], r32[k][i] = math.NaN(), float32(math.NaN())
					nan64, _ := median3x3F64Wide(got64, r64[0], r64[1], r64[2])
					nan32, _ := median3x3F32Wide(got32, r32[0], r32[1], r32[2])
					if !nan64 || n >= 16 && !nan32 {
						t.Fatalf("n=%d: a NaN in row %d, column %d: float64 reported %v, float32 %v", n, k, i, nan64, nan32)
					}
					r64[k][i], r32[k][i] = o64, o32
				}
			}
		}
	}
}

// BenchmarkMedian3x3Line compares the AVX-512 and AVX2 kernels on one
// 2048-pixel line from lines in L1 (compute only).
func BenchmarkMedian3x3Line(b *testing.B) {
	var rows [3][]float32
	var r64 [3][]float64
	for k := range rows {
		rows[k], r64[k] = make([]float32, 2048), make([]float64, 2048)
		for i := range rows[k] {
			rows[k][i] = float32((i*7 + k*5) % 11)
			r64[k][i] = float64(rows[k][i])
		}
	}
	out, o64 := make([]float32, 2046), make([]float64, 2046)
	save := AVX512
	defer func() { AVX512 = save }()
	for _, wide := range []bool{false, true} {
		name := map[bool]string{false: "AVX2", true: "AVX512"}[wide]
		b.Run("F32/"+name, func(b *testing.B) {
			AVX512 = wide && save
			b.SetBytes(4 * 2046)
			for b.Loop() {
				Median3x3F32(out, rows[0], rows[1], rows[2])
			}
		})
		b.Run("F64/"+name, func(b *testing.B) {
			AVX512 = wide && save
			b.SetBytes(8 * 2046)
			for b.Loop() {
				Median3x3F64(o64, r64[0], r64[1], r64[2])
			}
		})
	}
}

// TestMedian3x3NoAVX512: on a CPU without AVX-512 the AVX2 kernels take
// every line again; the float 3x3 median tests rerun with AVX512 off,
// so that the AVX2 kernels stay checked on this machine too.
func TestMedian3x3NoAVX512(t *testing.T) {
	saved := AVX512
	defer func() { AVX512 = saved }()
	AVX512 = false
	TestMedian3x3Float(t)
	TestMedian3x3TailNaN(t)
	TestMedian3x3Head(t)
	outA, outB := make([]float32, 40), make([]float32, 40)
	row := make([]float32, 42)
	if _, ok := Median3x3PairF32(outA, outB, row, row, row, row); ok {
		t.Error("Median3x3PairF32 ran with AVX512 off")
	}
}
