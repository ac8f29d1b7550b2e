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
