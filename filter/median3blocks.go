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

// median3EndsN is the shortest line median3Ends computes: the kernel's
// shortest that takes vectors.
const median3EndsN = 16

// median3Ends computes the float 3x3 medians of a line's first lo and
// last L-hi output pixels into out with med, the one-pass kernel, at
// once: both ends' columns, extended by the mode, side by side in buf's
// lines, their medians in res (len(res) >= lo+L-hi+2, buf's lines 2
// longer; the columns past the ends' hold any numbers, their medians
// are not used). One at a time, with Go's float min and max (which
// handle NaN and -0), these pixels cost ~70 ns each. It makes no NaN
// test: the kernel's pass over the interior reads every column of the
// line, and the extension's values are input ones or a cval that is no
// NaN.
func median3Ends[T vec.Float](w *worker, start int, rows *[3][]T, out []T, lo, hi int, buf *[3][]T, res []T,
	med func(out, a, b, c []T) bool) {
	p := w.p
	L := p.length
	g := lo + 2                     // where the last pixels' columns start
	put := func(at, from, to int) { // input columns [from, to) at buf[at:]
		for j := from; j < to; j++ {
			q := p.mode.index(j, L)
			for r := range buf {
				buf[r][at+j-from] = T(p.cval)
				if q >= 0 {
					buf[r][at+j-from] = rows[r][q]
				}
			}
		}
	}
	put(0, start, lo+start+2)
	put(g, hi+start, L+start+2)
	med(res, buf[0], buf[1], buf[2])
	copy(out[:lo], res[:lo])
	copy(out[hi:L], res[g:g+L-hi])
}
