//go:build !amd64 || purego

package vec

// FoldMinNoNaN is FoldMin for sources the caller knows hold no NaN.
func FoldMinNoNaN(dst []float64, srcs [][]float64) { FoldMin(dst, srcs) }

// FoldMaxNoNaN is FoldMax for sources the caller knows hold no NaN.
func FoldMaxNoNaN(dst []float64, srcs [][]float64) { FoldMax(dst, srcs) }

// FoldMinSeeNaN is FoldMin, reporting true (it does not look for NaN).
func FoldMinSeeNaN(dst []float64, srcs [][]float64) bool { FoldMin(dst, srcs); return true }

// FoldMaxSeeNaN is FoldMax, reporting true (it does not look for NaN).
func FoldMaxSeeNaN(dst []float64, srcs [][]float64) bool { FoldMax(dst, srcs); return true }
