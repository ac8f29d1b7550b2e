package vec

import "math"

// The portable kernels: the specification of the vector ones, which give
// the same results bit for bit (NaN payloads apart) on the inputs their
// comments allow, and the fallback on every CPU without AVX2 and for the
// tails shorter than four.

func addIntoGeneric(d, a []float64) {
	a = a[:len(d)]
	for i := range d {
		d[i] += a[i]
	}
}

// copyNormalizedGeneric sets w to a + 0 (-0 becomes 0) and adds a to sum.
func copyNormalizedGeneric(w, sum, a []float64) {
	a, sum = a[:len(w)], sum[:len(w)]
	for i, x := range a {
		w[i] = x + 0
		sum[i] += x
	}
}

func divideByGeneric(d []float64, c float64) {
	for i := range d {
		d[i] /= c
	}
}

func sqrtGeneric(d []float64) {
	for i := range d {
		d[i] = math.Sqrt(d[i])
	}
}

// Op is an arithmetic operation of Arith.
type Op uint8

const (
	Add Op = iota
	Sub
	Mul
	Div
)

func arithGeneric(d, a, b []float64, op Op) {
	a, b = a[:len(d)], b[:len(d)]
	switch op {
	case Add:
		for i := range d {
			d[i] = a[i] + b[i]
		}
	case Sub:
		for i := range d {
			d[i] = a[i] - b[i]
		}
	case Mul:
		for i := range d {
			d[i] = a[i] * b[i]
		}
	default:
		for i := range d {
			d[i] = a[i] / b[i]
		}
	}
}

// addTermGeneric adds x, or (x - mu)², to d.
func addTermGeneric(d, a, mu []float64) {
	if mu == nil {
		addIntoGeneric(d, a)
		return
	}
	a, mu = a[:len(d)], mu[:len(d)]
	for i := range d {
		x := a[i] - mu[i]
		d[i] += float64(x * x)
	}
}

// sumBlocksGeneric is numpy's pairwise sum of 8 to 128 terms, x or
// (x - mu)², lane by lane: eight accumulators, accumulator j taking terms
// j, j+8, ... in order, combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
// then the terms past the last block of eight added one by one.
func sumBlocksGeneric(d []float64, src [][]float64, mu []float64) {
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

// exchangeToGeneric is one compare-exchange of a sorting network over a
// strip, from x and y into a and b (which may be x and y): a gets the
// smaller of each pair, b the larger, only the side read later when lo or
// hi is false.
func exchangeToGeneric(a, b, x, y []float64, lo, hi bool) {
	n := len(a)
	b, x, y = b[:n], x[:n], y[:n]
	switch {
	case lo && hi:
		for i := range a {
			p, q := x[i], y[i]
			a[i], b[i] = min(p, q), max(p, q)
		}
	case lo:
		for i := range a {
			a[i] = min(x[i], y[i])
		}
	default:
		for i := range a {
			b[i] = max(x[i], y[i])
		}
	}
}

// colsort3Generic sorts each column (a[i], b[i], c[i]) into lo, md, hi.
func colsort3Generic(lo, md, hi, a, b, c []float64) {
	n := len(lo)
	md, hi, a, b, c = md[:n], hi[:n], a[:n], b[:n], c[:n]
	for i := range lo {
		x, y, z := a[i], b[i], c[i]
		t1, t2 := min(x, y), max(x, y)
		t3 := max(t1, z)
		lo[i] = min(t1, z)
		md[i] = min(t2, t3)
		hi[i] = max(t2, t3)
	}
}

// med9Generic sets out[i] to the median of the 3x3 window whose sorted
// columns start at i in lo, md and hi (each len(out)+2 long).
func med9Generic(out, lo, md, hi []float64) {
	n := len(out)
	lo, md, hi = lo[:n+2], md[:n+2], hi[:n+2]
	for i := range out {
		l := max(lo[i], lo[i+1], lo[i+2])
		h := min(hi[i], hi[i+1], hi[i+2])
		a, b, c := md[i], md[i+1], md[i+2]
		m := max(min(a, b), min(max(a, b), c))
		out[i] = max(min(l, m), min(max(l, m), h)) + 0 // + 0: numpy's median is never -0
	}
}

// minOfMaxGeneric sets out to min(out, max(x, y)), or to max(x, y) when
// first; a nil y stands for x alone.
func minOfMaxGeneric(out, x, y []float64, first bool) {
	x = x[:len(out)]
	switch {
	case y == nil && first:
		copy(out, x)
	case y == nil:
		for i := range out {
			out[i] = min(out[i], x[i])
		}
	case first:
		y = y[:len(out)]
		for i := range out {
			out[i] = max(x[i], y[i])
		}
	default:
		y = y[:len(out)]
		for i := range out {
			out[i] = min(out[i], max(x[i], y[i]))
		}
	}
}

// ExchangeToExact is ExchangeTo for inputs that may hold NaN or -0: Go's
// min and max, always the portable loop.
func ExchangeToExact(a, b, x, y []float64, lo, hi bool) { exchangeToGeneric(a, b, x, y, lo, hi) }

// FoldAdd sets dst to the sum over srcs (2 to 8 of them) in one pass, the
// operands added as a balanced tree. It has no vector kernel: measured,
// the vector adds there were slower (a mean over 5x5: 26 ms against 16 ms
// on one thread).
func FoldAdd(dst []float64, srcs [][]float64) { foldAddGeneric(dst, srcs) }

// Integer is the element types of the integer min and max kernels
// (MinU8, MaxU8, MinI8, ...).
type Integer interface{ uint8 | int8 | uint16 | int16 }

// minIntsGeneric sets a = min(x, y) elementwise.
func minIntsGeneric[T Integer](a, x, y []T) {
	x, y = x[:len(a)], y[:len(a)]
	for i := range a {
		a[i] = min(x[i], y[i])
	}
}

// maxIntsGeneric sets a = max(x, y) elementwise.
func maxIntsGeneric[T Integer](a, x, y []T) {
	x, y = x[:len(a)], y[:len(a)]
	for i := range a {
		a[i] = max(x[i], y[i])
	}
}
