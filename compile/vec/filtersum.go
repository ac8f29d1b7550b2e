package vec

// sumFilterGeneric sets d[i] to the pairwise sum (compile's pairwiseSum,
// numpy's order) of the src[k][i] whose pred[k*sb][i] is non-zero, in k
// order, and cnt[i] to their count, from pixel i0 on, one pixel at a
// time: compile's filter then its sum, the kept elements packed first.
// Every pixel's reads come before its stores, so d and cnt may be slots
// of src or pred.
func sumFilterGeneric(d, cnt []float64, src, pred [][]float64, sb, i0 int) {
	var buf [128]float64
	for i := i0; i < len(d); i++ {
		c := 0
		for k, a := range src {
			buf[c] = a[i]
			c += b2i(pred[k*sb][i] != 0)
		}
		cnt[i], d[i] = float64(c), pairwise128(buf[:c])
	}
}
