package compile

import (
	"math"
	"slices"
)

// This file holds numpy's algorithms for one pixel's values, shared by the
// lane machine (for per-pixel work such as median) and the reference
// evaluator. Each follows numpy 1.24's order of operations so that results
// match numpy bit for bit where numpy's arithmetic is deterministic.

// pairwiseSum is numpy's pairwise summation (pairwise_sum_DOUBLE), the sum
// np.sum and np.mean use.
func pairwiseSum(a []float64) float64 {
	n := len(a)
	switch {
	case n < 8:
		res := 0.0
		for _, x := range a {
			res += x
		}
		return res
	case n <= 128:
		var r [8]float64
		copy(r[:], a[:8])
		i := 8
		for ; i < n-n%8; i += 8 {
			b := a[i : i+8 : i+8]
			r[0] += b[0]
			r[1] += b[1]
			r[2] += b[2]
			r[3] += b[3]
			r[4] += b[4]
			r[5] += b[5]
			r[6] += b[6]
			r[7] += b[7]
		}
		res := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			res += a[i]
		}
		return res
	}
	n2 := n / 2
	n2 -= n2 % 8
	return pairwiseSum(a[:n2]) + pairwiseSum(a[n2:])
}

func mean(a []float64) float64 {
	if len(a) == 0 {
		return math.NaN()
	}
	return pairwiseSum(a) / float64(len(a))
}

// variance is np.var with ddof=0: the mean of squared deviations, both sums
// pairwise. It overwrites tmp, which must be as long as a.
func variance(a, tmp []float64) float64 {
	n := len(a)
	if n == 0 {
		return math.NaN()
	}
	m := pairwiseSum(a) / float64(n)
	tmp = tmp[:n]
	for i, x := range a {
		d := x - m
		tmp[i] = d * d
	}
	return pairwiseSum(tmp) / float64(n)
}

func prod(a []float64) float64 {
	r := 1.0
	for _, x := range a {
		r *= x
	}
	return r
}

func hasNaN(a []float64) bool {
	for _, x := range a {
		if x != x {
			return true
		}
	}
	return false
}

// minimum and maximum are np.minimum and np.maximum: NaN propagates.
func minimum(x, y float64) float64 {
	if x < y || x != x {
		return x
	}
	return y
}

func maximum(x, y float64) float64 {
	if x > y || x != x {
		return x
	}
	return y
}

// reduceMin and reduceMax are np.min and np.max, NaN propagating, but of
// equal zeros -0 is the smaller (Go's min and max), as in sorts: numpy's
// answer there depends on the order and on its SIMD loops, and this rule
// does not, so every path (folds in any order, networks, sorts) agrees bit
// for bit. (The elementwise minimum and maximum keep numpy's rule, which
// is well defined: the second of equal operands.)
func reduceMin(a []float64) float64 {
	if len(a) == 0 {
		return math.NaN()
	}
	r := a[0]
	for _, x := range a[1:] {
		r = min(r, x)
	}
	return r
}

func reduceMax(a []float64) float64 {
	if len(a) == 0 {
		return math.NaN()
	}
	r := a[0]
	for _, x := range a[1:] {
		r = max(r, x)
	}
	return r
}

// argmin is np.argmin: the first smallest element, or the first NaN.
func argmin(a []float64) float64 {
	if len(a) == 0 {
		return math.NaN()
	}
	best := 0
	for i, x := range a {
		if x != x {
			return float64(i)
		}
		if x < a[best] {
			best = i
		}
	}
	return float64(best)
}

func argmax(a []float64) float64 {
	if len(a) == 0 {
		return math.NaN()
	}
	best := 0
	for i, x := range a {
		if x != x {
			return float64(i)
		}
		if x > a[best] {
			best = i
		}
	}
	return float64(best)
}

// sortFloats sorts a in place in numpy's order: NaN last.
func sortFloats(a []float64) {
	if len(a) <= 12 {
		// insertion sort: the common small footprint, and no allocation
		for i := 1; i < len(a); i++ {
			x := a[i]
			j := i
			for j > 0 && less(x, a[j-1]) {
				a[j] = a[j-1]
				j--
			}
			a[j] = x
		}
		return
	}
	slices.SortFunc(a, func(x, y float64) int {
		switch {
		case less(x, y):
			return -1
		case less(y, x):
			return 1
		}
		return 0
	})
}

// less orders NaN after every number, and -0 before 0 (as Go's min and
// max do, so that sorting networks and sorts agree on the sign of zeros).
func less(x, y float64) bool {
	return x < y || (y != y && x == x) || (x == 0 && y == 0 && math.Signbit(x) && !math.Signbit(y))
}

// median is np.median; it reorders a.
func median(a []float64) float64 {
	n := len(a)
	if n == 0 || hasNaN(a) {
		return math.NaN()
	}
	h := n / 2
	hi := nthElement(a, h)
	if n%2 == 1 {
		return 0 + hi // numpy's mean of one element: 0.0 + x, so -0 becomes 0
	}
	// the largest of the lower half
	lo := a[0]
	for _, x := range a[1:h] {
		if x > lo {
			lo = x
		}
	}
	return ((0 + lo) + hi) / 2
}

// nthElement partially sorts a (no NaN) so that a[k] is the k-th smallest
// and a[:k] holds the smaller ones, and returns a[k].
func nthElement(a []float64, k int) float64 {
	lo, hi := 0, len(a)-1
	for hi > lo {
		if hi-lo < 16 {
			for i := lo + 1; i <= hi; i++ {
				x := a[i]
				j := i
				for j > lo && x < a[j-1] {
					a[j] = a[j-1]
					j--
				}
				a[j] = x
			}
			break
		}
		// median of three as the pivot
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		p := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return a[k]
		}
	}
	return a[k]
}

