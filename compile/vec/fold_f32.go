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

// colsort3F32Generic sorts each column (a[i], b[i], c[i]) into lo, md, hi
// (colsort3Generic on float32), and reports whether a, b or c held a NaN.
func colsort3F32Generic(lo, md, hi, a, b, c []float32) bool {
	n := len(lo)
	md, hi, a, b, c = md[:n], hi[:n], a[:n], b[:n], c[:n]
	nan := false
	for i := range lo {
		x, y, z := a[i], b[i], c[i]
		nan = nan || x != x || y != y || z != z
		t1, t2 := min(x, y), max(x, y)
		t3 := max(t1, z)
		lo[i] = min(t1, z)
		md[i] = min(t2, t3)
		hi[i] = max(t2, t3)
	}
	return nan
}

// med9F32Generic is med9Generic on float32.
func med9F32Generic(out, lo, md, hi []float32) {
	n := len(out)
	lo, md, hi = lo[:n+2], md[:n+2], hi[:n+2]
	for i := range out {
		l := max(lo[i], lo[i+1], lo[i+2])
		h := min(hi[i], hi[i+1], hi[i+2])
		a, b, c := md[i], md[i+1], md[i+2]
		m := max(min(a, b), min(max(a, b), c))
		out[i] = max(min(l, m), min(max(l, m), h)) + 0 // + 0: numpy's median is never -0
	}
}
