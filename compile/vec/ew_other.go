//go:build !amd64 || purego

package vec

func Abs(d, a []float64)                                         { absGeneric(d, a) }
func Neg(d, a []float64)                                         { negGeneric(d, a) }
func ExpFrom(d, a []float64, i int) int                          { return i }
func AddAbsDev(d, a, mu []float64)                               { addAbsDevGeneric(d, a, mu) }
func SumAbsDevBlocks(d []float64, src [][]float64, mu []float64) { sumAbsDevBlocksGeneric(d, src, mu) }
