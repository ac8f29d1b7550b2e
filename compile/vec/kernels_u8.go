package vec

// median3x3Generic sets out[i] to the median of the 3x3 window
// a[i:i+3], b[i:i+3], c[i:i+3]: each column sorted, then med3(max of the
// lows, med3 of the middles, min of the highs). a, b and c are at least
// len(out)+2 long.
func median3x3Generic[T Integer](out, a, b, c []T) {
	n := len(out)
	a, b, c = a[:n+2], b[:n+2], c[:n+2]
	var lo, md, hi [3]T
	for i := range out {
		for k := 0; k < 3; k++ {
			x, y, z := a[i+k], b[i+k], c[i+k]
			t1, t2 := min(x, y), max(x, y)
			t3 := max(t1, z)
			lo[k], md[k], hi[k] = min(t1, z), min(t2, t3), max(t2, t3)
		}
		l := max(lo[0], lo[1], lo[2])
		h := min(hi[0], hi[1], hi[2])
		m := max(min(md[0], md[1]), min(max(md[0], md[1]), md[2]))
		out[i] = max(min(l, m), min(max(l, m), h))
	}
}

// rankOf25Generic sets out[i] to rank 12 (the median) of the 25 values
// s[r][i+c], r, c < 5, by counting: the portable twin of the 5x5
// selection kernel (which needs the columns s[0..4][i+c] sorted; this
// does not).
func rankOf25Generic(out []uint8, s [][]uint8) {
	var win [25]uint8
	for i := range out {
		for c := 0; c < 5; c++ {
			for r := 0; r < 5; r++ {
				win[c*5+r] = s[r][i+c]
			}
		}
		for _, v := range win {
			below, eq := 0, 0
			for _, u := range win {
				if u < v {
					below++
				} else if u == v {
					eq++
				}
			}
			if below <= 12 && 12 < below+eq {
				out[i] = v
				break
			}
		}
	}
}

// rankOfBoxGeneric sets out[i] to rank k of the h*w values s[r][i+c],
// r < h, c < w, by counting: the portable twin of the 7x7 kernel, and of
// the 5x5 one (which needs the columns s[0..4][i+c] sorted; this does
// not).
func rankOfBoxGeneric(out []uint8, s [][]uint8, h, w, k int) {
	win := make([]uint8, 0, h*w)
	for i := range out {
		win = win[:0]
		for c := 0; c < w; c++ {
			for r := 0; r < h; r++ {
				win = append(win, s[r][i+c])
			}
		}
		for _, v := range win {
			below, eq := 0, 0
			for _, u := range win {
				if u < v {
					below++
				} else if u == v {
					eq++
				}
			}
			if below <= k && k < below+eq {
				out[i] = v
				break
			}
		}
	}
}
