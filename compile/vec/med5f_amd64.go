//go:build !purego

package vec

// Sort4F32 sets d0[i] <= d1[i] <= d2[i] <= d3[i] to s0[i], s1[i], s2[i]
// and s3[i] sorted, for i < len(d0) (every slice at least that long; no d
// overlapping an s at another index; no NaN: then the order is
// arbitrary; the sign of equal zeros is arbitrary). The kernels take a
// vector of columns a step (16 with AVX-512, else 8), the last ones by
// the kernel again over the last vector; shorter lines, or no AVX2, the
// portable loop.
func Sort4F32(d0, d1, d2, d3, s0, s1, s2, s3 []float32) {
	n := len(d0)
	d1, d2, d3, s0, s1, s2, s3 = d1[:n], d2[:n], d3[:n], s0[:n], s1[:n], s2[:n], s3[:n]
	k, v := sort4F32AVX2, 8
	if AVX512 {
		k, v = sort4F32AVX512, 16
	}
	if !AVX2 || n < v {
		sort4FloatGeneric(d0, d1, d2, d3, s0, s1, s2, s3)
		return
	}
	k(d0, d1, d2, d3, s0, s1, s2, s3)
	if n%v != 0 {
		o := n - v
		k(d0[o:], d1[o:], d2[o:], d3[o:], s0[o:], s1[o:], s2[o:], s3[o:])
	}
}

// Sort4F64 is Sort4F32 on float64 (8 columns a step with AVX-512, else 4).
func Sort4F64(d0, d1, d2, d3, s0, s1, s2, s3 []float64) {
	n := len(d0)
	d1, d2, d3, s0, s1, s2, s3 = d1[:n], d2[:n], d3[:n], s0[:n], s1[:n], s2[:n], s3[:n]
	k, v := sort4F64AVX2, 4
	if AVX512 {
		k, v = sort4F64AVX512, 8
	}
	if !AVX2 || n < v {
		sort4FloatGeneric(d0, d1, d2, d3, s0, s1, s2, s3)
		return
	}
	k(d0, d1, d2, d3, s0, s1, s2, s3)
	if n%v != 0 {
		o := n - v
		k(d0[o:], d1[o:], d2[o:], d3[o:], s0[o:], s1[o:], s2[o:], s3[o:])
	}
}

// Median5x5PairF32 sets outA[i] to the median of the 5x5 window of rows
// xa, s[0..3] and outB[i] to that of rows s[0..3], xb (two vertically
// neighbouring windows), at columns i..i+4, for i < len(outA) ==
// len(outB), a zero as +0; s holds the four shared rows' columns sorted
// (s[r]: rank r, as Sort4F32 leaves them), each of s, xa and xb at least
// len(outA)+4 long, outA and outB overlapping none of them, and no NaN
// among them (callers test: a NaN makes the results meaningless). The
// kernels take a vector of pixels of both lines a step (16 with
// AVX-512, else 8): the shared rows' ranks 7 to 12 once, then rank 5 of
// those six and each window's own row, the network of Median5x5PairU8;
// the last pixels by the kernel again over the last vector. Lines
// shorter than a vector, or no AVX2, take the portable sort (slow:
// callers check AVX2).
func Median5x5PairF32(outA, outB []float32, s [][]float32, xa, xb []float32) {
	k, v := median5x5PairF32AVX2, 8
	if AVX512 {
		k, v = median5x5PairF32AVX512, 16
	}
	median5x5PairFloat(k, v, outA, outB, s, xa, xb)
}

// Median5x5PairF64 is Median5x5PairF32 on float64 (8 pixels a step with
// AVX-512, else 4).
func Median5x5PairF64(outA, outB []float64, s [][]float64, xa, xb []float64) {
	k, v := median5x5PairF64AVX2, 4
	if AVX512 {
		k, v = median5x5PairF64AVX512, 8
	}
	median5x5PairFloat(k, v, outA, outB, s, xa, xb)
}

// median5x5PairFloat runs kernel k, v pixels a step, over the lines, the
// last pixels by k again over the last vector.
func median5x5PairFloat[T float32 | float64](k func(outA, outB, s0, s1, s2, s3, xa, xb []T), v int, outA, outB []T, s [][]T, xa, xb []T) {
	n := len(outA)
	_ = s[3]
	outB, xa, xb = outB[:n], xa[:n+4], xb[:n+4]
	if !AVX2 || n < v {
		median5x5PairFloatGeneric(outA, outB, s, xa, xb)
		return
	}
	m := n + 4
	k(outA, outB, s[0][:m], s[1][:m], s[2][:m], s[3][:m], xa, xb)
	if n%v != 0 {
		o := n - v
		k(outA[o:], outB[o:], s[0][o:m], s[1][o:m], s[2][o:m], s[3][o:m], xa[o:], xb[o:])
	}
}
