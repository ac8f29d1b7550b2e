package filter

import (
	"fmt"
	"math/bits"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// ctMedianAlg is a rank of uint8 (or int8) pixels over a large box by Perreault and
// Hébert's constant-time median: a histogram per column of the box's
// height, kept from one output line to the next (one pixel out and one in
// per column), and the window's histogram along the line from those (a
// column in, a column out per pixel), in two levels: 16 coarse bins kept
// at every step, the 16 fine bins under one coarse bin brought up to date
// only when the rank falls there. The counts are 16-bit lanes of uint64
// words, four bins added or taken away by one integer instruction. Its
// cost per pixel does not grow with the box; the sliding histogram's
// (histogramAlg) grows with its height. Boxes of at most 255 values
// count in bytes instead, with AVX2 (vec.CTMedianU8): the window's 16
// coarse bins in one vector register, a rank found in 16 bins by running
// sums in another; 15x15 on 2048x2048, one thread, went from 230-280 ms
// to 60-80 ms (a shared machine). Larger boxes take the same kernel with
// 16-bit counts (vec.CTMedianU16, 16 bins a YMM register), with AVX2;
// both from fewer rows (ctMedianVecRows). Boxes of fewer than
// ctMedianVecValues values go to typedRankAlg.
type ctMedianAlg struct{}

// ctMedianRows is the fewest rows (runs) of a box taken: the sliding
// histogram moves two bins per row and pixel, this a constant amount;
// measured on 2048x2048 uint8 (user CPU time, one thread, a shared
// machine), the histogram takes half the time at 7x7 and about the same
// at 15x15.
const ctMedianRows = 15

// ctMedianVecRows is the fewest rows with the AVX2 kernels: measured on
// 2048x2048 uint8 noise, one thread, a shared machine, the sliding
// histogram against the 8-bit kernel: 7x21 215-480 ms against 65-115, 9x9
// 229-1194 against 80-295, 11x11 372-1018 against 136-284, 13x13
// 339-1762 against 113-231; at 2 to 5 rows about the same.
const ctMedianVecRows = 9

// ctMedianVecValues is the fewest values of a box this path is chosen
// for (typedRankAlg, tried first, leaves it those): below, the typed rank
// path is faster, its cost growing with the footprint, this one's not. Measured on 1024x1024, one thread, a shared
// machine (steady-state medians, ms): int8 7x7 median 11 (typed rank)
// against 22 here on noise; 9x9 uint8 26 here against 30 typed on noise,
// 36 against 44 on a photo; int8 9x9 28 against 28, 37 against 64.
const ctMedianVecValues = 81

type ctMedianPlan struct {
	*patternPlan
	h, w, start, rank int
	top               bool // the whole kernel: it may write an output of the input's type
	signed            bool // int8: the bins of v ^ 0x80
	bytes             bool // 8-bit counts and vec.CTMedianU8 (at most 255 values, AVX2)
	wide              bool // else 16-bit counts and vec.CTMedianU16 (AVX2)
	why               string
}

func (ctMedianAlg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || pp.pat.Kind != compile.RankPattern || pp.pat.Pre != nil || c.dtype != Uint8 && c.dtype != Int8 || !cvalIs(c.p, c.dtype) ||
		len(pp.lens) != 1 || pp.n > 32767 {
		return nil
	}
	bytes := pp.n <= 255 && vec.AVX2
	if len(pp.runs) < ctMedianRows && !(vec.AVX2 && len(pp.runs) >= ctMedianVecRows) {
		return nil
	}
	for _, r := range pp.runs {
		if r.start != pp.runs[0].start {
			return nil
		}
	}
	r1, r2, t, ok := pp.pat.Ranks(pp.n)
	if !ok || r1 != r2 && !(pp.pat.Percent && t == 0) {
		return nil
	}
	h, w := len(pp.runs), pp.lens[0]
	signed := ""
	if c.dtype == Int8 {
		signed = " (the sign bit flipped: bins in the values' order)"
	}
	m := &ctMedianPlan{signed: c.dtype == Int8, patternPlan: pp, h: h, w: w, start: pp.runs[0].start, rank: r1, top: !c.sub, bytes: bytes, wide: !bytes && vec.AVX2,
		why: fmt.Sprintf("rank %d of a %dx%d box of %v by the constant-time median (Perreault-Hébert): a histogram per column kept from line to line, the window's from those in 16 coarse and 256 fine bins, four 16-bit bins an integer instruction; %v never widened%s", r1, h, w, c.dtype, c.dtype, signed)}
	if m.bytes || m.wide {
		counts := "8-bit counts (the box holds at most 255 values)"
		if m.wide {
			counts = "16-bit counts"
		}
		m.why = fmt.Sprintf("rank %d of a %dx%d box of %v by the constant-time median (Perreault-Hébert): a histogram per column kept from line to line with %s, the window's from those in 16 coarse bins (one vector register, moved a column in and out per pixel) and 256 fine bins, the 16 under the rank's coarse bin brought up to date only when the rank falls there, a rank found by running sums over 16 bins (AVX2); %v never widened%s", r1, h, w, c.dtype, counts, c.dtype, signed)
	}
	return m
}

func (m *ctMedianPlan) path() Path { return Path{Kind: CTMedianPath, Reason: m.why, Exact: true} }

type ctMedianWorker struct {
	m *ctMedianPlan
	// per column x of the padded line (P of them): 4 coarse words (bin
	// v>>4 in word v>>6, lane (v>>4)&3) at coarse[4x], and the fine bins
	// segment by segment, so that a segment's columns follow one another
	// in memory: bin v in word (v>>4)*4P + 4x + (v>>2)&3, lane v&3
	fine, coarse []uint64
	// with m.bytes, the same in bytes, as vec.CTMedianU8 takes them: per
	// column x the 16 coarse bins at coarse8[16x:], fine bin v at
	// fine8[(v>>4)*16P + 16x + v&15]
	fine8, coarse8 []uint8
	// with m.wide, the same in 16-bit counts (vec.CTMedianU16)
	fine16, coarse16 []uint16
	P                int
	keys             []int     // the input lines in the column histograms, in order
	rows             [][]uint8 // their contents (a ring: row keys[i] in rows[(head+i)%h])
	head             int
	valid            bool
	want             []int
	res              []uint8
	conv             []uint8 // an int8 line, the sign bit flipped
}

func (m *ctMedianPlan) newWorker(p *plan) lineWorker {
	P := p.padL + p.length + p.padR
	cw := &ctMedianWorker{m: m, keys: make([]int, m.h),
		rows: typedVectors[uint8](m.h, P), want: make([]int, m.h), res: make([]uint8, p.length), P: P}
	if m.signed {
		cw.conv = make([]uint8, P)
	}
	switch {
	case m.bytes:
		cw.fine8, cw.coarse8 = make([]uint8, 256*P), make([]uint8, 16*P)
	case m.wide:
		cw.fine16, cw.coarse16 = make([]uint16, 256*P), make([]uint16, 16*P)
	default:
		cw.fine, cw.coarse = make([]uint64, 64*P), make([]uint64, 4*P)
	}
	return cw
}

func (cw *ctMedianWorker) swapCounts(out, in []uint8) {
	if cw.m.bytes {
		swapCounts(cw.fine8, cw.coarse8, cw.P, out, in)
	} else {
		swapCounts(cw.fine16, cw.coarse16, cw.P, out, in)
	}
}

// swapCounts takes the values of out from the histograms (vec.CTMedianU8's
// layout, in bytes or 16-bit counts) of their columns and puts those of
// in, in one pass.
func swapCounts[C uint8 | uint16](fine, coarse []C, P int, out, in []uint8) {
	P16 := 16 * P
	in = in[:len(out)]
	coarse = coarse[:16*len(out)]
	for x, o := range out {
		v := in[x]
		fine[int(o>>4)*P16+16*x+int(o&15)]--
		coarse[16*x+int(o>>4)]--
		fine[int(v>>4)*P16+16*x+int(v&15)]++
		coarse[16*x+int(v>>4)]++
	}
}

// addCounts adds one to the histograms (vec.CTMedianU8's layout) of
// row's columns.
func addCounts[C uint8 | uint16](fine, coarse []C, P int, row []uint8) {
	P16 := 16 * P
	coarse = coarse[:16*len(row)]
	for x, v := range row {
		fine[int(v>>4)*P16+16*x+int(v&15)]++
		coarse[16*x+int(v>>4)]++
	}
}

func (cw *ctMedianWorker) add(row []uint8, sign uint64) {
	fine, coarse := cw.fine, cw.coarse
	P4 := 4 * cw.P
	for x, v := range row {
		fine[int(v>>4)*P4+4*x+int((v>>2)&3)] += sign << (16 * (v & 3))
		coarse[4*x+int(v>>6)] += sign << (16 * ((v >> 4) & 3))
	}
}

func (cw *ctMedianWorker) fill(w *worker, dst []float64) (bool, error) {
	m, p := cw.m, w.p
	w.cachedLines()
	h := m.h
	for i, r := range m.runs {
		cw.want[i] = w.cur[r.group].key
	}
	shifted := cw.valid
	for i := 0; shifted && i < h-1; i++ {
		shifted = cw.keys[i+1] == cw.want[i]
	}
	switch {
	case shifted && cw.keys[0] == cw.want[0] && h == 1:
		// the same line again
	case shifted && (m.bytes || m.wide):
		// one line out, one in
		in := cw.line(w, m.runs[h-1].group)
		cw.swapCounts(cw.rows[cw.head], in)
		copy(cw.rows[cw.head], in)
		cw.head = (cw.head + 1) % h
		copy(cw.keys, cw.keys[1:])
		cw.keys[h-1] = cw.want[h-1]
	case shifted:
		// one line out, one in: -1 is all ones, adding it subtracts one
		cw.add(cw.rows[cw.head], ^uint64(0))
		copy(cw.rows[cw.head], cw.line(w, m.runs[h-1].group))
		cw.add(cw.rows[cw.head], 1)
		cw.head = (cw.head + 1) % h
		copy(cw.keys, cw.keys[1:])
		cw.keys[h-1] = cw.want[h-1]
	default:
		clear(cw.fine)
		clear(cw.coarse)
		clear(cw.fine8)
		clear(cw.coarse8)
		clear(cw.fine16)
		clear(cw.coarse16)
		for i, r := range m.runs {
			copy(cw.rows[i], cw.line(w, r.group))
			switch {
			case m.bytes:
				addCounts(cw.fine8, cw.coarse8, cw.P, cw.rows[i])
			case m.wide:
				addCounts(cw.fine16, cw.coarse16, cw.P, cw.rows[i])
			default:
				cw.add(cw.rows[i], 1)
			}
		}
		cw.head = 0
		copy(cw.keys, cw.want)
		cw.valid = true
	}

	L := p.length
	out, inPlace := w.output.Data.([]uint8)
	inPlace = inPlace && m.top && !m.signed
	res := cw.res
	if inPlace {
		res = out[w.outStart : w.outStart+L]
	}
	w.wrote = inPlace
	at := p.padL + m.start
	W := m.w
	if m.bytes || m.wide {
		if m.bytes {
			vec.CTMedianU8(res, cw.coarse8, cw.fine8, at, W, m.rank)
		} else {
			vec.CTMedianU16(res, cw.coarse16, cw.fine16, at, W, m.rank)
		}
		cw.finish(w, dst, res, inPlace)
		return true, nil
	}
	var K [4]uint64  // the window's coarse bins
	var F [64]uint64 // its fine bins, segment c valid for the window at last[c]
	var last [16]int
	for c := range last {
		last[c] = -1 << 30
	}
	for x := 0; x < W; x++ {
		cc := cw.coarse[4*(at+x):]
		K[0] += cc[0]
		K[1] += cc[1]
		K[2] += cc[2]
		K[3] += cc[3]
	}
	k := m.rank
	fine := cw.fine
	for x := 0; x < L; x++ {
		if x > 0 {
			in, gone := cw.coarse[4*(at+x+W-1):], cw.coarse[4*(at+x-1):]
			K[0] += in[0] - gone[0]
			K[1] += in[1] - gone[1]
			K[2] += in[2] - gone[2]
			K[3] += in[3] - gone[3]
		}
		c, cum := findRank(&K, 0, k)
		fc := fine[c*4*cw.P : (c+1)*4*cw.P]
		seg := (*[4]uint64)(F[4*c : 4*c+4])
		if x-last[c] < W {
			for xx := last[c] + 1; xx <= x; xx++ {
				in, gone := fc[4*(at+xx+W-1):], fc[4*(at+xx-1):]
				seg[0] += in[0] - gone[0]
				seg[1] += in[1] - gone[1]
				seg[2] += in[2] - gone[2]
				seg[3] += in[3] - gone[3]
			}
		} else {
			seg[0], seg[1], seg[2], seg[3] = 0, 0, 0, 0
			for xx := x; xx < x+W; xx++ {
				col := fc[4*(at+xx):]
				seg[0] += col[0]
				seg[1] += col[1]
				seg[2] += col[2]
				seg[3] += col[3]
			}
		}
		last[c] = x
		j, _ := findRank(seg, cum, k)
		res[x] = uint8(16*c + j)
	}
	cw.finish(w, dst, res, inPlace)
	return true, nil
}

// line returns group g's input line as bins: uint8 as it is, int8 with
// the sign bit flipped.
func (cw *ctMedianWorker) line(w *worker, g int) []uint8 {
	if !cw.m.signed {
		return typedLine[uint8](w, g)
	}
	s := typedLine[int8](w, g)
	conv := cw.conv[:len(s)]
	for i, v := range s {
		conv[i] = uint8(v) ^ 0x80
	}
	return conv
}

// finish hands the line's bins res on: written in place already, or as
// int8 into an int8 output, or widened into dst.
func (cw *ctMedianWorker) finish(w *worker, dst []float64, res []uint8, inPlace bool) {
	L := len(res)
	switch {
	case inPlace:
	case cw.m.signed:
		if out, ok := w.output.Data.([]int8); ok && cw.m.top {
			out = out[w.outStart : w.outStart+L]
			for i, v := range res {
				out[i] = int8(v ^ 0x80)
			}
			w.wrote = true
			return
		}
		dst = dst[:L]
		for i, v := range res {
			dst[i] = float64(int8(v ^ 0x80))
		}
	default:
		widen(dst[:L], res)
	}
}

const lanes16 = 0x0001000100010001

// findRank returns the bin (of the 16 in four words of 16-bit lanes)
// holding rank k when cum elements lie below the first bin, and the
// count below that bin. Per word: a multiply puts the running sums in
// the lanes (lane 3 is the word's total), and the lanes at or past the
// count still needed, need, have their top bit set once 0x8000 - need is
// added to each: a lane's sum and need are at most 32767 (the box's
// size is bounded so), so no lane carries into the next.
func findRank(words *[4]uint64, cum, k int) (bin, below int) {
	for i, wd := range words {
		sums := wd * lanes16
		need := uint64(k + 1 - cum)
		if m := (sums + (0x8000-need)*lanes16) & (0x8000 * lanes16); m != 0 {
			l := bits.TrailingZeros64(m) / 16
			if l > 0 {
				cum += int(sums >> (16 * (l - 1)) & 0xffff)
			}
			return 4*i + l, cum
		}
		cum += int(sums >> 48)
	}
	return 15, cum // not reached: the box holds rank k
}
