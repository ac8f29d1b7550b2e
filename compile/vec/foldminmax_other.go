//go:build !amd64 || purego

package vec

// FoldMinMaxSeeNaN is foldMinMaxGeneric: it reports true whatever it saw.
func FoldMinMaxSeeNaN(mn, mx []float64, srcs [][]float64) bool {
	return foldMinMaxGeneric(mn, mx, srcs[:len(srcs):len(srcs)])
}
