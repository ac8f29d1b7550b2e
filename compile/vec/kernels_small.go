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
