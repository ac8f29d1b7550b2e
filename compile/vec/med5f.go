package vec

import "slices"

// sort4FloatGeneric sets d0[i] <= d1[i] <= d2[i] <= d3[i] to s0[i],
// s1[i], s2[i] and s3[i] sorted (Batcher's five exchanges, as the
// kernels); the sign of equal zeros is arbitrary.
func sort4FloatGeneric[T float32 | float64](d0, d1, d2, d3, s0, s1, s2, s3 []T) {
	n := len(d0)
	d1, d2, d3, s0, s1, s2, s3 = d1[:n], d2[:n], d3[:n], s0[:n], s1[:n], s2[:n], s3[:n]
	for i := range d0 {
		a, b, c, d := s0[i], s1[i], s2[i], s3[i]
		a, b = min(a, b), max(a, b)
		c, d = min(c, d), max(c, d)
		a, c = min(a, c), max(a, c)
		b, d = min(b, d), max(b, d)
		b, c = min(b, c), max(b, c)
		d0[i], d1[i], d2[i], d3[i] = a, b, c, d
	}
}

// median5x5PairFloatGeneric is the specification of the float 5x5 pair
// kernels: outA[i] is rank 12 of the 25 values of rows xa, s[0..3] at
// columns i..i+4, outB[i] that of s[0..3], xb, + 0 (a zero is +0). With
// no NaN among them, any selection network's rank 12 is that value, so a
// kernel must give exactly these bits. The rows of s need not be sorted
// here.
func median5x5PairFloatGeneric[T float32 | float64](outA, outB []T, s [][]T, xa, xb []T) {
	n := len(outA)
	outB = outB[:n]
	var v [25]T
	for k, rows := range [2][5][]T{{xa, s[0], s[1], s[2], s[3]}, {s[0], s[1], s[2], s[3], xb}} {
		out := outA
		if k == 1 {
			out = outB
		}
		for i := range out {
			for r, row := range rows {
				copy(v[5*r:5*r+5], row[i:i+5])
			}
			slices.Sort(v[:])
			out[i] = v[12] + 0
		}
	}
}
