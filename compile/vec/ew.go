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

func addAbsDevGeneric(d, a, mu []float64) {
	a, mu = a[:len(d)], mu[:len(d)]
	for i := range d {
		d[i] += math.Abs(a[i] - mu[i])
	}
}

// sumAbsDevBlocksGeneric is sumBlocksGeneric's pairwise sum of 8 to 128
// terms with |x - mu| for the terms.
func sumAbsDevBlocksGeneric(d []float64, src [][]float64, mu []float64) {
	cnt := len(src)
	blocks := cnt - cnt%8
	for i := range d {
		m := mu[i]
		s := src[:8]
		r0, r1, r2, r3 := math.Abs(s[0][i]-m), math.Abs(s[1][i]-m), math.Abs(s[2][i]-m), math.Abs(s[3][i]-m)
		r4, r5, r6, r7 := math.Abs(s[4][i]-m), math.Abs(s[5][i]-m), math.Abs(s[6][i]-m), math.Abs(s[7][i]-m)
		for k := 8; k < blocks; k += 8 {
			s := src[k : k+8]
			r0, r1, r2, r3 = r0+math.Abs(s[0][i]-m), r1+math.Abs(s[1][i]-m), r2+math.Abs(s[2][i]-m), r3+math.Abs(s[3][i]-m)
			r4, r5, r6, r7 = r4+math.Abs(s[4][i]-m), r5+math.Abs(s[5][i]-m), r6+math.Abs(s[6][i]-m), r7+math.Abs(s[7][i]-m)
		}
		acc := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for _, t := range src[blocks:] {
			acc += math.Abs(t[i] - m)
		}
		d[i] = acc
	}
}
