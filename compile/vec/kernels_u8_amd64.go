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

// Median5x5SortedU8 sets out[i] to the median of the 5x5 window whose
// columns, sorted, are s[0..4][i..i+4] (s[r] holds rank r of each column
// of five lines; each at least len(out)+4 long) for the first n pixels,
// n = len(out)&^31 with AVX2 and 0 without, and returns n: the caller
// computes the rest. The kernel runs the 146 min/max of the selection
// network in registers, 32 pixels a step.
func Median5x5SortedU8(out []uint8, s [][]uint8) (n int) {
	n = len(out) &^ 31
	if !AVX2 || n == 0 {
		return 0
	}
	_ = s[4]
	m := n + 4
	median5x5SortedU8AVX2(out[:n], s[0][:m], s[1][:m], s[2][:m], s[3][:m], s[4][:m])
	return n
}

// Median7x7U8 sets out[i] to the median of the 7x7 window
// s[0..6][i..i+6] (seven lines of an image, each at least len(out)+6
// long). The kernel runs the 590 min/max of a selection network in
// registers (spilling to the stack), 32 pixels a step, and the last 32
// pixels again for the rest; lines shorter than 32, or no AVX2, take the
// portable count (slow: callers check AVX2).
func Median7x7U8(out []uint8, s [][]uint8) {
	L := len(out)
	_ = s[6]
	if !AVX2 || L < 32 {
		rankOfBoxGeneric(out, s, 7, 7, 24)
		return
	}
	n := L &^ 31
	median7x7U8AVX2(out[:n], s[0][:n+6], s[1][:n+6], s[2][:n+6], s[3][:n+6], s[4][:n+6], s[5][:n+6], s[6][:n+6])
	if n < L {
		o := L - 32 // overlapping what is done: the same values again
		median7x7U8AVX2(out[o:], s[0][o:L+6], s[1][o:L+6], s[2][o:L+6], s[3][o:L+6], s[4][o:L+6], s[5][o:L+6], s[6][o:L+6])
	}
}
