//go:build !purego

package vec

// The Overlap forms of MinU8, MaxU8, ...: the last len(a)%per elements
// by the vector kernel again over the last per elements, overlapping the
// previous vectors, rather than by the portable loop (a 15x15 box's eight
// passes a line each left up to per-1 elements to it). min and max give
// the same element again, also when a is x or y; a must not overlap x or
// y at another offset.

// overlap runs kernel over a in vectors of per elements, the last one
// again over a's last per elements; portable where the kernels do not run
// or a is shorter than a vector.
func overlap[T Integer](kernel, portable func(a, x, y []T), per int, a, x, y []T) {
	n := len(a)
	x, y = x[:n], y[:n]
	if !AVX2 || n < per {
		portable(a, x, y)
		return
	}
	kernel(a, x, y)
	if n%per != 0 {
		kernel(a[n-per:], x[n-per:], y[n-per:])
	}
}

// MinU8Overlap is MinU8, a must not overlap x or y at another offset.
func MinU8Overlap(a, x, y []uint8) {
	overlap(minU8AVX2, minIntsGeneric[uint8], 32, a, x, y)
}

// MinI8Overlap is MinI8, a must not overlap x or y at another offset.
func MinI8Overlap(a, x, y []int8) {
	overlap(minI8AVX2, minIntsGeneric[int8], 32, a, x, y)
}

// MinU16Overlap is MinU16, a must not overlap x or y at another offset.
func MinU16Overlap(a, x, y []uint16) {
	overlap(minU16AVX2, minIntsGeneric[uint16], 16, a, x, y)
}

// MinI16Overlap is MinI16, a must not overlap x or y at another offset.
func MinI16Overlap(a, x, y []int16) {
	overlap(minI16AVX2, minIntsGeneric[int16], 16, a, x, y)
}

// MaxU8Overlap is MaxU8, a must not overlap x or y at another offset.
func MaxU8Overlap(a, x, y []uint8) {
	overlap(maxU8AVX2, maxIntsGeneric[uint8], 32, a, x, y)
}

// MaxI8Overlap is MaxI8, a must not overlap x or y at another offset.
func MaxI8Overlap(a, x, y []int8) {
	overlap(maxI8AVX2, maxIntsGeneric[int8], 32, a, x, y)
}

// MaxU16Overlap is MaxU16, a must not overlap x or y at another offset.
func MaxU16Overlap(a, x, y []uint16) {
	overlap(maxU16AVX2, maxIntsGeneric[uint16], 16, a, x, y)
}

// MaxI16Overlap is MaxI16, a must not overlap x or y at another offset.
func MaxI16Overlap(a, x, y []int16) {
	overlap(maxI16AVX2, maxIntsGeneric[int16], 16, a, x, y)
}
