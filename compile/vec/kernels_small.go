package vec

// sort4Generic sets d0[i] <= d1[i] <= d2[i] <= d3[i] to s0[i], s1[i],
// s2[i] and s3[i] sorted (Batcher's five exchanges, as the kernel).
func sort4Generic(d0, d1, d2, d3, s0, s1, s2, s3 []uint8) {
	n := len(d0)
	d1, d2, d3, s0, s1, s2, s3 = d1[:n], d2[:n], d3[:n], s0[:n], s1[:n], s2[:n], s3[:n]
	for i := range d0 {
		a, b, c, d := s0[i], s1[i], s2[i], s3[i]
		a, b = min(a, b), max(a, b)
		c, d = min(c, d), max(c, d)
		a, c = min(a, c), max(a, c)
		b, d = min(b, d), max(b, d)
		b, c = min(b, c), max(b, c)
		d0[i], d1[i], d2[i], d3[i] = a, b, c, d
	}
}

// median5x5PairGeneric sets outA[i] to the median of the 5x5 window of
// rows xa, s[0..3] and outB[i] to that of s[0..3], xb, at columns
// i..i+4, by counting: the portable twin of the pair kernel (which needs
// the columns of s sorted; this does not).
func median5x5PairGeneric(outA, outB []uint8, s [][]uint8, xa, xb []uint8) {
	rankOfBoxGeneric(outA, [][]uint8{xa, s[0], s[1], s[2], s[3]}, 5, 5, 12)
	rankOfBoxGeneric(outB, [][]uint8{s[0], s[1], s[2], s[3], xb}, 5, 5, 12)
}

// colsort3NaNGeneric is colsort3Generic that also reports whether a, b or
// c held a NaN.
func colsort3NaNGeneric(lo, md, hi, a, b, c []float64) bool {
	n := len(lo)
	a, b, c = a[:n], b[:n], c[:n]
	nan := false
	for i := range lo {
		nan = nan || a[i] != a[i] || b[i] != b[i] || c[i] != c[i]
	}
	colsort3Generic(lo, md, hi, a, b, c)
	return nan
}

// median3x3FloatGeneric sets out[i] to the median of the 3x3 window
// a[i:i+3], b[i:i+3], c[i:i+3] (a, b and c at least len(out)+2 long):
// each column sorted, med3(max of the lows, med3 of the middles, min of
// the highs), + 0 so that a zero is +0; it reports whether the columns
// held a NaN (then out is meaningless).
func median3x3FloatGeneric[T float32 | float64](out, a, b, c []T) (nan bool) {
	n := len(out)
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	for i := range a {
		nan = nan || a[i] != a[i] || b[i] != b[i] || c[i] != c[i]
	}
	var lo, md, hi [3]T
	for i := range out {
		for k := 0; k < 3; k++ {
			x, y, z := a[i+k], b[i+k], c[i+k]
			t1, t2 := min(x, y), max(x, y)
			t3 := max(t1, z)
			lo[k], md[k], hi[k] = min(t1, z), min(t2, t3), max(t2, t3)
		}
		l := max(lo[0], lo[1], lo[2])
		h := min(hi[0], hi[1], hi[2])
		m := max(min(md[0], md[1]), min(max(md[0], md[1]), md[2]))
		out[i] = max(min(l, m), min(max(l, m), h)) + 0
	}
	return nan
}
