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
