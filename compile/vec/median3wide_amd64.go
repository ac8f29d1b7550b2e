//go:build !purego

package vec

// median3x3F32Wide is Median3x3F32 by the AVX-512 kernel, 16 pixels a
// step and the last ones masked, when AVX512 is set and the line has at
// least 16 pixels (ok false: the caller runs the AVX2 kernel). The 3x3
// median is compute bound (its lines stay in cache), so the ZMM kernel's
// half as many instructions a pixel pay, unlike the lane program's
// networks (cpu.go).
func median3x3F32Wide(out, a, b, c []float32) (nan, ok bool) {
	n := len(out)
	if !AVX512 || !AVX2 || n < 16 {
		return false, false
	}
	return median3x3F32AVX512(out, a[:n+2], b[:n+2], c[:n+2]), true
}

// median3x3F64Wide is median3x3F32Wide on float64, 8 pixels a step, for
// lines of at least 8.
func median3x3F64Wide(out, a, b, c []float64) (nan, ok bool) {
	n := len(out)
	if !AVX512 || !AVX2 || n < 8 {
		return false, false
	}
	return median3x3F64AVX512(out, a[:n+2], b[:n+2], c[:n+2]), true
}

// Median3x3PairF32 sets outA to the 3x3 medians of rows a, b, c and outB
// to those of b, c, d (two vertically neighbouring lines) in one pass, as
// Median3x3F32 each (a, b, c, d at least len(outA)+2 long, outB as long
// as outA, no out overlapping any of them), and reports whether the four
// lines' columns held a NaN (then outA and outB are meaningless). The
// AVX-512 kernel sorts the shared rows' columns once (two min/max), each
// line's own row finishing them (four, where a column sort is six); ok is
// false, and nothing written, where it does not run (no AVX-512, lines
// shorter than 16): the caller takes Median3x3F32 twice.
func Median3x3PairF32(outA, outB, a, b, c, d []float32) (nan, ok bool) {
	n := len(outA)
	if !AVX512 || !AVX2 || n < 16 {
		return false, false
	}
	return median3x3PairF32AVX512(outA, outB[:n], a[:n+2], b[:n+2], c[:n+2], d[:n+2]), true
}

// Median3x3PairF64 is Median3x3PairF32 on float64, for lines of at least
// 8.
func Median3x3PairF64(outA, outB, a, b, c, d []float64) (nan, ok bool) {
	n := len(outA)
	if !AVX512 || !AVX2 || n < 8 {
		return false, false
	}
	return median3x3PairF64AVX512(outA, outB[:n], a[:n+2], b[:n+2], c[:n+2], d[:n+2]), true
}
