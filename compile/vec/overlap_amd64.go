//go:build !purego

package vec

// The Overlap forms of MinU8, MaxU8, ...: the last len(a)%per elements
// by the vector kernel again over the last per elements, overlapping the
// previous vectors, rather than by the portable loop (a 15x15 box's eight
// passes a line each left up to per-1 elements to it). min and max give
// the same element again, also when a is x or y; a must not overlap x or
// y at another offset.

// MinU8Overlap is MinU8, a must not overlap x or y at another offset.
func MinU8Overlap(a, x, y []uint8) {
	n := len(a)
	x, y = x[:n], y[:n]
	if !AVX2 || n < 32 {
		minIntsGeneric(a, x, y)
		return
	}
	minU8AVX2(a, x, y)
	if n%32 != 0 {
		minU8AVX2(a[n-32:], x[n-32:], y[n-32:])
	}
}

// MinI8Overlap is MinI8, a must not overlap x or y at another offset.
func MinI8Overlap(a, x, y []int8) {
	n := len(a)
	x, y = x[:n], y[:n]
	if !AVX2 || n < 32 {
		minIntsGeneric(a, x, y)
		return
	}
	minI8AVX2(a, x, y)
	if n%32 != 0 {
		minI8AVX2(a[n-32:], x[n-32:], y[n-32:])
	}
}

// MinU16Overlap is MinU16, a must not overlap x or y at another offset.
func MinU16Overlap(a, x, y []uint16) {
	n := len(a)
	x, y = x[:n], y[:n]
	if !AVX2 || n < 16 {
		minIntsGeneric(a, x, y)
		return
	}
	minU16AVX2(a, x, y)
	if n%16 != 0 {
		minU16AVX2(a[n-16:], x[n-16:], y[n-16:])
	}
}

// MinI16Overlap is MinI16, a must not overlap x or y at another offset.
func MinI16Overlap(a, x, y []int16) {
	n := len(a)
	x, y = x[:n], y[:n]
	if !AVX2 || n < 16 {
		minIntsGeneric(a, x, y)
		return
	}
	minI16AVX2(a, x, y)
	if n%16 != 0 {
		minI16AVX2(a[n-16:], x[n-16:], y[n-16:])
	}
}

// MaxU8Overlap is MaxU8, a must not overlap x or y at another offset.
func MaxU8Overlap(a, x, y []uint8) {
	n := len(a)
	x, y = x[:n], y[:n]
	if !AVX2 || n < 32 {
		maxIntsGeneric(a, x, y)
		return
	}
	maxU8AVX2(a, x, y)
	if n%32 != 0 {
		maxU8AVX2(a[n-32:], x[n-32:], y[n-32:])
	}
}

// MaxI8Overlap is MaxI8, a must not overlap x or y at another offset.
func MaxI8Overlap(a, x, y []int8) {
	n := len(a)
	x, y = x[:n], y[:n]
	if !AVX2 || n < 32 {
		maxIntsGeneric(a, x, y)
		return
	}
	maxI8AVX2(a, x, y)
	if n%32 != 0 {
		maxI8AVX2(a[n-32:], x[n-32:], y[n-32:])
	}
}

// MaxU16Overlap is MaxU16, a must not overlap x or y at another offset.
func MaxU16Overlap(a, x, y []uint16) {
	n := len(a)
	x, y = x[:n], y[:n]
	if !AVX2 || n < 16 {
		maxIntsGeneric(a, x, y)
		return
	}
	maxU16AVX2(a, x, y)
	if n%16 != 0 {
		maxU16AVX2(a[n-16:], x[n-16:], y[n-16:])
	}
}

// MaxI16Overlap is MaxI16, a must not overlap x or y at another offset.
func MaxI16Overlap(a, x, y []int16) {
	n := len(a)
	x, y = x[:n], y[:n]
	if !AVX2 || n < 16 {
		maxIntsGeneric(a, x, y)
		return
	}
	maxI16AVX2(a, x, y)
	if n%16 != 0 {
		maxI16AVX2(a[n-16:], x[n-16:], y[n-16:])
	}
}
