//go:build !(goexperiment.simd && amd64)

package filter

func colsort3(lo, md, hi, a, b, c []float64) { colsort3Portable(lo, md, hi, a, b, c) }

func med9(out, lo, md, hi []float64) { med9Portable(out, lo, md, hi) }

func minOfMax(out, x, y []float64, first bool) { minOfMaxPortable(out, x, y, first) }
