//go:build !amd64 || purego

package vec

// FoldMinF32 sets dst to the minimum over srcs (2 to 8 of them, each at
// least len(dst) long), exactly as Go's min.
func FoldMinF32(dst []float32, srcs [][]float32) { foldMinF32Generic(dst, srcs) }

// FoldMaxF32 sets dst to the maximum over srcs (2 to 8 of them, each at
// least len(dst) long), exactly as Go's max.
func FoldMaxF32(dst []float32, srcs [][]float32) { foldMaxF32Generic(dst, srcs) }

// Colsort3F32 sorts each column (a[i], b[i], c[i]) into lo, md, hi, and
// reports whether a, b or c held a NaN (then lo, md, hi are meaningless).
// The sign of equal zeros is arbitrary.
func Colsort3F32(lo, md, hi, a, b, c []float32) bool { return colsort3F32Generic(lo, md, hi, a, b, c) }

// Med9F32 sets out[i] to the median of the 3x3 window whose sorted
// columns start at i in lo, md, hi (each len(out)+2 long), never -0. The
// inputs hold no NaN.
func Med9F32(out, lo, md, hi []float32) { med9F32Generic(out, lo, md, hi) }

// FoldMinBoth is FoldMin.
func FoldMinBoth(dst []float64, srcs [][]float64) { foldMinGeneric(dst, srcs) }
