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
