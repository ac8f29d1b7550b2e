package vec

import "math"

// The portable loops of the lane program's elementwise kernels.

func absGeneric(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = math.Abs(a[i])
	}
}

func negGeneric(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] = -a[i]
	}
}

func subAbsGeneric(d, a, b []float64) {
	a, b = a[:len(d)], b[:len(d)]
	for i := range d {
		d[i] = math.Abs(a[i] - b[i])
	}
}
