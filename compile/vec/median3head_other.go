//go:build !amd64 || purego

package vec

// Median3x3HeadF32 sets out[:8] to the medians of the 3x3 windows
// a[i:i+3], b[i:i+3], c[i:i+3] for i < 8 (a, b and c at least 16 long,
// every column of them read; out overlapping none), never -0, and
// reports whether the 16 columns held a NaN (then out is meaningless).
func Median3x3HeadF32(out, a, b, c []float32) bool { return median3x3HeadGeneric(out, a, b, c, 8) }

// Median3x3HeadF64 is Median3x3HeadF32 on float64: out[:4] from a, b and
// c at least 8 long.
func Median3x3HeadF64(out, a, b, c []float64) bool { return median3x3HeadGeneric(out, a, b, c, 4) }
