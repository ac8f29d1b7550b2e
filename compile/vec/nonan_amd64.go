//go:build !purego

package vec

// FoldMinNoNaN is FoldMin for sources the caller knows hold no NaN: with
// AVX512, VRANGEPD alone, without FoldMin's NaN masks. With a NaN among
// them its result is undefined (not a crash).
func FoldMinNoNaN(dst []float64, srcs [][]float64) {
	if !foldNoNaN(dst, srcs, false) {
		FoldMinBoth(dst, srcs)
	}
}

// FoldMaxNoNaN is FoldMax for sources the caller knows hold no NaN.
func FoldMaxNoNaN(dst []float64, srcs [][]float64) {
	if !foldNoNaN(dst, srcs, true) {
		FoldMax(dst, srcs)
	}
}

func foldNoNaN(dst []float64, srcs [][]float64, max bool) bool {
	n := len(dst)
	if !AVX512 || !AVX2 || n == 0 || len(srcs) < 2 || len(srcs) > 8 {
		return false
	}
	for _, s := range srcs {
		_ = s[:n] // the kernels read n from each
	}
	if max {
		switch len(srcs) {
		case 2:
			foldMaxRangeNoNaN2AVX512(dst, srcs)
		case 3:
			foldMaxRangeNoNaN3AVX512(dst, srcs)
		case 4:
			foldMaxRangeNoNaN4AVX512(dst, srcs)
		case 5:
			foldMaxRangeNoNaN5AVX512(dst, srcs)
		case 6:
			foldMaxRangeNoNaN6AVX512(dst, srcs)
		case 7:
			foldMaxRangeNoNaN7AVX512(dst, srcs)
		case 8:
			foldMaxRangeNoNaN8AVX512(dst, srcs)
		}
		return true
	}
	switch len(srcs) {
	case 2:
		foldMinRangeNoNaN2AVX512(dst, srcs)
	case 3:
		foldMinRangeNoNaN3AVX512(dst, srcs)
	case 4:
		foldMinRangeNoNaN4AVX512(dst, srcs)
	case 5:
		foldMinRangeNoNaN5AVX512(dst, srcs)
	case 6:
		foldMinRangeNoNaN6AVX512(dst, srcs)
	case 7:
		foldMinRangeNoNaN7AVX512(dst, srcs)
	case 8:
		foldMinRangeNoNaN8AVX512(dst, srcs)
	}
	return true
}

// FoldMinSeeNaN is FoldMin (exact as Go's min), and reports whether it saw
// a NaN among the sources; without AVX512 it reports true whatever it saw.
func FoldMinSeeNaN(dst []float64, srcs [][]float64) bool {
	if n := len(dst); n > 0 && len(srcs) >= 2 && len(srcs) <= 8 {
		for _, s := range srcs {
			_ = s[:n] // the kernels read n from each
		}
		if done, nan := foldWide(dst, srcs, false); done == n {
			return nan
		}
	}
	FoldMinBoth(dst, srcs)
	return true
}

// FoldMaxSeeNaN is FoldMax (exact as Go's max), and reports whether it saw
// a NaN among the sources; without AVX512 it reports true whatever it saw.
func FoldMaxSeeNaN(dst []float64, srcs [][]float64) bool {
	if n := len(dst); n > 0 && len(srcs) >= 2 && len(srcs) <= 8 {
		for _, s := range srcs {
			_ = s[:n] // the kernels read n from each
		}
		if done, nan := foldWide(dst, srcs, true); done == n {
			return nan
		}
	}
	FoldMax(dst, srcs)
	return true
}
