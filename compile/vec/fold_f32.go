package vec

// foldMinF32Generic sets dst to the minimum over srcs (each at least
// len(dst) long), as Go's min: NaN if any operand is NaN, -0 below +0. min
// is associative and commutative with those rules, so any order gives the
// vector kernels' balanced tree's result.
func foldMinF32Generic(dst []float32, srcs [][]float32) {
	n := len(dst)
	copy(dst, srcs[0][:n])
	for _, s := range srcs[1:] {
		s = s[:n]
		for i := range dst {
			dst[i] = min(dst[i], s[i])
		}
	}
}

// foldMaxF32Generic is foldMinF32Generic for max.
func foldMaxF32Generic(dst []float32, srcs [][]float32) {
	n := len(dst)
	copy(dst, srcs[0][:n])
	for _, s := range srcs[1:] {
		s = s[:n]
		for i := range dst {
			dst[i] = max(dst[i], s[i])
		}
	}
}
