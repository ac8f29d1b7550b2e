//go:build !purego

package vec

// SumFilter sets d[i] to numpy's pairwise sum of the src[k][i] whose
// predicate pred[k*sb][i] is non-zero (sb 0 or 1), taken in k order, and
// cnt[i] to how many there are: the sum of compile's filter, without
// packing the kept elements. 1 <= len(src) <= 128; pred holds
// (len(src)-1)*sb+1 slices; each src[k], pred[k*sb] and cnt at least
// len(d) long. d and cnt may be slots of src or pred (each pixel is read
// before it is written), not each other.
func SumFilter(d, cnt []float64, src, pred [][]float64, sb int) {
	cnt = cnt[:len(d)]
	n := len(d) &^ 3
	if AVX2 && n > 0 && len(src) > 0 && len(src) <= 128 && (sb == 0 || sb == 1) && len(pred) == (len(src)-1)*sb+1 {
		for k := range src {
			_, _ = src[k][:len(d)], pred[k*sb][:len(d)] // the kernel reads the first n of each
		}
		from := 0
		if AVX512 && n >= 8 { // eight pixels at a time, then four
			from = n &^ 7
			sumFilterAVX512(d[:from], cnt, src, pred, sb)
		}
		if from < n {
			sumFilterAVX2(d, cnt, src, pred, sb, from)
		}
	} else {
		n = 0
	}
	sumFilterGeneric(d, cnt, src, pred, sb, n)
}
