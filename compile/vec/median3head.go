package vec

// median3x3HeadGeneric is Median3x3HeadF32 and Median3x3HeadF64 in
// portable Go: the first lanes pixels from columns [0, lanes+2), the NaN
// test over the 2*lanes columns read.
func median3x3HeadGeneric[T float32 | float64](out, a, b, c []T, lanes int) (nan bool) {
	nan = median3x3FloatGeneric(out[:lanes], a[:lanes+2], b[:lanes+2], c[:lanes+2])
	for i := lanes + 2; i < 2*lanes; i++ {
		nan = nan || a[i] != a[i] || b[i] != b[i] || c[i] != c[i]
	}
	return nan
}
