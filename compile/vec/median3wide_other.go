//go:build !amd64 || purego

package vec

// Median3x3PairF32 sets outA to the 3x3 medians of rows a, b, c and outB
// to those of b, c, d in one pass where an AVX-512 kernel runs; here none
// does: ok is false, nothing written, and the caller takes Median3x3F32
// twice.
func Median3x3PairF32(outA, outB, a, b, c, d []float32) (nan, ok bool) { return false, false }

// Median3x3PairF64 is Median3x3PairF32 on float64.
func Median3x3PairF64(outA, outB, a, b, c, d []float64) (nan, ok bool) { return false, false }
