//go:build !amd64 || purego

package vec

// Min3x3U8 sets out[i] to the min of the 3x3 window a[i:i+3], b[i:i+3],
// c[i:i+3] (three lines of an image: grayscale erosion); a, b and c are
// at least len(out)+2 long.
func Min3x3U8(out, a, b, c []uint8) { box3x3Generic(out, a, b, c, false) }

// Max3x3U8 is Min3x3U8 with max (grayscale dilation).
func Max3x3U8(out, a, b, c []uint8) { box3x3Generic(out, a, b, c, true) }

// Median3x3DirectU8 is Median3x3U8 for out overlapping none of a, b and c.
func Median3x3DirectU8(out, a, b, c []uint8) { median3x3Generic(out, a, b, c) }
