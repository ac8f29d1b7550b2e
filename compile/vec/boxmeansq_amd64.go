//go:build !purego

package vec

import "unsafe"

// boxMeanSq is MeanBlocks's AVX-512 mean of (x - mu)² over a w x w box
// (w 5, 7 or 9) of w rows of w consecutive views each, as the lane
// program hands a box footprint's values (np.var's second pass): it
// reads each row's base once (boxMeanSq*AVX512) instead of each term's
// slice header, with the same arithmetic in the same order, so the same
// bits. It reports false, doing nothing, when src is not such a box.
func boxMeanSq(d []float64, src [][]float64, mu []float64, c float64) bool {
	w := 0
	switch len(src) {
	case 25:
		w = 5
	case 49:
		w = 7
	case 81:
		w = 9
	default:
		return false
	}
	if len(d) < 8 || mu == nil {
		return false
	}
	for r := 0; r < len(src); r += w {
		base := unsafe.Pointer(unsafe.SliceData(src[r]))
		for k := 1; k < w; k++ {
			if unsafe.Pointer(unsafe.SliceData(src[r+k])) != unsafe.Add(base, 8*k) {
				return false
			}
		}
	}
	mu = mu[:len(d)]
	switch w {
	case 5:
		boxMeanSq5AVX512(d, src, mu, c)
	case 7:
		boxMeanSq7AVX512(d, src, mu, c)
	default:
		boxMeanSq9AVX512(d, src, mu, c)
	}
	n := len(d) &^ 7
	if n == len(d) {
		return true
	}
	var tail [81][]float64
	for k, t := range src {
		tail[k] = t[n:len(d)]
	}
	meanSqBlocksAVX512(d[n:], tail[:len(src)], mu[n:], c)
	return true
}
