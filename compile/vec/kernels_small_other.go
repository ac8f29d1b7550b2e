//go:build !amd64 || purego

package vec

// Sort4U8 sets d0[i] <= d1[i] <= d2[i] <= d3[i] to s0[i], s1[i], s2[i]
// and s3[i] sorted, for i < len(d0).
func Sort4U8(d0, d1, d2, d3, s0, s1, s2, s3 []uint8) { sort4Generic(d0, d1, d2, d3, s0, s1, s2, s3) }

// Median5x5PairU8 sets outA[i] and outB[i] to the medians of the 5x5
// windows of rows xa, s[0..3] and s[0..3], xb by counting (slow: callers
// check AVX2).
func Median5x5PairU8(outA, outB []uint8, s [][]uint8, xa, xb []uint8) {
	n := len(outA)
	median5x5PairGeneric(outA, outB[:n], s, xa[:n+4], xb[:n+4])
}

// Colsort3NaN sorts each column (a[i], b[i], c[i]) into lo, md, hi and
// reports whether a, b or c held a NaN.
func Colsort3NaN(lo, md, hi, a, b, c []float64) bool { return colsort3NaNGeneric(lo, md, hi, a, b, c) }

// Median3x3F32 sets out[i] to the median of the 3x3 window a[i:i+3],
// b[i:i+3], c[i:i+3], never -0, and reports whether the columns held a
// NaN.
func Median3x3F32(out, a, b, c []float32) bool { return median3x3FloatGeneric(out, a, b, c) }

// Median3x3F64 is Median3x3F32 on float64.
func Median3x3F64(out, a, b, c []float64) bool { return median3x3FloatGeneric(out, a, b, c) }
