//go:build !(goexperiment.simd && amd64)

package compile

// Vector reports whether this build has the AVX2 vector kernels: built with
// GOEXPERIMENT=simd for amd64. They run only on a CPU with AVX2; otherwise
// the portable loops do.
const Vector = false

func addInto(d, a []float64)                               { addIntoPortable(d, a) }
func copyNormalized(w, sum, a []float64)                   { copyNormalizedPortable(w, sum, a) }
func divideBy(d []float64, c float64)                      { divideByPortable(d, c) }
func sqrtLanes(d []float64)                                { sqrtLanesPortable(d) }
func arith(d, a, b []float64, op arithOp)                  { arithPortable(d, a, b, op) }
func sumBlocks(d []float64, src [][]float64, mu []float64) { sumBlocksPortable(d, src, mu) }
func addTerm(d, a, mu []float64)                           { addTermPortable(d, a, mu) }
