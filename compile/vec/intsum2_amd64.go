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

// CastU16U8 sets out[i] to packU8(acc[i]*m>>16>>sh) (m at most 2^16;
// 2^16: packU8(acc[i])), packU8 saturating each word as an int16 to 0 ..
// 255, for i < len(out) (acc at least that long): 32 a step with AVX2,
// the rest by the portable loop.
func CastU16U8(out []uint8, acc []uint16, m uint32, sh uint) {
	n := len(out)
	acc = acc[:n]
	k := 0
	if AVX2 {
		if m == 1<<16 {
			packU16U8AVX2(out, acc)
		} else {
			castU16U8AVX2(out, acc, uint64(m), uint64(sh))
		}
		k = n &^ 31
	}
	castU16U8Generic(out[k:], acc[k:], m, sh)
}
