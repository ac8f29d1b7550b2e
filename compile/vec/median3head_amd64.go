//go:build !purego

package vec

// Median3x3HeadF32 sets out[:8] to the medians of the 3x3 windows
// a[i:i+3], b[i:i+3], c[i:i+3] for i < 8 (a, b and c at least 16 long,
// every column of them read; out overlapping none), never -0, and
// reports whether the 16 columns held a NaN (then out is meaningless):
// Median3x3F32's one vector step, for a line of a few pixels gathered in
// a buffer.
func Median3x3HeadF32(out, a, b, c []float32) (nan bool) {
	if !AVX2 {
		return median3x3HeadGeneric(out, a, b, c, 8)
	}
	var o [14]float32 // the kernel takes a vector where the next one can be loaded
	_, nan = median3x3F32CarryAVX2(o[:], a[:16], b[:16], c[:16])
	copy(out[:8], o[:8])
	return nan
}

// Median3x3HeadF64 is Median3x3HeadF32 on float64: out[:4] from a, b and
// c at least 8 long.
func Median3x3HeadF64(out, a, b, c []float64) (nan bool) {
	if !AVX2 {
		return median3x3HeadGeneric(out, a, b, c, 4)
	}
	var o [6]float64
	_, nan = median3x3F64CarryAVX2(o[:], a[:8], b[:8], c[:8])
	copy(out[:4], o[:4])
	return nan
}
