//go:build !amd64 || purego

package vec

// Median3x3U8 sets out[i] to the median of the 3x3 window a[i:i+3],
// b[i:i+3], c[i:i+3] (three lines of an image); a, b and c are at least
// len(out)+2 long.
func Median3x3U8(out, a, b, c []uint8) { median3x3Generic(out, a, b, c) }

// Median5x5SortedU8 computes nothing without the AVX2 kernel: it returns
// 0 and the caller computes every pixel.
func Median5x5SortedU8(out []uint8, s [][]uint8) (n int) { return 0 }

// Median7x7U8 sets out[i] to the median of the 7x7 window
// s[0..6][i..i+6] by counting (slow: callers check AVX2).
func Median7x7U8(out []uint8, s [][]uint8) { rankOfBoxGeneric(out, s, 7, 7, 24) }
