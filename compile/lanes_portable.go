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

// combine8Portable is numpy's pairwise combination of eight accumulators.
func combine8Portable(d []float64, r [][]float64) {
	n := len(d)
	r0, r1, r2, r3 := r[0][:n], r[1][:n], r[2][:n], r[3][:n]
	r4, r5, r6, r7 := r[4][:n], r[5][:n], r[6][:n], r[7][:n]
	for i := range d {
		d[i] = ((r0[i] + r1[i]) + (r2[i] + r3[i])) + ((r4[i] + r5[i]) + (r6[i] + r7[i]))
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

// sumTermsPortable sets d to the left-to-right sum of the terms (at least
// one): x, or (x - mu)² when mu is not nil.
func sumTermsPortable(d []float64, terms [][]float64, mu []float64) {
	n := len(d)
	if mu == nil {
		copy(d, terms[0][:n])
		for _, t := range terms[1:] {
			addIntoPortable(d, t)
		}
		return
	}
	mu = mu[:n]
	t0 := terms[0][:n]
	for i := range d {
		x := t0[i] - mu[i]
		d[i] = x * x
	}
	for _, t := range terms[1:] {
		addTermPortable(d, t, mu)
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
