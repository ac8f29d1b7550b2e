//go:build !purego

package vec

// median3x3F32Wide is Median3x3F32 by the AVX-512 kernel, 16 pixels a
// step, when AVX512 is set and the line has at least 32 pixels (ok
// false: the caller runs the AVX2 kernel). The 3x3 median is compute
// bound (its lines stay in cache), so the ZMM kernel's half as many
// instructions a pixel pay, unlike the lane program's networks (cpu.go).
func median3x3F32Wide(out, a, b, c []float32) (nan, ok bool) {
	const v = 16
	n := len(out)
	if !AVX512 || !AVX2 || n < 2*v {
		return false, false
	}
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	i, nan := median3x3F32CarryAVX512(out, a, b, c)
	if i < n {
		// the kernel loads a vector past the one it computes: the last
		// two vectors' pixels (some again) from copies padded with zeros
		// (no NaN)
		var t [3][3*v + 2]float32
		var o [3 * v]float32
		s := n - 2*v
		copy(t[0][:], a[s:])
		copy(t[1][:], b[s:])
		copy(t[2][:], c[s:])
		_, tn := median3x3F32CarryAVX512(o[:], t[0][:], t[1][:], t[2][:])
		copy(out[s:], o[:2*v])
		nan = nan || tn
	}
	return nan, true
}

// median3x3F64Wide is median3x3F32Wide on float64, 8 pixels a step, for
// lines of at least 16.
func median3x3F64Wide(out, a, b, c []float64) (nan, ok bool) {
	const v = 8
	n := len(out)
	if !AVX512 || !AVX2 || n < 2*v {
		return false, false
	}
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	i, nan := median3x3F64CarryAVX512(out, a, b, c)
	if i < n {
		var t [3][3*v + 2]float64
		var o [3 * v]float64
		s := n - 2*v
		copy(t[0][:], a[s:])
		copy(t[1][:], b[s:])
		copy(t[2][:], c[s:])
		_, tn := median3x3F64CarryAVX512(o[:], t[0][:], t[1][:], t[2][:])
		copy(out[s:], o[:2*v])
		nan = nan || tn
	}
	return nan, true
}
