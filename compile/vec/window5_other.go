//go:build !amd64 || purego

package vec

// Window5MinNoNaN sets out[i] to min(col[i], ..., col[i+4]) (Go's min,
// -0 below +0) for col holding no NaN and at least len(out)+4 values.
func Window5MinNoNaN(out, col []float64) { window5MinGeneric(out, col) }

// Window5MaxNoNaN is Window5MinNoNaN with max.
func Window5MaxNoNaN(out, col []float64) { window5MaxGeneric(out, col) }
