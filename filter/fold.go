package filter

import "github.com/kfilter/kfilter/compile/vec"

// The loops below are package vec's kernels: AVX2 where the CPU has it,
// the portable loops (their specification) otherwise, with the same
// results bit for bit.

// foldN sets dst to op over srcs (2 to 8 of them) in one pass.
func foldN(dst []float64, srcs [][]float64, op segOp) {
	switch op {
	case opMin:
		vec.FoldMinBoth(dst, srcs) // FoldMin, without its NaN test
	case opMax:
		vec.FoldMax(dst, srcs)
	default:
		vec.FoldAdd(dst, srcs)
	}
}

// colsort3 sorts each column (a[i], b[i], c[i]) into lo, md, hi. The
// inputs hold no NaN; the sign of equal zeros is arbitrary, and med9
// discards it.
func colsort3(lo, md, hi, a, b, c []float64) { vec.Colsort3(lo, md, hi, a, b, c) }

// med9 sets out[i] to the median of the 3x3 window whose sorted columns
// start at i in lo, md and hi (each len(out)+2 long), never -0 (numpy's
// median is not). The inputs hold no NaN.
func med9(out, lo, md, hi []float64) { vec.Med9(out, lo, md, hi) }

// minOfMax sets out to min(out, max(x, y)), or to max(x, y) when first;
// a nil y stands for x alone. Its callers hold no NaN and discard the
// sign of equal zeros.
func minOfMax(out, x, y []float64, first bool) { vec.MinOfMax(out, x, y, first) }
