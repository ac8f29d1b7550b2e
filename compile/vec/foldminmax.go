package vec

// foldMinMaxGeneric is FoldMinMaxSeeNaN's specification: mn[i] and mx[i]
// are Go's min and max of srcs[k][i] over k (NaN if one is; -0 below +0),
// for i < len(mn) (len(mx) >= len(mn)); it reports true, having not looked
// for a NaN.
func foldMinMaxGeneric(mn, mx []float64, srcs [][]float64) bool {
	mx = mx[:len(mn)]
	for i := range mn {
		lo, hi := srcs[0][i], srcs[0][i]
		for _, s := range srcs[1:] {
			lo, hi = min(lo, s[i]), max(hi, s[i])
		}
		mn[i], mx[i] = lo, hi
	}
	return true
}
