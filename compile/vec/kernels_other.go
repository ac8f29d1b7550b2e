//go:build !amd64 || purego

package vec

// haveAsm: this build has no vector kernels, only the portable loops.
const haveAsm = false

func AddInto(d, a []float64)                               { addIntoGeneric(d, a) }
func CopyNormalized(w, sum, a []float64)                   { copyNormalizedGeneric(w, sum, a) }
func DivideBy(d []float64, c float64)                      { divideByGeneric(d, c) }
func Sqrt(d []float64)                                     { sqrtGeneric(d) }
func Arith(d, a, b []float64, op Op)                       { arithGeneric(d, a, b, op) }
func AddTerm(d, a, mu []float64)                           { addTermGeneric(d, a, mu) }
func SumBlocks(d []float64, src [][]float64, mu []float64) { sumBlocksGeneric(d, src, mu) }
func ExchangeTo(a, b, x, y []float64, lo, hi bool)         { exchangeToGeneric(a, b, x, y, lo, hi) }
func Colsort3(lo, md, hi, a, b, c []float64)               { colsort3Generic(lo, md, hi, a, b, c) }
func Med9(out, lo, md, hi []float64)                       { med9Generic(out, lo, md, hi) }
func MinOfMax(out, x, y []float64, first bool)             { minOfMaxGeneric(out, x, y, first) }
func FoldMin(dst []float64, srcs [][]float64)              { foldMinGeneric(dst, srcs) }
func FoldMax(dst []float64, srcs [][]float64)              { foldMaxGeneric(dst, srcs) }
func MinU8(a, x, y []uint8)                                { minIntsGeneric(a, x, y) }
func MaxU8(a, x, y []uint8)                                { maxIntsGeneric(a, x, y) }
func MinI8(a, x, y []int8)                                 { minIntsGeneric(a, x, y) }
func MaxI8(a, x, y []int8)                                 { maxIntsGeneric(a, x, y) }
func MinU16(a, x, y []uint16)                              { minIntsGeneric(a, x, y) }
func MaxU16(a, x, y []uint16)                              { maxIntsGeneric(a, x, y) }
func MinI16(a, x, y []int16)                               { minIntsGeneric(a, x, y) }
func MaxI16(a, x, y []int16)                               { maxIntsGeneric(a, x, y) }
