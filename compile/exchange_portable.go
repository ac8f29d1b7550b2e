package compile

func exchangePortable(a, b []float64, lo, hi bool) {
	b = b[:len(a)]
	switch {
	case lo && hi:
		for i := range a {
			x, y := a[i], b[i]
			a[i], b[i] = min(x, y), max(x, y)
		}
	case lo:
		for i := range a {
			a[i] = min(a[i], b[i])
		}
	default:
		for i := range a {
			b[i] = max(a[i], b[i])
		}
	}
}

// exchangeToPortable is exchangePortable from x and y into a and b (which
// may be x and y).
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
