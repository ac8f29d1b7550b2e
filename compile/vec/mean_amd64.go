//go:build !purego

package vec

// MeanBlocks sets d to SumBlocks's sum of src (8 to 128 terms; mu nil) or of the squares
// (src - mu)², divided by c: numpy's mean of the terms. With AVX512 and 8
// to 128 terms the division is in the sum's kernel, before its store,
// instead of a pass of its own.
func MeanBlocks(d []float64, src [][]float64, mu []float64, c float64) {
	if AVX512 && AVX2 && len(d) > 0 && len(src) >= 8 && len(src) <= 128 {
		for _, t := range src {
			_ = t[:len(d)] // the kernel reads len(d) from each
		}
		if boxMean(d, src, mu, c) || boxMeanSq(d, src, mu, c) {
			return
		}
		if mu == nil {
			meanBlocksAVX512(d, src, c)
		} else {
			meanSqBlocksAVX512(d, src, mu[:len(d)], c)
		}
		return
	}
	SumBlocks(d, src, mu)
	DivideBy(d, c)
}
