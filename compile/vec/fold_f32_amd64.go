//go:build !purego

package vec

// FoldMinF32 sets dst to the minimum over srcs (2 to 8 of them, each at
// least len(dst) long), exactly as Go's min: the AVX2 kernel eight pixels
// at a time (the OR of VMINPS in both operand orders, which needs no NaN
// test), and the portable loop for the tail.
func FoldMinF32(dst []float32, srcs [][]float32) { foldF32(dst, srcs, false) }

// FoldMaxF32 sets dst to the maximum over srcs (2 to 8 of them, each at
// least len(dst) long), exactly as Go's max: the AVX2 kernel eight pixels
// at a time, where it stops (a NaN, or +Inf with -Inf) eight pixels of
// the portable loop, and the portable loop for the tail.
func FoldMaxF32(dst []float32, srcs [][]float32) { foldF32(dst, srcs, true) }

// foldF32 is FoldMinF32, or FoldMaxF32 if isMax. Direct calls only (no
// function values), so that nothing escapes.
func foldF32(dst []float32, srcs [][]float32, isMax bool) {
	n := len(dst)
	generic := func(dst []float32, srcs [][]float32) {
		if isMax {
			foldMaxF32Generic(dst, srcs)
		} else {
			foldMinF32Generic(dst, srcs)
		}
	}
	if !AVX2 || n < 8 || len(srcs) < 2 || len(srcs) > 8 {
		generic(dst, srcs)
		return
	}
	for _, s := range srcs {
		_ = s[:n] // the kernels read n from each
	}
	var part [8][]float32
	end := n &^ 7
	for i := 0; ; i += 8 {
		if isMax {
			i = foldMaxF32AVX2(dst, srcs, i)
		} else {
			i = foldMinF32AVX2(dst, srcs, i)
		}
		if i >= end {
			break
		}
		for k, s := range srcs {
			part[k] = s[i : i+8]
		}
		generic(dst[i:i+8], part[:len(srcs)])
	}
	if end < n {
		for k, s := range srcs {
			part[k] = s[end:n]
		}
		generic(dst[end:], part[:len(srcs)])
	}
}

func foldMinF32AVX2(dst []float32, srcs [][]float32, i int) int {
	switch len(srcs) {
	case 2:
		return foldMinF32x2AVX2(dst, srcs, i)
	case 3:
		return foldMinF32x3AVX2(dst, srcs, i)
	case 4:
		return foldMinF32x4AVX2(dst, srcs, i)
	case 5:
		return foldMinF32x5AVX2(dst, srcs, i)
	case 6:
		return foldMinF32x6AVX2(dst, srcs, i)
	case 7:
		return foldMinF32x7AVX2(dst, srcs, i)
	}
	return foldMinF32x8AVX2(dst, srcs, i)
}

func foldMaxF32AVX2(dst []float32, srcs [][]float32, i int) int {
	switch len(srcs) {
	case 2:
		return foldMaxF32x2AVX2(dst, srcs, i)
	case 3:
		return foldMaxF32x3AVX2(dst, srcs, i)
	case 4:
		return foldMaxF32x4AVX2(dst, srcs, i)
	case 5:
		return foldMaxF32x5AVX2(dst, srcs, i)
	case 6:
		return foldMaxF32x6AVX2(dst, srcs, i)
	case 7:
		return foldMaxF32x7AVX2(dst, srcs, i)
	}
	return foldMaxF32x8AVX2(dst, srcs, i)
}

// Colsort3F32 sorts each column (a[i], b[i], c[i]) into lo, md, hi, eight
// columns a vector instruction, and reports whether a, b or c held a NaN
// (then lo, md, hi are meaningless). The sign of equal zeros is arbitrary.
func Colsort3F32(lo, md, hi, a, b, c []float32) bool {
	md, hi, a, b, c = md[:len(lo)], hi[:len(lo)], a[:len(lo)], b[:len(lo)], c[:len(lo)]
	nan := false
	if n := len(lo) &^ 7; AVX2 && n > 0 {
		nan = colsort3F32AVX2(lo, md, hi, a, b, c)
		lo, md, hi, a, b, c = lo[n:], md[n:], hi[n:], a[n:], b[n:], c[n:]
	}
	return colsort3F32Generic(lo, md, hi, a, b, c) || nan
}

// Med9F32 sets out[i] to the median of the 3x3 window whose sorted
// columns start at i in lo, md, hi (each len(out)+2 long), never -0. The
// inputs hold no NaN.
func Med9F32(out, lo, md, hi []float32) {
	lo, md, hi = lo[:len(out)+2], md[:len(out)+2], hi[:len(out)+2]
	if n := len(out) &^ 7; AVX2 && n > 0 {
		med9F32AVX2(out, lo, md, hi)
		out, lo, md, hi = out[n:], lo[n:], md[n:], hi[n:]
	}
	med9F32Generic(out, lo, md, hi)
}

// FoldMinBoth is FoldMin by the OR of VMINPD in both operand orders (see
// _asm/f32): exact as Go's min with no NaN test and no portable
// fallback, fewer instructions a pixel.
func FoldMinBoth(dst []float64, srcs [][]float64) {
	n := len(dst)
	if !AVX2 || n < 4 || len(srcs) < 2 || len(srcs) > 8 {
		foldMinGeneric(dst, srcs)
		return
	}
	for _, s := range srcs {
		_ = s[:n] // the kernels read n from each
	}
	if done, _ := foldWide(dst, srcs, false); done > 0 {
		if done < n {
			var part [8][]float64
			for k, s := range srcs {
				part[k] = s[done:n]
			}
			FoldMinBoth(dst[done:], part[:len(srcs)])
		}
		return
	}
	switch len(srcs) { // two registers an iteration (_asm/f32runs)
	case 2:
		foldMinBothF64x2AVX2(dst, srcs)
	case 3:
		foldMinBothF64x3AVX2(dst, srcs)
	case 4:
		foldMinBothF64x4AVX2(dst, srcs)
	case 5:
		foldMinBothF64x5AVX2(dst, srcs)
	case 6:
		foldMinBothF64x6AVX2(dst, srcs)
	case 7:
		foldMinBothF64x7AVX2(dst, srcs)
	case 8:
		foldMinBothF64x8AVX2(dst, srcs)
	}
	if end := n &^ 3; end < n {
		var part [8][]float64
		for k, s := range srcs {
			part[k] = s[end:n]
		}
		foldMinGeneric(dst[end:], part[:len(srcs)])
	}
}
