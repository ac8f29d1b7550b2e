//go:build !purego

package vec

// Min3x3U8 sets out[i] to the min of the 3x3 window a[i:i+3], b[i:i+3],
// c[i:i+3] (three lines of an image: grayscale erosion); a, b and c are
// at least len(out)+2 long, and out overlaps none of them. The AVX2 kernel takes 32 pixels a step.
func Min3x3U8(out, a, b, c []uint8) { box3x3U8(out, a, b, c, false) }

// Max3x3U8 is Min3x3U8 with max (grayscale dilation).
func Max3x3U8(out, a, b, c []uint8) { box3x3U8(out, a, b, c, true) }

func box3x3U8(out, a, b, c []uint8, isMax bool) {
	n := len(out)
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	if !AVX2 || n < 32 {
		box3x3Generic(out, a, b, c, isMax)
		return
	}
	k := max3x3U8AVX2
	if !isMax {
		k = min3x3U8AVX2
	}
	k(out, a, b, c)
	// the tail: the last 32 pixels again (out is not one of a, b, c, so
	// the pixels computed twice get the same value)
	if m := n &^ 31; m < n {
		k(out[n-32:], a[n-32:], b[n-32:], c[n-32:])
	}
}

// Median3x3DirectU8 is Median3x3U8 (the same values) for out overlapping
// none of a, b and c: each column sorted once per 32 pixels, and the last
// pixels by the kernel again over the last 32 rather than the portable
// loop.
func Median3x3DirectU8(out, a, b, c []uint8) {
	n := len(out)
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	if !AVX2 || n < 32 {
		median3x3Generic(out, a, b, c)
		return
	}
	i := median3x3U8CarryAVX2(out, a, b, c)
	if m := n &^ 31; i < m {
		median3x3U8AVX2(out[i:m], a[i:], b[i:], c[i:])
	}
	if m := n &^ 31; m < n {
		median3x3U8AVX2(out[n-32:], a[n-32:], b[n-32:], c[n-32:])
	}
}
