//go:build !purego

package vec

// FoldMinF32 sets dst to the minimum over srcs (2 to 8 of them, each at
// least len(dst) long), exactly as Go's min: the AVX2 kernel eight pixels
// at a time, where it stops (a NaN, or +Inf with -Inf) eight pixels of
// the portable loop, and the portable loop for the tail.
func FoldMinF32(dst []float32, srcs [][]float32) { foldF32(dst, srcs, false) }

// FoldMaxF32 is FoldMinF32 for max.
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
