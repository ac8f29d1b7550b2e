//go:build !amd64 || purego

package vec

// ColSlideU8 sets col[i] to col[i] - out[i] + in[i] modulo 2^16, for i <
// len(col) (out and in at least that long).
func ColSlideU8(col []uint16, out, in []uint8) { colSlideU8Generic(col, out, in) }

// WinSumU16 sets acc[i] to col[i] + ... + col[i+width-1] modulo 2^16, for
// i < len(acc) (col at least len(acc)+width-1 long).
func WinSumU16(acc, col []uint16, width int) { winSumU16Generic(acc, col, width) }

// CastU16U8 sets out[i] to packU8(acc[i]*m>>16>>sh) (m at most 2^16;
// 2^16: packU8(acc[i])), packU8 saturating each word as an int16 to 0 ..
// 255, for i < len(out) (acc at least that long).
func CastU16U8(out []uint8, acc []uint16, m uint32, sh uint) { castU16U8Generic(out, acc, m, sh) }
