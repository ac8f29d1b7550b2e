//go:build !amd64 || purego

package vec

func Lt(d, a, b []float64)        { ltGeneric(d, a, b) }
func Le(d, a, b []float64)        { leGeneric(d, a, b) }
func Gt(d, a, b []float64)        { gtGeneric(d, a, b) }
func Ge(d, a, b []float64)        { geGeneric(d, a, b) }
func Eq(d, a, b []float64)        { eqGeneric(d, a, b) }
func Ne(d, a, b []float64)        { neGeneric(d, a, b) }
func And(d, a, b []float64)       { andGeneric(d, a, b) }
func Or(d, a, b []float64)        { orGeneric(d, a, b) }
func Not(d, a []float64)          { notGeneric(d, a) }
func IsNaN(d, a []float64)        { isNaNGeneric(d, a) }
func Floor(d, a []float64)        { floorGeneric(d, a) }
func Ceil(d, a []float64)         { ceilGeneric(d, a) }
func Round(d, a []float64)        { roundGeneric(d, a) }
func CountAdd(d, a []float64)     { countAddGeneric(d, a) }
func Select(d, a, b, c []float64) { selectGeneric(d, a, b, c) }
func Minimum(d, a, b []float64)   { minimumGeneric(d, a, b) }
func Maximum(d, a, b []float64)   { maximumGeneric(d, a, b) }
func Clip(d, a, lo, hi []float64) { clipGeneric(d, a, lo, hi) }

func SumLens(d []float64, src [][]float64, lens []float64) { sumLensGeneric(d, src, lens) }
