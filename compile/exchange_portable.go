package compile

// exchangeToPortable is one compare-exchange of a sorting network over a
// strip, from x and y into a and b (which may be x and y): a gets the
// smaller of each pair, b the larger, only the side read later when lo or
// hi is false.
func exchangeToPortable(a, b, x, y []float64, lo, hi bool) {
	n := len(a)
	b, x, y = b[:n], x[:n], y[:n]
	switch {
	case lo && hi:
		for i := range a {
			p, q := x[i], y[i]
			a[i], b[i] = min(p, q), max(p, q)
		}
	case lo:
		for i := range a {
			a[i] = min(x[i], y[i])
		}
	default:
		for i := range a {
			b[i] = max(x[i], y[i])
		}
	}
}
