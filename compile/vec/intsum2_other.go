//go:build !amd64 || purego

package vec

// ColSlideU8 sets col[i] to col[i] - out[i] + in[i] modulo 2^16, for i <
// len(col) (out and in at least that long).
func ColSlideU8(col []uint16, out, in []uint8) { colSlideU8Generic(col, out, in) }

// WinSumU16 sets acc[i] to col[i] + ... + col[i+width-1] modulo 2^16, for
// i < len(acc) (col at least len(acc)+width-1 long).
func WinSumU16(acc, col []uint16, width int) { winSumU16Generic(acc, col, width) }
