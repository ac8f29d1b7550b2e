//go:build !purego

package vec

// Median3x3U8 sets out[i] to the median of the 3x3 window a[i:i+3],
// b[i:i+3], c[i:i+3] (three lines of an image); a, b and c are at least
// len(out)+2 long. The AVX2 kernel takes 32 pixels a step.
func Median3x3U8(out, a, b, c []uint8) {
	n := len(out)
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	if m := n &^ 31; AVX2 && m > 0 {
		median3x3U8AVX2(out, a, b, c)
		out, a, b, c = out[m:], a[m:], b[m:], c[m:]
	}
	median3x3Generic(out, a, b, c)
}
