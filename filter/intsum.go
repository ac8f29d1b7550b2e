package filter

import (
	"encoding/binary"
	"fmt"
	"math"
	"unsafe"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// intSumAlg computes sums, means and counts of integers over the
// footprint's runs in integer lanes: the sum of 8- or 16-bit input (no
// transform), or of a bool transform of any input (a count, or the sum or
// mean of a comparison). Each run's window sums are computed once per
// input line by a running sum, the runs of an output line added up, all
// in int32, or, when every partial sum fits, in uint16 four to a 64-bit
// add. An integer sum is exact in any order as long as it does not
// overflow, and so is the lane program's float64 sum of integers below
// 2^53: the float64 of the integer sum is the lane program's sum bit for
// bit, and the mean is that float64 divided by n as the lane program
// divides it. Into an output of the input's type the result is looked up
// in a table of the lane program's casts, one per possible sum.
type intSumAlg struct{}

// intSumLUTMax bounds the table of casts: the sums' range.
const intSumLUTMax = 1 << 17

func (intSumAlg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || len(pp.lens) >= derivedPerPath-2 {
		return nil
	}
	pat := pp.pat
	switch pat.Kind {
	case compile.SumPattern, compile.MeanPattern, compile.CountPattern:
	default:
		return nil
	}
	fromPre := pat.Pre != nil && (pat.PreBool || pat.Kind == compile.CountPattern)
	var lo, hi int64 // the range of one value
	if fromPre {
		lo, hi = 0, 1
	} else {
		if pat.Pre != nil || pat.Kind == compile.CountPattern || !cvalIs(c.p, c.dtype) ||
			(c.p.mode == Constant || c.p.mode == GridConstant) && math.Signbit(c.p.cval) && c.p.cval == 0 && !readsOwnPixel(c.p) {
			// A -0 cval: the lane program's sum of a window of nothing
			// else is -0. A window that holds its own pixel, an integer,
			// holds a +0 or a non-zero value, and its sum is never -0.
			return nil
		}
		switch c.dtype {
		case Uint8:
			lo, hi = 0, math.MaxUint8
		case Int8:
			lo, hi = math.MinInt8, math.MaxInt8
		case Uint16:
			lo, hi = 0, math.MaxUint16
		case Int16:
			lo, hi = math.MinInt16, math.MaxInt16
		default:
			return nil
		}
	}
	// The lanes add modulo 2^16 or 2^32, a ring: a partial sum that wraps
	// (the running sum's add before its subtract) does no harm as long as
	// every result, a window's or an output's sum, fits, and n·m bounds
	// them all (m = max |value|).
	n := int64(pp.n)
	m := max(-lo, hi)
	if n*m > math.MaxInt32 {
		return nil
	}
	switch c.dtype {
	case Uint8:
		return newIntSum[uint8](c, fromPre, lo, hi)
	case Int8:
		return newIntSum[int8](c, fromPre, lo, hi)
	case Uint16:
		return newIntSum[uint16](c, fromPre, lo, hi)
	case Int16:
		return newIntSum[int16](c, fromPre, lo, hi)
	case Int32:
		return newIntSum[int32](c, fromPre, lo, hi)
	case Uint32:
		return newIntSum[uint32](c, fromPre, lo, hi)
	case Float32:
		return newIntSum[float32](c, fromPre, lo, hi)
	}
	return newIntSum[float64](c, fromPre, lo, hi)
}

type intSumPlan[T number] struct {
	*patternPlan
	fromPre bool  // the values are the pattern's 0/1 transform, else the input
	narrow  bool  // uint16 lanes: lo >= 0 and n·hi < 2^16
	alike   bool  // the runs are one per input line, all of one length and start
	min     int64 // the least sum
	lut     []T   // the cast of each sum (from min) into T, or nil
	// vcast: the table is vec.CastU16U8's m and sh on every sum (a uint8
	// output of uint16 lanes), a vector multiply, shift and pack
	vcast bool
	m     uint32
	sh    uint
	// clamp: T is an integer type and the result a sum, whose cast into
	// T saturates at tlo, thi
	clamp    bool
	tlo, thi int64
	top      bool // the whole kernel, not a hoisted sub-expression: it may write the output
	why      string
}

func newIntSum[T number](c *candidate, fromPre bool, lo, hi int64) linePlan {
	pp := c.pat
	n := int64(pp.n)
	r := &intSumPlan[T]{patternPlan: pp, fromPre: fromPre, top: !c.sub, min: n * lo}
	if pp.pat.Kind != compile.MeanPattern {
		switch c.dtype {
		case Uint8:
			r.clamp, r.tlo, r.thi = true, 0, math.MaxUint8
		case Int8:
			r.clamp, r.tlo, r.thi = true, math.MinInt8, math.MaxInt8
		case Uint16:
			r.clamp, r.tlo, r.thi = true, 0, math.MaxUint16
		case Int16:
			r.clamp, r.tlo, r.thi = true, math.MinInt16, math.MaxInt16
		case Uint32:
			r.clamp, r.tlo, r.thi = true, 0, math.MaxUint32
		case Int32:
			r.clamp, r.tlo, r.thi = true, math.MinInt32, math.MaxInt32
		}
	}
	r.narrow = lo >= 0 && n*hi <= math.MaxUint16
	r.alike = true
	seen := map[int]bool{}
	for _, run := range pp.runs {
		r.alike = r.alike && !seen[run.group] && run.start == pp.runs[0].start && run.lenIdx == pp.runs[0].lenIdx
		seen[run.group] = true
	}
	lanes := "int32"
	if r.narrow {
		lanes = "uint16 lanes four to a 64-bit add"
	}
	if span := n * (hi - lo); r.top && span < intSumLUTMax {
		// the lane program's result of each sum, cast as the engine casts
		sums := make([]float64, span+1)
		for i := range sums {
			sums[i] = r.result(r.min + int64(i))
		}
		r.lut = make([]T, len(sums))
		if r.narrow {
			// every uint16 an index: no bounds check per pixel
			r.lut = make([]T, 1<<16)
		}
		fromFloat64(r.lut, 0, sums)
		if lut, ok := any(r.lut).([]uint8); ok && r.narrow {
			r.vcast, r.m, r.sh = castOf(lut[:len(sums)])
		}
	}
	slide := ""
	if r.alike && len(pp.runs) > 1 {
		slide = ", then slid from line to line (one input line out, one in)"
	}
	what := fmt.Sprintf("%v", c.dtype)
	if fromPre {
		what = "a bool transform computed once per input pixel"
	}
	r.why = fmt.Sprintf("%s of %s over %d runs of lengths %v along the line, in integers: each run's window sums once per input line by a running sum, the runs added in %s%s; exact",
		pp.pat.Kind, what, len(pp.runs), pp.lens, lanes, slide)
	if r.alike && r.narrow {
		r.why = fmt.Sprintf("%s of %s over %d runs of length %v along the line, in uint16 lanes: column sums slid from line to line (one input line out, one in), then the window sums along them; exact",
			pp.pat.Kind, what, len(pp.runs), pp.lens)
	}
	return r
}

// result is the lane program's result of an exact integer sum s.
func (r *intSumPlan[T]) result(s int64) float64 {
	x := float64(s)
	if r.pat.Kind == compile.MeanPattern {
		x /= float64(r.n)
	}
	return x
}

func (r *intSumPlan[T]) path() Path { return Path{Kind: IntSumPath, Reason: r.why, Exact: true} }

type intSumWorker[T number] struct {
	pw  patternWorker
	r   *intSumPlan[T]
	s16 sumState[uint16]
	s32 sumState[int32]
	// a box in uint16 lanes: column sums first (intsumcol.go), of the
	// input or of the transform
	col  bool
	colT colState[T]
	colF colState[float64]
}

// sumState is a worker's output line of sums in lanes of A, and what
// slides it from one output line to the next.
type sumState[A uint16 | int32] struct {
	srcs  [][]A // per run: its window sums for the current line
	acc   []A   // the sums of the last line
	prev0 []A   // runs[0]'s window sums in acc
	keys  []int // the input line of each run in acc
	want  []int
	valid bool
	add   func(acc []A, srcs [][]A)
	swap  func(acc, out, in []A)
}

func newSumState[A uint16 | int32](r *patternPlan, L int, add func(acc []A, srcs [][]A), swap func(acc, out, in []A)) sumState[A] {
	return sumState[A]{srcs: make([][]A, len(r.runs)), acc: make([]A, L), prev0: make([]A, L),
		keys: make([]int, len(r.runs)), want: make([]int, len(r.runs)), add: add, swap: swap}
}

func (r *intSumPlan[T]) newWorker(p *plan) lineWorker {
	rw := &intSumWorker[T]{pw: newPatternWorker(r.patternPlan), r: r}
	switch {
	case r.narrow && r.alike && r.fromPre:
		rw.col, rw.colF = true, newColState[float64](r.patternPlan, p.length)
	case r.narrow && r.alike:
		rw.col, rw.colT = true, newColState[T](r.patternPlan, p.length)
	case r.narrow:
		rw.s16 = newSumState(r.patternPlan, p.length, addU16, swapU16)
	default:
		rw.s32 = newSumState(r.patternPlan, p.length, addI32, swapI32)
	}
	return rw
}

func (rw *intSumWorker[T]) reset() {
	rw.s16.valid, rw.s32.valid, rw.colT.ok, rw.colF.ok = false, false, false, false
}

func (rw *intSumWorker[T]) fill(w *worker, dst []float64) (bool, error) {
	if rw.r.fromPre {
		w.lines()
	} else {
		w.cachedLines()
	}
	if rw.r.narrow {
		var acc []uint16
		switch {
		case rw.col && rw.r.fromPre:
			for i, run := range rw.r.runs {
				rw.colF.srcs[i] = rw.pw.transformed(w.cur[run.group])
			}
			acc = colLine(&rw.colF, rw.r.patternPlan, w)
		case rw.col:
			for i, run := range rw.r.runs {
				rw.colT.srcs[i] = typedLine[T](w, run.group)
			}
			acc = colLine(&rw.colT, rw.r.patternPlan, w)
		default:
			acc = sumLine(rw, w, &rw.s16)
		}
		if out, ok := w.output.Data.([]T); ok && rw.r.lut != nil {
			// the table from 0 (narrow: no value below 0), of 2^16
			out = out[w.outStart : w.outStart+len(acc)]
			if o8, ok := any(out).([]uint8); ok && rw.r.vcast {
				vec.CastU16U8(o8, acc, rw.r.m, rw.r.sh)
			} else {
				lut := (*[1 << 16]T)(rw.r.lut)
				for i, s := range acc {
					out[i] = lut[s]
				}
			}
			w.wrote = true
		} else {
			putSums(rw, w, dst, acc)
		}
	} else {
		putSums(rw, w, dst, sumLine(rw, w, &rw.s32))
	}
	return true, nil
}

// windowSums returns the window sums of run i's length along its input
// line, computing them once per cached line.
func windowSums[T number, A uint16 | int32](rw *intSumWorker[T], w *worker, i int) []A {
	r, p := rw.r, w.p
	run := r.runs[i]
	l := w.cur[run.group]
	h, ok := derivedTyped[A](l, r.base+1+run.lenIdx, p.padL+p.length+p.padR)
	if !ok {
		if r.fromPre {
			slideSum(h, rw.pw.transformed(l), r.lens[run.lenIdx])
		} else {
			slideSum(h, typedLine[T](w, run.group), r.lens[run.lenIdx])
		}
	}
	return h[p.padL+run.start : p.padL+run.start+p.length]
}

// sumLine returns the current output line's sums. With runs that are
// alike (one per input line, all of one length and start: a box), an
// output line whose input lines are the last one's but the first, and
// one more, takes the last one's sums less the first line's and plus the
// new one's: the sum of a multiset, whatever the mode mapped the lines
// to.
func sumLine[T number, A uint16 | int32](rw *intSumWorker[T], w *worker, st *sumState[A]) []A {
	r := rw.r
	h := len(r.runs)
	for i, run := range r.runs {
		st.want[i] = w.cur[run.group].key
	}
	shifted := r.alike && st.valid
	for i := 0; shifted && i < h-1; i++ {
		shifted = st.keys[i+1] == st.want[i]
	}
	switch {
	case shifted:
		st.swap(st.acc, st.prev0, windowSums[T, A](rw, w, h-1))
		copy(st.prev0, windowSums[T, A](rw, w, 0))
	default:
		for i := range r.runs {
			st.srcs[i] = windowSums[T, A](rw, w, i)
		}
		st.add(st.acc, st.srcs)
		copy(st.prev0, st.srcs[0])
		clear(st.srcs) // no reference to a cached line kept
		st.valid = true
	}
	copy(st.keys, st.want)
	return st.acc
}

// swapI32 sets acc to acc - out + in.
func swapI32(acc, out, in []int32) {
	out, in = out[:len(acc)], in[:len(acc)]
	for i := range acc {
		acc[i] += in[i] - out[i]
	}
}

// swapU16 sets acc to acc - out + in, four uint16 lanes to a 64-bit
// subtract and add: out is one of acc's terms, all of them non-negative,
// so no lane of acc - out borrows, and no lane of the result carries.
func swapU16(acc, out, in []uint16) {
	out, in = out[:len(acc)], in[:len(acc)]
	n4 := len(acc) &^ 3
	ab, ob, ib := u16Bytes(acc), u16Bytes(out), u16Bytes(in)
	le := binary.LittleEndian
	for i := 0; i < 2*n4; i += 8 {
		le.PutUint64(ab[i:], le.Uint64(ab[i:])-le.Uint64(ob[i:])+le.Uint64(ib[i:]))
	}
	for i := n4; i < len(acc); i++ {
		acc[i] += in[i] - out[i]
	}
}

// putSums stores the sums: cast by the table straight into an output of T, or
// as the lane program's float64 results into dst.
func putSums[T number, A uint16 | int32](rw *intSumWorker[T], w *worker, dst []float64, acc []A) {
	r := rw.r
	if out, ok := w.output.Data.([]T); ok && r.lut != nil {
		out = out[w.outStart : w.outStart+len(acc)]
		lut, m := r.lut, r.min
		for i, s := range acc {
			out[i] = lut[int64(s)-m]
		}
		w.wrote = true
		return
	}
	if out, ok := w.output.Data.([]T); ok && r.clamp && r.top {
		// a sum is a whole float64: the cast only saturates
		out = out[w.outStart : w.outStart+len(acc)]
		lo, hi := r.tlo, r.thi
		for i, s := range acc {
			out[i] = T(min(max(int64(s), lo), hi))
		}
		w.wrote = true
		return
	}
	dst = dst[:len(acc)]
	if r.pat.Kind == compile.MeanPattern {
		n := float64(r.n)
		for i, s := range acc {
			dst[i] = float64(s) / n
		}
		return
	}
	for i, s := range acc {
		dst[i] = float64(s)
	}
}

// slideSum sets h[i] to the sum of src[i : i+width] for every window in
// src, by a running sum: one add and one subtract per element, modulo
// A's range. The caller has proven that every window's sum fits A; the
// values of src are integers (the input's, or a transform's 0 and 1).
func slideSum[A uint16 | int32, S number](h []A, src []S, width int) {
	h = h[:len(src)]
	m := len(src) - width + 1
	if m <= 0 {
		return
	}
	var s A
	for _, x := range src[:width] {
		s += A(x)
	}
	h[0] = s
	add, sub := src[width:], src[:m-1]
	h = h[1:m]
	for i := range h {
		s += A(add[i]) - A(sub[i])
		h[i] = s
	}
}

// addI32 sets acc to the elementwise sum of srcs (at least one), reading
// up to four sources per pass.
func addI32(acc []int32, srcs [][]int32) {
	copy(acc, srcs[0])
	for srcs = srcs[1:]; len(srcs) > 0; {
		switch {
		case len(srcs) >= 3:
			a, b, c := srcs[0][:len(acc)], srcs[1][:len(acc)], srcs[2][:len(acc)]
			for i := range acc {
				acc[i] += a[i] + b[i] + c[i]
			}
			srcs = srcs[3:]
		default:
			a := srcs[0][:len(acc)]
			for i := range acc {
				acc[i] += a[i]
			}
			srcs = srcs[1:]
		}
	}
}

// addU16 sets acc to the elementwise sum of srcs (at least one), four
// uint16 lanes to a 64-bit add: no lane carries into the next, since the
// caller has proven that every sum fits 16 bits.
func addU16(acc []uint16, srcs [][]uint16) {
	copy(acc, srcs[0])
	n4 := len(acc) &^ 3
	ab := u16Bytes(acc)
	for _, s := range srcs[1:] {
		sb := u16Bytes(s[:len(acc)])
		for i := 0; i < 2*n4; i += 8 {
			binary.LittleEndian.PutUint64(ab[i:], binary.LittleEndian.Uint64(ab[i:])+binary.LittleEndian.Uint64(sb[i:]))
		}
		for i := n4; i < len(acc); i++ {
			acc[i] += s[i]
		}
	}
}

// u16Bytes is s's memory as bytes.
func u16Bytes(s []uint16) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s[0])), 2*len(s))
}

// readsOwnPixel reports whether the footprint holds the element at offset
// 0 on every axis: every window reads the pixel it is for.
func readsOwnPixel(p *plan) bool {
	for k, g := range p.elemGroup {
		if p.elemOff[k] != 0 {
			continue
		}
		own := true
		for _, o := range p.groups[g] {
			own = own && o == 0
		}
		if own {
			return true
		}
	}
	return false
}
