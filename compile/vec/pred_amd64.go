//go:build !purego

package vec

// The vector kernels take the first len(d)&^3 elements, the portable
// loops the rest (and all of them without AVX2).

func unaryPred(d, a []float64, avx2, generic func(d, a []float64)) {
	a = a[:len(d)]
	if n := len(d) &^ 3; AVX2 && n > 0 {
		avx2(d, a)
		d, a = d[n:], a[n:]
	}
	generic(d, a)
}

func binaryPred(d, a, b []float64, avx2, generic func(d, a, b []float64)) {
	a, b = a[:len(d)], b[:len(d)]
	if n := len(d) &^ 3; AVX2 && n > 0 {
		avx2(d, a, b)
		d, a, b = d[n:], a[n:], b[n:]
	}
	generic(d, a, b)
}

func ternaryPred(d, a, b, c []float64, avx2, generic func(d, a, b, c []float64)) {
	a, b, c = a[:len(d)], b[:len(d)], c[:len(d)]
	if n := len(d) &^ 3; AVX2 && n > 0 {
		avx2(d, a, b, c)
		d, a, b, c = d[n:], a[n:], b[n:], c[n:]
	}
	generic(d, a, b, c)
}

// Lt sets d = 1 where a < b, else 0; Le, Gt, Ge, Eq and Ne likewise.
func Lt(d, a, b []float64) { binaryPred(d, a, b, ltAVX2, ltGeneric) }
func Le(d, a, b []float64) { binaryPred(d, a, b, leAVX2, leGeneric) }
func Gt(d, a, b []float64) { binaryPred(d, a, b, gtAVX2, gtGeneric) }
func Ge(d, a, b []float64) { binaryPred(d, a, b, geAVX2, geGeneric) }
func Eq(d, a, b []float64) { binaryPred(d, a, b, eqAVX2, eqGeneric) }
func Ne(d, a, b []float64) { binaryPred(d, a, b, neAVX2, neGeneric) }

// And sets d = 1 where a != 0 and b != 0, else 0; Or where either is.
func And(d, a, b []float64) { binaryPred(d, a, b, andAVX2, andGeneric) }
func Or(d, a, b []float64)  { binaryPred(d, a, b, orAVX2, orGeneric) }

// Not sets d = 1 where a == 0, else 0.
func Not(d, a []float64) { unaryPred(d, a, notAVX2, notGeneric) }

// IsNaN sets d = 1 where a is NaN, else 0.
func IsNaN(d, a []float64) { unaryPred(d, a, isNaNAVX2, isNaNGeneric) }

// Floor, Ceil and Round set d to math.Floor, Ceil and RoundToEven of a.
func Floor(d, a []float64) { unaryPred(d, a, floorAVX2, floorGeneric) }
func Ceil(d, a []float64)  { unaryPred(d, a, ceilAVX2, ceilGeneric) }
func Round(d, a []float64) { unaryPred(d, a, roundAVX2, roundGeneric) }

// CountAdd adds 1 to d where a != 0.
func CountAdd(d, a []float64) { unaryPred(d, a, countAddAVX2, countAddGeneric) }

// Select sets d = b where a != 0, else c.
func Select(d, a, b, c []float64) { ternaryPred(d, a, b, c, selectAVX2, selectGeneric) }

// Minimum and Maximum are np.minimum and np.maximum (NaN propagates).
func Minimum(d, a, b []float64) { binaryPred(d, a, b, minimumAVX2, minimumGeneric) }
func Maximum(d, a, b []float64) { binaryPred(d, a, b, maximumAVX2, maximumGeneric) }

// Clip is np.clip(a, lo, hi).
func Clip(d, a, lo, hi []float64) { ternaryPred(d, a, lo, hi, clipAVX2, clipGeneric) }

// SumLens sets d[i] to numpy's pairwise sum of src[k][i] for k < lens[i]
// (whole numbers from 0 to len(src)); len(src) <= 128.
func SumLens(d []float64, src [][]float64, lens []float64) {
	lens = lens[:len(d)]
	n := len(d) &^ 3
	if AVX2 && n > 0 && len(src) > 0 && len(src) <= 128 {
		for _, t := range src {
			_ = t[:len(d)] // the kernel reads the first n of each
		}
		sumLensAVX2(d, src, lens)
	} else {
		n = 0
	}
	sumLensFrom(d, src, lens, n)
}
