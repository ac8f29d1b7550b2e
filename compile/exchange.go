//go:build !(goexperiment.simd && amd64)

package compile

// exchangeTo is exchangeToPortable; the inputs hold no NaN and no -0.
func exchangeTo(a, b, x, y []float64, lo, hi bool) { exchangeToPortable(a, b, x, y, lo, hi) }
