package vec

import "math"

// The portable loops of the lane program's comparison, logic and selection
// kernels: the specification of the AVX2 ones. A truth value is the
// float64 1 or 0; comparisons are Go's (false on NaN but for !=); a
// NaN operand of and, or and not is non-zero, so true.

func ltGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] < b[i])
	}
}

func leGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] <= b[i])
	}
}

func gtGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] > b[i])
	}
}

func geGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] >= b[i])
	}
}

func eqGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] == b[i])
	}
}

func neGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] != b[i])
	}
}

func andGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] != 0 && b[i] != 0)
	}
}

func orGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] != 0 || b[i] != 0)
	}
}

func notGeneric(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] == 0)
	}
}

func isNaNGeneric(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = b2f(a[i] != a[i])
	}
}

func floorGeneric(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = math.Floor(a[i])
	}
}

func ceilGeneric(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = math.Ceil(a[i])
	}
}

func roundGeneric(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = math.RoundToEven(a[i])
	}
}

func countAddGeneric(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] += b2f(a[i] != 0)
	}
}

func selectGeneric(d, a, b, c []float64) {
	a, b, c = a[:len(d)], b[:len(d)], c[:len(d)]
	for i := range d {
		m := -uint64(b2i(a[i] != 0))
		d[i] = math.Float64frombits(math.Float64bits(b[i])&m | math.Float64bits(c[i])&^m)
	}
}

// minimumGeneric and maximumGeneric are np.minimum and np.maximum: NaN in
// a propagates, and b is the answer otherwise when the comparison fails.
func minimumGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		x, y := a[i], b[i]
		if x < y || x != x {
			y = x
		}
		d[i] = y
	}
}

func maximumGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		x, y := a[i], b[i]
		if x > y || x != x {
			y = x
		}
		d[i] = y
	}
}

// clipGeneric is np.clip: NaN in a propagates, NaN bounds are ignored.
func clipGeneric(d, a, lo, hi []float64) {
	a, lo, hi = a[:len(d)], lo[:len(d)], hi[:len(d)]
	for i := range d {
		x := a[i]
		if x < lo[i] {
			x = lo[i]
		}
		if x > hi[i] {
			x = hi[i]
		}
		d[i] = x
	}
}

// b2f is 1 for true, 0 for false, through an int, which the compiler
// turns into SETcc rather than a branch (comparisons on noisy pixels are
// unpredictable).
func b2f(b bool) float64 { return float64(b2i(b)) }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sumLensGeneric sets d[i] to the pairwise sum of src[k][i] for k <
// lens[i] (compile's pairwiseSum, numpy's order), pixel by pixel.
func sumLensGeneric(d []float64, src [][]float64, lens []float64) { sumLensFrom(d, src, lens, 0) }

// sumLensFrom is sumLensGeneric from pixel i0 on.
func sumLensFrom(d []float64, src [][]float64, lens []float64, i0 int) {
	var buf [128]float64
	for i := i0; i < len(d); i++ {
		n := int(lens[i])
		for k := range n {
			buf[k] = src[k][i]
		}
		d[i] = pairwise128(buf[:n])
	}
}

// pairwise128 is numpy's pairwise sum of at most 128 values.
func pairwise128(a []float64) float64 {
	n := len(a)
	if n < 8 {
		res := 0.0
		for _, x := range a {
			res += x
		}
		return res
	}
	var r [8]float64
	copy(r[:], a[:8])
	i := 8
	for ; i < n-n%8; i += 8 {
		for j := range r {
			r[j] += a[i+j]
		}
	}
	res := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
	for ; i < n; i++ {
		res += a[i]
	}
	return res
}
