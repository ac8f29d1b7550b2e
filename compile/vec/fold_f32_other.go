//go:build !amd64 || purego

package vec

// FoldMinF32 sets dst to the minimum over srcs (2 to 8 of them, each at
// least len(dst) long), exactly as Go's min.
func FoldMinF32(dst []float32, srcs [][]float32) { foldMinF32Generic(dst, srcs) }

// FoldMaxF32 sets dst to the maximum over srcs (2 to 8 of them, each at
// least len(dst) long), exactly as Go's max.
func FoldMaxF32(dst []float32, srcs [][]float32) { foldMaxF32Generic(dst, srcs) }
