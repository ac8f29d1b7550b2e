//go:build !purego

package vec

// FoldMinMaxSeeNaN sets mn to FoldMin and mx to FoldMax over srcs (exact
// as Go's min and max), with AVX-512 in one pass that loads each source
// once, and reports whether it saw a NaN among them; without AVX512 it
// reports true whatever it saw. len(mx) must be at least len(mn).
func FoldMinMaxSeeNaN(mn, mx []float64, srcs [][]float64) bool {
	n := len(mn)
	mx = mx[:n]
	if n > 0 && len(srcs) >= 2 && len(srcs) <= 8 && AVX512 && AVX2 {
		for _, s := range srcs {
			_ = s[:n] // the kernels read n from each
		}
		switch len(srcs) {
		case 2:
			return foldMinMaxRange2AVX512(mn, mx, srcs)
		case 3:
			return foldMinMaxRange3AVX512(mn, mx, srcs)
		case 4:
			return foldMinMaxRange4AVX512(mn, mx, srcs)
		case 5:
			return foldMinMaxRange5AVX512(mn, mx, srcs)
		case 6:
			return foldMinMaxRange6AVX512(mn, mx, srcs)
		case 7:
			return foldMinMaxRange7AVX512(mn, mx, srcs)
		default:
			return foldMinMaxRange8AVX512(mn, mx, srcs)
		}
	}
	return foldMinMaxGeneric(mn, mx, srcs)
}
