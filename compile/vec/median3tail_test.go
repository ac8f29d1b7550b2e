package vec

import (
	"math"
	"testing"
)

// TestMedian3x3TailNaN: a NaN in any column of a line's last vectors,
// which the kernel takes from padded copies, is reported, and the pixels
// there are the portable loop's, for every length the kernel's stop can
// leave a different remainder at.
func TestMedian3x3TailNaN(t *testing.T) {
	for n := 8; n < 60; n++ {
		var rows [3][]float64
		for k := range rows {
			rows[k] = make([]float64, n+2)
			for i := range rows[k] {
				rows[k][i] = float64((i*7+k*5)%11) - 5
			}
		}
		var r32 [3][]float32
		for k := range rows {
			r32[k] = make([]float32, n+2)
			for i, x := range rows[k] {
				r32[k][i] = float32(x)
			}
		}
		got64, want64 := make([]float64, n), make([]float64, n)
		got32, want32 := make([]float32, n), make([]float32, n)
		if Median3x3F64(got64, rows[0], rows[1], rows[2]) || Median3x3F32(got32, r32[0], r32[1], r32[2]) {
			t.Fatalf("n=%d: a NaN reported in a line with none", n)
		}
		median3x3FloatGeneric(want64, rows[0], rows[1], rows[2])
		median3x3FloatGeneric(want32, r32[0], r32[1], r32[2])
		for i := range want64 {
			if math.Float64bits(got64[i]) != math.Float64bits(want64[i]) || math.Float32bits(got32[i]) != math.Float32bits(want32[i]) {
				t.Fatalf("n=%d, pixel %d: %v and %v, want %v and %v", n, i, got64[i], got32[i], want64[i], want32[i])
			}
		}
		for i := range n + 2 {
			for k := range rows {
				old := rows[k][i]
				rows[k][i], r32[k][i] = math.NaN(), float32(math.NaN())
				if !Median3x3F64(got64, rows[0], rows[1], rows[2]) || !Median3x3F32(got32, r32[0], r32[1], r32[2]) {
					t.Fatalf("n=%d: a NaN in row %d, column %d not reported", n, k, i)
				}
				rows[k][i], r32[k][i] = old, float32(old)
			}
		}
	}
}

// TestMedian3x3Head: the one-vector kernels give the portable loop's
// medians bit for bit (-0, inf included) and see a NaN in any of the
// columns they read.
func TestMedian3x3Head(t *testing.T) {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 2.5, math.Inf(1), math.Inf(-1), 3}
	for trial := range 300 {
		var r64 [3][]float64
		var r32 [3][]float32
		for k := range r64 {
			r64[k], r32[k] = make([]float64, 16), make([]float32, 16)
			for i := range r64[k] {
				r64[k][i] = vals[(trial*13+k*7+i*i*3+i)%len(vals)]
				r32[k][i] = float32(r64[k][i])
			}
		}
		got64, want64 := make([]float64, 4), make([]float64, 4)
		got32, want32 := make([]float32, 8), make([]float32, 8)
		n64, n32 := Median3x3HeadF64(got64, r64[0], r64[1], r64[2]), Median3x3HeadF32(got32, r32[0], r32[1], r32[2])
		median3x3HeadGeneric(want64, r64[0], r64[1], r64[2], 4)
		median3x3HeadGeneric(want32, r32[0], r32[1], r32[2], 8)
		if n64 || n32 {
			t.Fatalf("trial %d: a NaN reported with none", trial)
		}
		for i := range want32 {
			if i < 4 && math.Float64bits(got64[i]) != math.Float64bits(want64[i]) || math.Float32bits(got32[i]) != math.Float32bits(want32[i]) {
				t.Fatalf("trial %d, pixel %d: float64 %v (want %v), float32 %v (want %v)", trial, i, got64[min(i, 3)], want64[min(i, 3)], got32[i], want32[i])
			}
		}
		k, i := trial%3, trial%16
		r64[k][i], r32[k][i] = math.NaN(), float32(math.NaN())
		if i < 8 && !Median3x3HeadF64(got64, r64[0], r64[1], r64[2]) || !Median3x3HeadF32(got32, r32[0], r32[1], r32[2]) {
			t.Fatalf("trial %d: a NaN in row %d, column %d not reported", trial, k, i)
		}
		if i < 8 && !median3x3HeadGeneric(want64, r64[0], r64[1], r64[2], 4) || !median3x3HeadGeneric(want32, r32[0], r32[1], r32[2], 8) {
			t.Fatalf("trial %d: the portable loop missed a NaN in row %d, column %d", trial, k, i)
		}
	}
}