// percentile is np.percentile with the default linear method, q in
// percent; it reorders a.
func percentile(a []float64, q float64) float64 {
	n := len(a)
	lo, hi, t, ok := percentileRanks(n, q)
	if !ok || hasNaN(a) {
		return math.NaN()
	}
	sortFloats(a)
	return lerp(a[lo], a[hi], t)
}

// percentileRanks returns the two ranks np.percentile interpolates
// between and the weight of the second, in numpy's arithmetic.
func percentileRanks(n int, q float64) (lo, hi int, t float64, ok bool) {
	if n == 0 || !(q >= 0 && q <= 100) {
		return 0, 0, 0, false
	}
	virt := float64(n-1) * (q / 100)
	prev := math.Floor(virt)
	lo, hi = int(prev), int(prev)+1
	if virt >= float64(n-1) {
		lo, hi = n-1, n-1
		prev = -1 // numpy's _get_indexes marks the index -1
	}
	return lo, hi, virt - prev, true
}

// lerp is numpy's _lerp: a + (b-a)*t, computed from b's side for t >= 0.5.
func lerp(a, b, t float64) float64 {
	d := b - a
	if t >= 0.5 {
		return b - d*(1-t)
	}
	return a + d*t
}

// mode returns the most frequent value, the smallest on ties, with every
// NaN counted as one value that sorts last (np.unique's rule); it reorders a.
func mode(a []float64) float64 {
	if len(a) == 0 {
		return math.NaN()
	}
	sortFloats(a)
	best, bestN := a[0], 0
	for i := 0; i < len(a); {
		j := i + 1
		for j < len(a) && (a[j] == a[i] || (a[j] != a[j] && a[i] != a[i])) {
			j++
		}
		if j-i > bestN {
			best, bestN = a[i], j-i
		}
		i = j
	}
	return best
}

// nanSum is np.nansum: the pairwise sum with NaN read as 0. It overwrites
// tmp and returns the count of non-NaN values too.
func nanSum(a, tmp []float64) (sum float64, count int) {
	tmp = tmp[:len(a)]
	for i, x := range a {
		if x != x {
			tmp[i] = 0
		} else {
			tmp[i] = x
			count++
		}
	}
	return pairwiseSum(tmp), count
}

// nanVar is np.nanvar with ddof=0, in numpy's order: NaN replaced by 0,
// the mean over the count, deviations zeroed where NaN was.
func nanVar(a, tmp []float64) float64 {
	sum, cnt := nanSum(a, tmp)
	if cnt == 0 {
		return math.NaN()
	}
	m := sum / float64(cnt)
	tmp = tmp[:len(a)]
	for i, x := range a {
		if x != x {
			tmp[i] = 0
		} else {
			d := x - m
			tmp[i] = d * d
		}
	}
	return pairwiseSum(tmp) / float64(cnt)
}

// dropNaN moves the non-NaN values of a to the front and returns them.
func dropNaN(a []float64) []float64 {
	k := 0
	for _, x := range a {
		if x == x {
			a[k] = x
			k++
		}
	}
	return a[:k]
}

func nanMin(a []float64) float64 {
	r := math.NaN()
	for _, x := range a {
		if x < r || r != r {
			r = x
		}
	}
	return r
}

func nanMax(a []float64) float64 {
	r := math.NaN()
	for _, x := range a {
		if x > r || r != r {
			r = x
		}
	}
	return r
}

// Elementwise functions with numpy's corner cases.

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	case x == 0:
		return 0
	}
	return x
}

// clip is np.clip: NaN in x propagates, NaN bounds are ignored.
func clip(x, lo, hi float64) float64 {
	if x != x {
		return x
	}
	if x < lo {
		x = lo
	}
	if x > hi {
		x = hi
	}
	return x
}

// b2f is 1 for true, 0 for false. It goes through an int, which the
// compiler turns into SETcc rather than a branch: comparisons on noisy
// pixels are unpredictable, and a mispredicted branch per pixel costs
// more than the arithmetic.
func b2f(b bool) float64 { return float64(b2i(b)) }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// choose is b ? x : y without a branch.
func choose(b bool, x, y float64) float64 {
	m := -uint64(b2i(b))
	return math.Float64frombits(math.Float64bits(x)&m | math.Float64bits(y)&^m)
}

// exp is math.Exp, except near the top of float64's range: Go's amd64
// assembly overflows to +Inf from about x = 709.1, where libm (and so
// numpy) still gives finite results up to x = 709.78. There it uses the
// portable algorithm (FreeBSD's e_exp.c, as in Go's own exp.go).
func exp(x float64) float64 {
	if x <= 709 || x > 7.09782712893383973096e+02 {
		return math.Exp(x)
	}
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		log2e = 1.44269504088896338700e+00
		p1    = 1.66666666666666657415e-01
		p2    = -2.77777777770155933842e-03
		p3    = 6.61375632143793436117e-05
		p4    = -1.65339022054652515390e-06
		p5    = 4.13813679705723846039e-08
	)
	k := int(log2e*x + 0.5)
	hi := x - float64(k)*ln2Hi
	lo := float64(k) * ln2Lo
	r := hi - lo
	t := r * r
	c := r - t*(p1+t*(p2+t*(p3+t*(p4+t*p5))))
	y := 1 - ((lo - (r*c)/(2-c)) - hi)
	return math.Ldexp(y, k)
}
