package compile

import "math"

// Lane helpers: each a plain loop here, four pixels at a time in the
// GOEXPERIMENT=simd build, with the same arithmetic in the same order.

func addIntoPortable(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] += a[i]
	}
}

// copyNormalizedPortable sets w to a + 0 (-0 becomes 0) and adds a to sum.
func copyNormalizedPortable(w, sum, a []float64) {
	a, sum = a[:len(w)], sum[:len(w)]
	for i, x := range a {
		w[i] = x + 0
		sum[i] += x
	}
}

func divideByPortable(d []float64, c float64) {
	for i := range d {
		d[i] /= c
	}
}

func sqrtLanesPortable(d []float64) {
	for i := range d {
		d[i] = math.Sqrt(d[i])
	}
}

// arithOp is an arithmetic operation that lanes do four at a time.
type arithOp uint8

const (
	vAdd arithOp = iota
	vSub
	vMul
	vDiv
)

func arithPortable(d, a, b []float64, op arithOp) {
	a, b = a[:len(d)], b[:len(d)]
	switch op {
	case vAdd:
		for i := range d {
			d[i] = a[i] + b[i]
		}
	case vSub:
		for i := range d {
			d[i] = a[i] - b[i]
		}
	case vMul:
		for i := range d {
			d[i] = a[i] * b[i]
		}
	default:
		for i := range d {
			d[i] = a[i] / b[i]
		}
	}
}

// addTermPortable adds x, or (x - mu)², to d.
func addTermPortable(d, a, mu []float64) {
	if mu == nil {
		addIntoPortable(d, a)
		return
	}
	a, mu = a[:len(d)], mu[:len(d)]
	for i := range d {
		x := a[i] - mu[i]
		d[i] += x * x
	}
}

// sumBlocksPortable is numpy's pairwise sum of 8 to 128 terms, x or
// (x - mu)², lane by lane: eight accumulators, accumulator j taking terms
// j, j+8, ... in order, combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
// then the terms past the last block of eight added one by one.
func sumBlocksPortable(d []float64, src [][]float64, mu []float64) {
	cnt := len(src)
	blocks := cnt - cnt%8
	var m float64 // 0 for a plain sum, for which the terms are x
	for i := range d {
		if mu != nil {
			m = mu[i]
		}
		s := src[:8]
		r0, r1, r2, r3 := term(s[0], i, m, mu), term(s[1], i, m, mu), term(s[2], i, m, mu), term(s[3], i, m, mu)
		r4, r5, r6, r7 := term(s[4], i, m, mu), term(s[5], i, m, mu), term(s[6], i, m, mu), term(s[7], i, m, mu)
		for k := 8; k < blocks; k += 8 {
			s := src[k : k+8]
			r0, r1, r2, r3 = r0+term(s[0], i, m, mu), r1+term(s[1], i, m, mu), r2+term(s[2], i, m, mu), r3+term(s[3], i, m, mu)
			r4, r5, r6, r7 = r4+term(s[4], i, m, mu), r5+term(s[5], i, m, mu), r6+term(s[6], i, m, mu), r7+term(s[7], i, m, mu)
		}
		acc := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for _, t := range src[blocks:] {
			acc += term(t, i, m, mu)
		}
		d[i] = acc
	}
}

// term is a sum's term: t[i], or (t[i] - m)² when summing squared
// deviations from mu. The conversion keeps the square from fusing into
// the addition (an FMA would round differently from numpy).
func term(t []float64, i int, m float64, mu []float64) float64 {
	x := t[i]
	if mu == nil {
		return x
	}
	x -= m
	return float64(x * x)
}
