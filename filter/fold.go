package filter

// foldPortable sets dst to op over srcs (2 to 8 of them) in one pass. The
// operands combine as a balanced tree, not a chain: the tree's depth, not
// the operation count, bounds how fast a pixel can finish, and Go's
// NaN-propagating min and max are slow enough that it matters (about 1.7x
// for a cross on this project's test machine).
func foldPortable(dst []float64, srcs [][]float64, op segOp) {
	n := len(dst)
	switch op {
	case opMin:
		switch len(srcs) {
		case 2:
			a, b := srcs[0][:n], srcs[1][:n]
			for i := range dst {
				dst[i] = min(a[i], b[i])
			}
		case 3:
			a, b, c := srcs[0][:n], srcs[1][:n], srcs[2][:n]
			for i := range dst {
				dst[i] = min(min(a[i], b[i]), c[i])
			}
		case 4:
			a, b, c, d := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n]
			for i := range dst {
				dst[i] = min(min(a[i], b[i]), min(c[i], d[i]))
			}
		case 5:
			a, b, c, d, e := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n]
			for i := range dst {
				dst[i] = min(min(min(a[i], b[i]), c[i]), min(d[i], e[i]))
			}
		case 6:
			a, b, c, d, e, f := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n]
			for i := range dst {
				dst[i] = min(min(min(a[i], b[i]), c[i]), min(min(d[i], e[i]), f[i]))
			}
		case 7:
			a, b, c, d, e, f, g := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n], srcs[6][:n]
			for i := range dst {
				dst[i] = min(min(min(a[i], b[i]), min(c[i], d[i])), min(min(e[i], f[i]), g[i]))
			}
		case 8:
			a, b, c, d, e, f, g, h := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n], srcs[6][:n], srcs[7][:n]
			for i := range dst {
				dst[i] = min(min(min(a[i], b[i]), min(c[i], d[i])), min(min(e[i], f[i]), min(g[i], h[i])))
			}
		}
	case opMax:
		switch len(srcs) {
		case 2:
			a, b := srcs[0][:n], srcs[1][:n]
			for i := range dst {
				dst[i] = max(a[i], b[i])
			}
		case 3:
			a, b, c := srcs[0][:n], srcs[1][:n], srcs[2][:n]
			for i := range dst {
				dst[i] = max(max(a[i], b[i]), c[i])
			}
		case 4:
			a, b, c, d := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n]
			for i := range dst {
				dst[i] = max(max(a[i], b[i]), max(c[i], d[i]))
			}
		case 5:
			a, b, c, d, e := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n]
			for i := range dst {
				dst[i] = max(max(max(a[i], b[i]), c[i]), max(d[i], e[i]))
			}
		case 6:
			a, b, c, d, e, f := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n]
			for i := range dst {
				dst[i] = max(max(max(a[i], b[i]), c[i]), max(max(d[i], e[i]), f[i]))
			}
		case 7:
			a, b, c, d, e, f, g := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n], srcs[6][:n]
			for i := range dst {
				dst[i] = max(max(max(a[i], b[i]), max(c[i], d[i])), max(max(e[i], f[i]), g[i]))
			}
		case 8:
			a, b, c, d, e, f, g, h := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n], srcs[6][:n], srcs[7][:n]
			for i := range dst {
				dst[i] = max(max(max(a[i], b[i]), max(c[i], d[i])), max(max(e[i], f[i]), max(g[i], h[i])))
			}
		}
	case opAdd:
		switch len(srcs) {
		case 2:
			a, b := srcs[0][:n], srcs[1][:n]
			for i := range dst {
				dst[i] = a[i] + b[i]
			}
		case 3:
			a, b, c := srcs[0][:n], srcs[1][:n], srcs[2][:n]
			for i := range dst {
				dst[i] = (a[i] + b[i]) + c[i]
			}
		case 4:
			a, b, c, d := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n]
			for i := range dst {
				dst[i] = (a[i] + b[i]) + (c[i] + d[i])
			}
		case 5:
			a, b, c, d, e := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n]
			for i := range dst {
				dst[i] = ((a[i] + b[i]) + c[i]) + (d[i] + e[i])
			}
		case 6:
			a, b, c, d, e, f := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n]
			for i := range dst {
				dst[i] = ((a[i] + b[i]) + c[i]) + ((d[i] + e[i]) + f[i])
			}
		case 7:
			a, b, c, d, e, f, g := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n], srcs[6][:n]
			for i := range dst {
				dst[i] = ((a[i] + b[i]) + (c[i] + d[i])) + ((e[i] + f[i]) + g[i])
			}
		case 8:
			a, b, c, d, e, f, g, h := srcs[0][:n], srcs[1][:n], srcs[2][:n], srcs[3][:n], srcs[4][:n], srcs[5][:n], srcs[6][:n], srcs[7][:n]
			for i := range dst {
				dst[i] = ((a[i] + b[i]) + (c[i] + d[i])) + ((e[i] + f[i]) + (g[i] + h[i]))
			}
		}
	}
}
