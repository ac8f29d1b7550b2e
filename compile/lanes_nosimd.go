//go:build !(goexperiment.simd && amd64)

package compile

func addInto(d, a []float64)              { addIntoPortable(d, a) }
func combine8(d []float64, r [][]float64) { combine8Portable(d, r) }
func squaredDeviation(v, a, m []float64)  { squaredDeviationPortable(v, a, m) }
func copyNormalized(w, sum, a []float64)  { copyNormalizedPortable(w, sum, a) }
func divideBy(d []float64, c float64)     { divideByPortable(d, c) }
func sqrtLanes(d []float64)               { sqrtLanesPortable(d) }
func arith(d, a, b []float64, op arithOp) { arithPortable(d, a, b, op) }
