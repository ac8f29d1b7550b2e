//go:build !amd64 || purego

package vec

// FoldMinCleanF32 sets dst to the min over srcs (1 to 8 of them, each at
// least len(dst) long): Go's min when no source holds a NaN or a -0
// (DirtyF32 says), else foldMinCleanGeneric's rule. dst may be srcs[0].
func FoldMinCleanF32(dst []float32, srcs [][]float32) { foldMinCleanGeneric(dst, srcs) }

// FoldMaxCleanF32 is FoldMinCleanF32 for max.
func FoldMaxCleanF32(dst []float32, srcs [][]float32) { foldMaxCleanGeneric(dst, srcs) }

// DirtyF32 reports whether x holds a NaN or a -0.
func DirtyF32(x []float32) bool { return dirtyGeneric(x) }

// FoldMinBothF32 sets dst to the minimum over srcs (2 to 8 of them, each
// at least len(dst) long), exactly as Go's min.
func FoldMinBothF32(dst []float32, srcs [][]float32) { foldMinF32Generic(dst, srcs) }
