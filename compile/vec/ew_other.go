//go:build !amd64 || purego

package vec

func Abs(d, a []float64)                { absGeneric(d, a) }
func Neg(d, a []float64)                { negGeneric(d, a) }
func SubAbs(d, a, b []float64)          { subAbsGeneric(d, a, b) }
func ExpFrom(d, a []float64, i int) int { return i }
