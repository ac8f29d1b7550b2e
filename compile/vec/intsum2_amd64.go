//go:build !purego

package vec

// ColSlideU8 sets col[i] to col[i] - out[i] + in[i] modulo 2^16, for i <
// len(col) (out and in at least that long): the bytes widened to 16-bit
// lanes, 16 a step with AVX2, the rest by the portable loop.
func ColSlideU8(col []uint16, out, in []uint8) {
	n := len(col)
	out, in = out[:n], in[:n]
	k := 0
	if AVX2 {
		colSlideU8AVX2(col, out, in)
		k = n &^ 15
	}
	colSlideU8Generic(col[k:], out[k:], in[k:])
}

// WinSumU16 sets acc[i] to col[i] + ... + col[i+width-1] modulo 2^16, for
// i < len(acc) (col at least len(acc)+width-1 long): 16 sums a step with
// AVX2 for a width of 3, 5 or 7, the rest by the portable loop (width
// adds a sum).
func WinSumU16(acc, col []uint16, width int) {
	n := len(acc)
	col = col[:n+width-1]
	k := 0
	if AVX2 {
		switch width {
		case 3:
			winSum3U16AVX2(acc, col)
			k = n &^ 15
		case 5:
			winSum5U16AVX2(acc, col)
			k = n &^ 15
		case 7:
			winSum7U16AVX2(acc, col)
			k = n &^ 15
		}
	}
	winSumU16Generic(acc[k:], col[k:], width)
}
