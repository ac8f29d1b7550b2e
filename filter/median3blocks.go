package filter

import "github.com/kfilter/kfilter/compile/vec"

// median3Block is how many output pixels the float 3x3 medians sort and
// take at once: the block's columns, input and output stay in L1.
const median3Block = 512

// median3Blocks computes the float 3x3 medians of output pixels [from,
// to) into out in blocks: each block's columns (padded index j, input
// index j-padL; the line starts at start) sorted into cols, scratch of
// median3Block+lanes columns, by colsort lanes at a time (the columns
// beyond the line's ends through the mode), then its medians by med9. It
// reports a NaN in the columns sorted (together the calls sort every
// column the windows read; the extension's values are input ones or a
// cval that is no NaN).
func median3Blocks[T vec.Float](w *worker, start int, cols, rows *[3][]T, out []T, from, to, lanes int,
	colsort func(lo, md, hi, a, b, c []T) bool, med9 func(d, lo, md, hi []T)) (nan bool) {
	p := w.p
	L := p.length
	at := p.padL + start
	for x0 := from; x0 < to; x0 += median3Block {
		x1 := min(x0+median3Block, to)
		j0, j1 := at+x0, at+x1+2
		lo, md, hi := cols[0][:j1-j0], cols[1][:j1-j0], cols[2][:j1-j0]
		c0, c1 := max(j0, p.padL), min(j1, p.padL+L)
		// the sort runs on to whole vectors where the line and scratch
		// allow (the columns past j1 are not read)
		if e := min(c0+(c1-c0+lanes-1)&^(lanes-1), p.padL+L, j0+len(cols[0])); c0 < c1 && colsort(
			cols[0][c0-j0:e-j0], cols[1][c0-j0:e-j0], cols[2][c0-j0:e-j0],
			rows[0][c0-p.padL:e-p.padL], rows[1][c0-p.padL:e-p.padL], rows[2][c0-p.padL:e-p.padL]) {
			return true
		}
		for j := j0; j < j1; j++ {
			if j == c0 && c0 < c1 {
				j = c1 - 1
				continue
			}
			// a column beyond the line's ends, through the mode
			var v [3]T
			q := p.mode.index(j-p.padL, L)
			for k := range v {
				v[k] = T(p.cval)
				if q >= 0 {
					v[k] = rows[k][q]
				}
			}
			t1, t2 := min(v[0], v[1]), max(v[0], v[1])
			t3 := max(t1, v[2])
			lo[j-j0], md[j-j0], hi[j-j0] = min(t1, v[2]), min(t2, t3), max(t2, t3)
		}
		med9(out[x0:x1], lo, md, hi)
	}
	return false
}

// median3Edge computes the float 3x3 medians of output pixels [from, to)
// into out one at a time, the columns beyond the line's ends through the
// mode: the pixels at a line's ends, when the one-pass kernel takes the
// others. It makes no NaN test: the kernel's pass reads every column of
// the line, and the extension's values are input ones or a cval that is
// no NaN.
func median3Edge[T vec.Float](w *worker, start int, rows *[3][]T, out []T, from, to int) {
	p := w.p
	L := p.length
	for x := from; x < to; x++ {
		var lo, md, hi [3]T
		for k := range 3 {
			var v [3]T
			q := p.mode.index(x+start+k, L)
			for r := range v {
				v[r] = T(p.cval)
				if q >= 0 {
					v[r] = rows[r][q]
				}
			}
			t1, t2 := min(v[0], v[1]), max(v[0], v[1])
			t3 := max(t1, v[2])
			lo[k], md[k], hi[k] = min(t1, v[2]), min(t2, t3), max(t2, t3)
		}
		l := max(lo[0], lo[1], lo[2])
		h := min(hi[0], hi[1], hi[2])
		m := max(min(md[0], md[1]), min(max(md[0], md[1]), md[2]))
		out[x] = max(min(l, m), min(max(l, m), h)) + 0
	}
}
