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
// AVX2 for a width of 2 to 16, the rest by the portable loop (width adds
// a sum).
func WinSumU16(acc, col []uint16, width int) {
	n := len(acc)
	col = col[:n+width-1]
	k := 0
	if AVX2 && width >= 2 && width < len(winSumU16AVX2) {
		winSumU16AVX2[width](acc, col)
		k = n &^ 15
	}
	winSumU16Generic(acc[k:], col[k:], width)
}

// winSumU16AVX2 holds WinSumU16's kernels by width.
var winSumU16AVX2 = [...]func(acc, col []uint16){2: winSum2U16AVX2, 3: winSum3U16AVX2, 4: winSum4U16AVX2,
	5: winSum5U16AVX2, 6: winSum6U16AVX2, 7: winSum7U16AVX2, 8: winSum8U16AVX2, 9: winSum9U16AVX2,
	10: winSum10U16AVX2, 11: winSum11U16AVX2, 12: winSum12U16AVX2, 13: winSum13U16AVX2,
	14: winSum14U16AVX2, 15: winSum15U16AVX2, 16: winSum16U16AVX2}

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
