package filter

import (
	"encoding/binary"

	"github.com/kfilter/kfilter/compile/vec"
)

// colState is a box's (alike runs, uint16 lanes) column sums: col[x] is
// the sum down the box's input lines of the values at x, over the span
// the output line's windows read; the window sums along col are the
// output line's sums. From one output line to the next whose input
// lines are the last one's but the first, and one more, col takes the
// new line's values less the first line's (kept in old: that line may
// have left the cache), 16-bit lanes four to a 64-bit add, and the window
// sums along col take a stride-4 running sum: two adds per four outputs.
type colState[S number] struct {
	col  []uint16 // the column sums over the span, length+width-1
	old  []S      // runs[0]'s values over the span
	acc  []uint16 // the output line's sums
	srcs [][]S    // per run: its line, set by the caller
	keys []int
	want []int
	ok   bool
}

func newColState[S number](r *patternPlan, L int) colState[S] {
	span := L + r.lens[r.runs[0].lenIdx] - 1
	return colState[S]{col: make([]uint16, span), old: make([]S, span), acc: make([]uint16, L),
		srcs: make([][]S, len(r.runs)), keys: make([]int, len(r.runs)), want: make([]int, len(r.runs))}
}

// colLine returns the current output line's sums, st.srcs[i] being run
// i's values (the padded input line, or its transform).
func colLine[S number](st *colState[S], r *patternPlan, w *worker) []uint16 {
	h := len(r.runs)
	for i, run := range r.runs {
		st.want[i] = w.cur[run.group].key
	}
	shifted := st.ok
	for i := 0; shifted && i < h-1; i++ {
		shifted = st.keys[i+1] == st.want[i]
	}
	p := w.p
	at := p.padL + r.runs[0].start
	end := at + len(st.col)
	if shifted {
		colSlide(st.col, st.old, st.srcs[h-1][at:end])
	} else {
		clear(st.col)
		for _, src := range st.srcs {
			for x, v := range src[at:end] {
				st.col[x] += uint16(v)
			}
		}
		st.ok = true
	}
	copy(st.old, st.srcs[0][at:end])
	clear(st.srcs) // no reference to a cached line kept
	copy(st.keys, st.want)
	winSumU16(st.acc, st.col, r.lens[r.runs[0].lenIdx])
	return st.acc
}

// colSlide sets col to col - out + in. Every col is a sum of
// non-negative values, out's among them, and so is the result, which
// fits 16 bits: no lane borrows or carries, and the uint8 case takes four
// lanes to a 64-bit subtract and add, eight bytes a load.
func colSlide[S number](col []uint16, out, in []S) {
	out, in = out[:len(col)], in[:len(col)]
	i := 0
	if o8, ok := any(out).([]uint8); ok {
		i8 := any(in).([]uint8)
		if vec.AVX2 {
			vec.ColSlideU8(col, o8, i8) // 16 lanes an instruction
			return
		}
		cb := u16Bytes(col)
		le := binary.LittleEndian
		for ; i+8 <= len(col); i += 8 {
			o, x := le.Uint64(o8[i:]), le.Uint64(i8[i:])
			c := cb[2*i : 2*i+16]
			le.PutUint64(c, le.Uint64(c)-spreadU8(uint32(o))+spreadU8(uint32(x)))
			le.PutUint64(c[8:], le.Uint64(c[8:])-spreadU8(uint32(o>>32))+spreadU8(uint32(x>>32)))
		}
	}
	for ; i < len(col); i++ {
		col[i] += uint16(in[i]) - uint16(out[i])
	}
}

// spreadU8 widens four bytes to four 16-bit lanes.
func spreadU8(x32 uint32) uint64 {
	x := uint64(x32)
	x = (x | x<<16) & 0x0000ffff0000ffff
	return (x | x<<8) & 0x00ff00ff00ff00ff
}

// winSumU16 sets acc[i] to the sum of col[i : i+width], len(col) being
// len(acc)+width-1, and every such sum fitting 16 bits. A narrow window
// adds its columns four outputs to a 64-bit add: every partial sum is at
// most the window's, so no lane carries. A wide one takes a running sum.
func winSumU16(acc, col []uint16, width int) {
	n := len(acc)
	col = col[:n+width-1]
	if vec.AVX2 && width >= 2 && width <= 16 {
		vec.WinSumU16(acc, col, width) // 16 lanes an instruction
		return
	}
	i := 0
	if width <= winSumWide {
		ab, cb := u16Bytes(acc), u16Bytes(col)
		le := binary.LittleEndian
		switch width {
		case 3:
			for ; i+4 <= n; i += 4 {
				c := cb[2*i : 2*i+12]
				le.PutUint64(ab[2*i:], le.Uint64(c)+le.Uint64(c[2:])+le.Uint64(c[4:]))
			}
		case 5:
			for ; i+4 <= n; i += 4 {
				c := cb[2*i : 2*i+16]
				le.PutUint64(ab[2*i:], le.Uint64(c)+le.Uint64(c[2:])+le.Uint64(c[4:])+le.Uint64(c[6:])+le.Uint64(c[8:]))
			}
		default:
			for ; i+4 <= n; i += 4 {
				c := cb[2*i : 2*(i+width+3)]
				v := le.Uint64(c)
				for d := 1; d < width; d++ {
					v += le.Uint64(c[2*d:])
				}
				le.PutUint64(ab[2*i:], v)
			}
		}
		for ; i < n; i++ {
			var s uint16
			for _, v := range col[i : i+width] {
				s += v
			}
			acc[i] = s
		}
		return
	}
	var s uint16
	for _, v := range col[:width] {
		s += v
	}
	acc[0] = s
	add, sub := col[width:], col[:n-1]
	for i := range sub {
		s += add[i] - sub[i]
		acc[i+1] = s
	}
}

// winSumWide is the widest window winSumU16 adds column by column.
const winSumWide = 8

// castOf finds vec.CastU16U8's m and sh that give lut[s] for every sum s
// (uint8 casts of sums from 0): the pack alone (a sum's saturating cast),
// or a multiply by about 2^(16+sh)/n (a mean's truncating division),
// each tried on every sum, so that no rounding is assumed.
func castOf(lut []uint8) (ok bool, m uint32, sh uint) {
	if len(lut) == 0 || len(lut) > 1<<16 {
		return false, 0, 0
	}
	sums := make([]uint16, len(lut))
	for i := range sums {
		sums[i] = uint16(i)
	}
	got := make([]uint8, len(lut))
	try := func(m uint32, sh uint) bool {
		vec.CastU16U8(got, sums, m, sh)
		return string(got) == string(lut)
	}
	if try(1<<16, 0) {
		return true, 1 << 16, 0
	}
	// the divisor: the least sum whose cast is 1
	n := 0
	for n < len(lut) && lut[n] == 0 {
		n++
	}
	if n == 0 || n == len(lut) {
		return false, 0, 0
	}
	for sh := uint(0); sh < 16; sh++ {
		q := uint32(1<<(16+sh)) / uint32(n)
		for _, m := range []uint32{q, q + 1} {
			if m < 1<<16 && try(m, sh) {
				return true, m, sh
			}
		}
	}
	return false, 0, 0
}
