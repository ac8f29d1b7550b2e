//go:build !purego

package vec

// haveAsm: this build has the AVX2 kernels of kernels_amd64.s.
const haveAsm = true

// Each function runs its AVX2 kernel over the first len&^3 elements when
// AVX2 is set, and the portable loop over the rest (all of it without
// AVX2). The reslicing checks the lengths the kernels rely on.

// AddInto sets d += a.
func AddInto(d, a []float64) {
	a = a[:len(d)]
	if n := len(d) &^ 3; AVX2 && n > 0 {
		addIntoAVX2(d, a)
		d, a = d[n:], a[n:]
	}
	addIntoGeneric(d, a)
}

// CopyNormalized sets w = a + 0 (-0 becomes 0) and sum += a.
func CopyNormalized(w, sum, a []float64) {
	sum, a = sum[:len(w)], a[:len(w)]
	if n := len(w) &^ 3; AVX2 && n > 0 {
		copyNormalizedAVX2(w, sum, a)
		w, sum, a = w[n:], sum[n:], a[n:]
	}
	copyNormalizedGeneric(w, sum, a)
}

// DivideBy sets d /= c.
func DivideBy(d []float64, c float64) {
	if n := len(d) &^ 3; AVX2 && n > 0 {
		divideByAVX2(d, c)
		d = d[n:]
	}
	divideByGeneric(d, c)
}

// Sqrt sets d = sqrt(d).
func Sqrt(d []float64) {
	if n := len(d) &^ 3; AVX2 && n > 0 {
		sqrtAVX2(d)
		d = d[n:]
	}
	sqrtGeneric(d)
}

// Arith sets d = a op b.
func Arith(d, a, b []float64, op Op) {
	a, b = a[:len(d)], b[:len(d)]
	if n := len(d) &^ 3; AVX2 && n > 0 {
		switch op {
		case Add:
			addAVX2(d, a, b)
		case Sub:
			subAVX2(d, a, b)
		case Mul:
			mulAVX2(d, a, b)
		default:
			divAVX2(d, a, b)
		}
		d, a, b = d[n:], a[n:], b[n:]
	}
	arithGeneric(d, a, b, op)
}

// AddTerm sets d += a, or d += (a - mu)² when mu is not nil, the square
// rounded before the sum.
func AddTerm(d, a, mu []float64) {
	if mu == nil {
		AddInto(d, a)
		return
	}
	a, mu = a[:len(d)], mu[:len(d)]
	if n := len(d) &^ 3; AVX2 && n > 0 {
		addTermAVX2(d, a, mu)
		d, a, mu = d[n:], a[n:], mu[n:]
	}
	addTermGeneric(d, a, mu)
}

// SumBlocks sets d to numpy's pairwise sum of 8 to 128 terms, src[k] or
// (src[k] - mu)², lane by lane (see sumBlocksGeneric).
func SumBlocks(d []float64, src [][]float64, mu []float64) {
	n := len(d) &^ 3
	if !AVX2 || len(d) == 0 || len(src) < 8 || len(src) > 128 {
		sumBlocksGeneric(d, src, mu)
		return
	}
	for _, t := range src {
		_ = t[:len(d)] // the kernel reads len(d) from each
	}
	if mu != nil {
		mu = mu[:len(d)]
	}
	if sumBlocksWide(d, src, mu, true) == len(d) {
		return
	}
	if n == 0 {
		sumBlocksGeneric(d, src, mu)
		return
	}
	if mu == nil {
		sumBlocksAVX2(d, src)
	} else {
		sumSqBlocksAVX2(d, src, mu[:len(d)])
	}
	if n == len(d) {
		return
	}
	var tail [128][]float64
	for k, t := range src {
		tail[k] = t[n:]
	}
	var mt []float64
	if mu != nil {
		mt = mu[n:]
	}
	sumBlocksGeneric(d[n:], tail[:len(src)], mt)
}

