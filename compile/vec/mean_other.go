//go:build !amd64 || purego

package vec

// MeanBlocks sets d to SumBlocks's sum of src (8 to 128 terms; mu nil) or of the squares
// (src - mu)², divided by c: numpy's mean of the terms.
func MeanBlocks(d []float64, src [][]float64, mu []float64, c float64) {
	SumBlocks(d, src, mu)
	DivideBy(d, c)
}
