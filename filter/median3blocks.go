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

// median3Col is a column median3Ends gathers: buffer column at from input
// column q (the mode's index; -1: cval).
type median3Col struct{ at, q int }

// median3EndCols lists the columns median3Ends gathers for a line of L
// pixels whose first lo and last L-hi pixels it computes (the box's
// first offset along the line start): both ends' columns, extended by
// the mode, side by side, the last pixels' from lo+2 on.
func median3EndCols(p *plan, start, lo, hi int) []median3Col {
	L := p.length
	var cols []median3Col
	for j := start; j < lo+start+2; j++ {
		cols = append(cols, median3Col{j - start, p.mode.index(j, L)})
	}
	for j := hi + start; j < L+start+2; j++ {
		cols = append(cols, median3Col{lo + 2 + j - hi - start, p.mode.index(j, L)})
	}
	return cols
}

// median3Ends computes the float 3x3 medians of a line's first lo and
// last L-hi output pixels into out with head, the one-pass kernel's
// vector step (vec.Median3x3HeadF32), at once: cols' columns gathered in
// buf's lines, their medians in res (the columns past the ends' hold any
// numbers, their medians are not used; lo+L-hi is 2, so lanes 4 and 8
// hold them all). One at a time, with Go's float min and max (which
// handle NaN and -0), these pixels cost ~70 ns each; through
// median3Blocks more. It makes no NaN test: the kernel's pass over the
// interior reads every column of the line, and the extension's values
// are input ones or a cval that is no NaN.
func median3Ends[T vec.Float](rows *[3][]T, out []T, lo, hi int, cols []median3Col, cval T, buf *[3][]T, res []T,
	head func(out, a, b, c []T) bool) {
	for _, c := range cols {
		for r := range buf {
			buf[r][c.at] = cval
			if c.q >= 0 {
				buf[r][c.at] = rows[r][c.q]
			}
		}
	}
	head(res, buf[0], buf[1], buf[2])
	L := len(out)
	copy(out[:lo], res[:lo])
	copy(out[hi:L], res[lo+2:lo+2+L-hi])
}
