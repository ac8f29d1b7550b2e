//go:build !purego

package vec

// Sort4U8 sets d0[i] <= d1[i] <= d2[i] <= d3[i] to s0[i], s1[i], s2[i]
// and s3[i] sorted, for i < len(d0) (every slice at least that long; no
// d overlapping an s at another index). The AVX2 kernel takes 32 columns
// a step, the last ones by the kernel again over the last 32.
func Sort4U8(d0, d1, d2, d3, s0, s1, s2, s3 []uint8) {
	n := len(d0)
	d1, d2, d3, s0, s1, s2, s3 = d1[:n], d2[:n], d3[:n], s0[:n], s1[:n], s2[:n], s3[:n]
	if !AVX2 || n < 32 {
		sort4Generic(d0, d1, d2, d3, s0, s1, s2, s3)
		return
	}
	sort4U8AVX2(d0, d1, d2, d3, s0, s1, s2, s3)
	if n&31 != 0 {
		o := n - 32
		sort4U8AVX2(d0[o:], d1[o:], d2[o:], d3[o:], s0[o:], s1[o:], s2[o:], s3[o:])
	}
}

// Median5x5PairU8 sets outA[i] to the median of the 5x5 window of rows
// xa, s[0..3] and outB[i] to that of rows s[0..3], xb (two vertically
// neighbouring windows), at columns i..i+4, for i < len(outA) ==
// len(outB); s holds the four shared rows' columns sorted (s[r]: rank r),
// each of s, xa and xb at least len(outA)+4 long, outA and outB
// overlapping none of them. The kernel takes 32 pixels of both lines a
// step: the shared rows' ranks 7 to 12 once, then rank 5 of those six
// and each window's own row (182 min/max for two pixels where one window
// alone takes 146), and the last pixels by the kernel again over the last
// 32. Lines shorter than 32, or no AVX2, take the portable count (slow:
// callers check AVX2).
func Median5x5PairU8(outA, outB []uint8, s [][]uint8, xa, xb []uint8) {
	n := len(outA)
	_ = s[3]
	outB, xa, xb = outB[:n], xa[:n+4], xb[:n+4]
	if !AVX2 || n < 32 {
		median5x5PairGeneric(outA, outB, s, xa, xb)
		return
	}
	m := n + 4
	median5x5PairU8AVX2(outA, outB, s[0][:m], s[1][:m], s[2][:m], s[3][:m], xa, xb)
	if n&31 != 0 {
		o := n - 32
		median5x5PairU8AVX2(outA[o:], outB[o:], s[0][o:m], s[1][o:m], s[2][o:m], s[3][o:m], xa[o:], xb[o:])
	}
}

// Colsort3NaN sorts each column (a[i], b[i], c[i]) into lo, md, hi, four
// columns a vector instruction, and reports whether a, b or c held a NaN
// (then lo, md, hi are meaningless): Colsort3 with the NaN test in the
// same pass. The sign of equal zeros is arbitrary.
func Colsort3NaN(lo, md, hi, a, b, c []float64) bool {
	md, hi, a, b, c = md[:len(lo)], hi[:len(lo)], a[:len(lo)], b[:len(lo)], c[:len(lo)]
	nan := false
	if n := len(lo) &^ 3; AVX2 && n > 0 {
		nan = colsort3NaNAVX2(lo, md, hi, a, b, c)
		lo, md, hi, a, b, c = lo[n:], md[n:], hi[n:], a[n:], b[n:], c[n:]
	}
	return colsort3NaNGeneric(lo, md, hi, a, b, c) || nan
}

// Median3x3F32 sets out[i] to the median of the 3x3 window a[i:i+3],
// b[i:i+3], c[i:i+3] (a, b and c at least len(out)+2 long, out
// overlapping none of them), never -0, and reports whether the columns
// held a NaN (then out is meaningless). The AVX2 kernel takes 8 pixels a
// step in one pass, each column sorted once (the NaN test with it), the
// last two vectors from copies of their columns; lines shorter than 16 the
// portable loop. With AVX-512, lines of 16 or more take its kernel, 16
// pixels a step (median3x3F32Wide).
func Median3x3F32(out, a, b, c []float32) (nan bool) {
	if nan, ok := median3x3F32Wide(out, a, b, c); ok {
		return nan
	}
	n := len(out)
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	i := 0
	if AVX2 && n >= 16 {
		i, nan = median3x3F32CarryAVX2(out, a, b, c)
		if i < n {
			// the kernel loads a vector past the one it computes: the
			// last two vectors' pixels (some again) from copies padded
			// with zeros (no NaN)
			const v = 8
			var t [3][3*v + 2]float32
			var o [3 * v]float32
			s := n - 2*v
			copy(t[0][:], a[s:])
			copy(t[1][:], b[s:])
			copy(t[2][:], c[s:])
			_, tn := median3x3F32CarryAVX2(o[:], t[0][:], t[1][:], t[2][:])
			copy(out[s:], o[:2*v])
			return nan || tn
		}
	}
	return median3x3FloatGeneric(out[i:], a[i:], b[i:], c[i:]) || nan
}

// Median3x3F64 is Median3x3F32 on float64, 4 pixels a step.
func Median3x3F64(out, a, b, c []float64) (nan bool) {
	if nan, ok := median3x3F64Wide(out, a, b, c); ok {
		return nan
	}
	n := len(out)
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	i := 0
	if AVX2 && n >= 8 {
		i, nan = median3x3F64CarryAVX2(out, a, b, c)
		if i < n {
			// the kernel loads a vector past the one it computes: the
			// last two vectors' pixels (some again) from copies padded
			// with zeros (no NaN)
			const v = 4
			var t [3][3*v + 2]float64
			var o [3 * v]float64
			s := n - 2*v
			copy(t[0][:], a[s:])
			copy(t[1][:], b[s:])
			copy(t[2][:], c[s:])
			_, tn := median3x3F64CarryAVX2(o[:], t[0][:], t[1][:], t[2][:])
			copy(out[s:], o[:2*v])
			return nan || tn
		}
	}
	return median3x3FloatGeneric(out[i:], a[i:], b[i:], c[i:]) || nan
}