// ExchangeTo is one compare-exchange of a sorting network over a strip,
// from x and y into a and b (which may be x and y): a gets the smaller of
// each pair, b the larger, only the side read later when lo or hi is
// false. The inputs hold no NaN and no -0 (ExchangeToExact takes any).
func ExchangeTo(a, b, x, y []float64, lo, hi bool) {
	b, x, y = b[:len(a)], x[:len(a)], y[:len(a)]
	if n := len(a) &^ 3; AVX2 && n > 0 {
		switch {
		case lo && hi:
			minMaxAVX2(a, b, x, y)
		case lo:
			minToAVX2(a, x, y)
		default:
			maxToAVX2(b, x, y)
		}
		a, b, x, y = a[n:], b[n:], x[n:], y[n:]
	}
	exchangeToGeneric(a, b, x, y, lo, hi)
}

// MinU8 sets a = min(x, y) elementwise (x and y at least len(a) long; a
// may be x or y): the AVX2 kernel 32 bytes at a time, the portable loop
// for the tail. MaxU8, and MinI8 to MaxI16 for the other small integers,
// likewise.
func MinU8(a, x, y []uint8)   { intsTo(a, x, y, 32, minU8AVX2, minIntsGeneric[uint8]) }
func MaxU8(a, x, y []uint8)   { intsTo(a, x, y, 32, maxU8AVX2, maxIntsGeneric[uint8]) }
func MinI8(a, x, y []int8)    { intsTo(a, x, y, 32, minI8AVX2, minIntsGeneric[int8]) }
func MaxI8(a, x, y []int8)    { intsTo(a, x, y, 32, maxI8AVX2, maxIntsGeneric[int8]) }
func MinU16(a, x, y []uint16) { intsTo(a, x, y, 16, minU16AVX2, minIntsGeneric[uint16]) }
func MaxU16(a, x, y []uint16) { intsTo(a, x, y, 16, maxU16AVX2, maxIntsGeneric[uint16]) }
func MinI16(a, x, y []int16)  { intsTo(a, x, y, 16, minI16AVX2, minIntsGeneric[int16]) }
func MaxI16(a, x, y []int16)  { intsTo(a, x, y, 16, maxI16AVX2, maxIntsGeneric[int16]) }

// intsTo runs kernel over the first len(a)&^(per-1) elements when AVX2 is
// set, and the portable loop over the rest.
func intsTo[T Integer](a, x, y []T, per int, kernel, portable func(a, x, y []T)) {
	x, y = x[:len(a)], y[:len(a)]
	if n := len(a) &^ (per - 1); AVX2 && n > 0 {
		kernel(a, x, y)
		a, x, y = a[n:], x[n:], y[n:]
	}
	portable(a, x, y)
}

// Colsort3 sorts each column (a[i], b[i], c[i]) into lo, md, hi. The
// inputs hold no NaN; the sign of equal zeros is arbitrary.
func Colsort3(lo, md, hi, a, b, c []float64) {
	md, hi, a, b, c = md[:len(lo)], hi[:len(lo)], a[:len(lo)], b[:len(lo)], c[:len(lo)]
	if n := len(lo) &^ 3; AVX2 && n > 0 {
		colsort3AVX2(lo, md, hi, a, b, c)
		lo, md, hi, a, b, c = lo[n:], md[n:], hi[n:], a[n:], b[n:], c[n:]
	}
	colsort3Generic(lo, md, hi, a, b, c)
}

// Med9 sets out[i] to the median of the 3x3 window whose sorted columns
// start at i in lo, md and hi (each len(out)+2 long), never -0. The
// inputs hold no NaN.
func Med9(out, lo, md, hi []float64) {
	lo, md, hi = lo[:len(out)+2], md[:len(out)+2], hi[:len(out)+2]
	if n := len(out) &^ 3; AVX2 && n > 0 {
		med9AVX2(out, lo, md, hi)
		out, lo, md, hi = out[n:], lo[n:], md[n:], hi[n:]
	}
	med9Generic(out, lo, md, hi)
}

// MinOfMax sets out to min(out, max(x, y)), or to max(x, y) when first;
// a nil y stands for x alone. The inputs hold no NaN; the sign of equal
// zeros is arbitrary.
func MinOfMax(out, x, y []float64, first bool) {
	if n := len(out) &^ 3; AVX2 && n > 0 && y != nil {
		x, y = x[:len(out)], y[:len(out)]
		if first {
			maxToAVX2(out, x, y)
		} else {
			minOfMaxAVX2(out, x, y)
		}
		out, x, y = out[n:], x[n:], y[n:]
	}
	minOfMaxGeneric(out, x, y, first)
}
