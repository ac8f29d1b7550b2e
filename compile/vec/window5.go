package vec

// window5MinGeneric is Window5MinNoNaN's specification: out[i] is Go's
// min of col[i] .. col[i+4].
func window5MinGeneric(out, col []float64) {
	col = col[:len(out)+4]
	for i := range out {
		out[i] = min(col[i], col[i+1], col[i+2], col[i+3], col[i+4])
	}
}

// window5MaxGeneric is Window5MaxNoNaN's specification.
func window5MaxGeneric(out, col []float64) {
	col = col[:len(out)+4]
	for i := range out {
		out[i] = max(col[i], col[i+1], col[i+2], col[i+3], col[i+4])
	}
}
