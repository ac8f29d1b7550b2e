//go:build !purego

package vec

// FoldMinCleanF32 sets dst to the min over srcs (1 to 8 of them, each at
// least len(dst) long) by plain VMINPS, eight pixels an instruction:
// Go's min when no source holds a NaN or a -0 (DirtyF32 says), else
// foldMinCleanGeneric's rule. dst may be srcs[0].
func FoldMinCleanF32(dst []float32, srcs [][]float32) { foldCleanF32(dst, srcs, false) }

// FoldMaxCleanF32 is FoldMinCleanF32 for max.
func FoldMaxCleanF32(dst []float32, srcs [][]float32) { foldCleanF32(dst, srcs, true) }

// DirtyF32 reports whether x holds a NaN or a -0.
func DirtyF32(x []float32) bool {
	end := len(x) &^ 7
	if !AVX2 || end == 0 {
		return dirtyGeneric(x)
	}
	return dirtyF32AVX2(x) || dirtyGeneric(x[end:])
}

func foldCleanF32(dst []float32, srcs [][]float32, isMax bool) {
	n := len(dst)
	end := n &^ 7
	if !AVX2 || end == 0 || len(srcs) < 2 || len(srcs) > 8 {
		if isMax {
			foldMaxCleanGeneric(dst, srcs)
		} else {
			foldMinCleanGeneric(dst, srcs)
		}
		return
	}
	for _, s := range srcs {
		_ = s[:n] // the kernels read n from each
	}
	if isMax {
		switch len(srcs) {
		case 2:
			foldMaxCleanF32x2AVX2(dst, srcs)
		case 3:
			foldMaxCleanF32x3AVX2(dst, srcs)
		case 4:
			foldMaxCleanF32x4AVX2(dst, srcs)
		case 5:
			foldMaxCleanF32x5AVX2(dst, srcs)
		case 6:
			foldMaxCleanF32x6AVX2(dst, srcs)
		case 7:
			foldMaxCleanF32x7AVX2(dst, srcs)
		default:
			foldMaxCleanF32x8AVX2(dst, srcs)
		}
	} else {
		switch len(srcs) {
		case 2:
			foldMinCleanF32x2AVX2(dst, srcs)
		case 3:
			foldMinCleanF32x3AVX2(dst, srcs)
		case 4:
			foldMinCleanF32x4AVX2(dst, srcs)
		case 5:
			foldMinCleanF32x5AVX2(dst, srcs)
		case 6:
			foldMinCleanF32x6AVX2(dst, srcs)
		case 7:
			foldMinCleanF32x7AVX2(dst, srcs)
		default:
			foldMinCleanF32x8AVX2(dst, srcs)
		}
	}
	if end < n {
		var part [8][]float32
		for k, s := range srcs {
			part[k] = s[end:n]
		}
		if isMax {
			foldMaxCleanGeneric(dst[end:], part[:len(srcs)])
		} else {
			foldMinCleanGeneric(dst[end:], part[:len(srcs)])
		}
	}
}

// FoldMinBothF32 sets dst to the minimum over srcs (2 to 8 of them, each
// at least len(dst) long), exactly as Go's min, NaN payloads apart:
// FoldMinF32's kernel (the OR of VMINPS in both operand orders) sixteen
// pixels an iteration. dst may be srcs[0].
func FoldMinBothF32(dst []float32, srcs [][]float32) {
	n := len(dst)
	end := n &^ 7
	if !AVX2 || end == 0 || len(srcs) < 2 || len(srcs) > 8 {
		foldMinF32Generic(dst, srcs)
		return
	}
	for _, s := range srcs {
		_ = s[:n] // the kernels read n from each
	}
	switch len(srcs) {
	case 2:
		foldMinBothF32x2AVX2(dst, srcs)
	case 3:
		foldMinBothF32x3AVX2(dst, srcs)
	case 4:
		foldMinBothF32x4AVX2(dst, srcs)
	case 5:
		foldMinBothF32x5AVX2(dst, srcs)
	case 6:
		foldMinBothF32x6AVX2(dst, srcs)
	case 7:
		foldMinBothF32x7AVX2(dst, srcs)
	default:
		foldMinBothF32x8AVX2(dst, srcs)
	}
	if end < n {
		var part [8][]float32
		for k, s := range srcs {
			part[k] = s[end:n]
		}
		foldMinF32Generic(dst[end:], part[:len(srcs)])
	}
}
