package vec

// box3x3Generic sets out[i] to the min (or max) of the 3x3 window
// a[i:i+3], b[i:i+3], c[i:i+3]; a, b and c are at least len(out)+2 long.
func box3x3Generic(out, a, b, c []uint8, isMax bool) {
	n := len(out)
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	for i := range out {
		if isMax {
			out[i] = max(a[i], a[i+1], a[i+2], b[i], b[i+1], b[i+2], c[i], c[i+1], c[i+2])
		} else {
			out[i] = min(a[i], a[i+1], a[i+2], b[i], b[i+1], b[i+2], c[i], c[i+1], c[i+2])
		}
	}
}
