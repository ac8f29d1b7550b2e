//go:build !amd64 || purego

package vec

func SumFilter(d, cnt []float64, src, pred [][]float64, sb int) {
	sumFilterGeneric(d, cnt, src, pred, sb, 0)
}
