//go:build !(goexperiment.simd && amd64)

package compile

// exchange is one compare-exchange of a sorting network over a strip: a
// gets the smaller of each pair, b the larger (only the side that is read
// later, when lo or hi is false). The inputs hold no NaN and no -0.
func exchange(a, b []float64, lo, hi bool) { exchangePortable(a, b, lo, hi) }

func exchangeTo(a, b, x, y []float64, lo, hi bool) { exchangeToPortable(a, b, x, y, lo, hi) }
