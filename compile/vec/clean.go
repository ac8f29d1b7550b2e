package vec

// The folds for clean float32 lines: lines with no NaN and no -0, on
// which the plain vector min and max (VMINPS, VMAXPS) give Go's min and
// max bit for bit, one instruction a source. The portable twins below are
// the specification, and follow the instructions on any input: x < y ? x
// : y for min, x > y ? x : y for max, folded from the first source in
// order. A caller that has checked its lines with DirtyF32 gets Go's min
// and max; on other lines, the exact folds (FoldMinF32, ...) are the ones
// to call.

// Float is float32 or float64: the folds', the network kernels' and the
// NaN tests' types.
type Float interface{ ~float32 | ~float64 }

// foldMinCleanGeneric sets dst[i] to srcs[0][i], then for each further
// source s to dst[i] if dst[i] < s[i], else s[i].
func foldMinCleanGeneric[T Float](dst []T, srcs [][]T) {
	n := len(dst)
	copy(dst, srcs[0][:n])
	for _, s := range srcs[1:] {
		s = s[:n]
		for i, x := range s {
			if !(dst[i] < x) {
				dst[i] = x
			}
		}
	}
}

// foldMaxCleanGeneric is foldMinCleanGeneric with >.
func foldMaxCleanGeneric[T Float](dst []T, srcs [][]T) {
	n := len(dst)
	copy(dst, srcs[0][:n])
	for _, s := range srcs[1:] {
		s = s[:n]
		for i, x := range s {
			if !(dst[i] > x) {
				dst[i] = x
			}
		}
	}
}

// dirtyGeneric reports whether x holds a NaN or a -0: the values on which
// the clean folds may differ from Go's min and max.
func dirtyGeneric[T Float](x []T) bool {
	for _, v := range x {
		if v != v || v == 0 && signbit(v) {
			return true
		}
	}
	return false
}

func signbit[T Float](v T) bool {
	// 1/-0 is -Inf; v is a zero here
	return 1/v < 0
}
