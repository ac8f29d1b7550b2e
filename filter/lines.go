package filter

import "math"

// Typed line buffers: an algorithm that works in the input's own element
// type reads its input lines with typedLine, extended by the mode as the
// float64 lines are but never widened to float64 (the lines are not
// converted at all unless some algorithm on the line asks for float64).
// The type parameter is the input's element type; the algorithm's choose
// makes sure of it, and that cval is a value of that type for the
// constant modes.

// typedLine returns group g's input line of the current output line in
// the input's element type T, extended by the mode, filling it once per
// cached line. Call w.cachedLines first.
func typedLine[T number](w *worker, g int) []T { return typedLineOf[T](w, w.cur[g]) }

// typedLineOf is typedLine of cached line l: also a line the current
// output line does not read (an algorithm that computes the next one too).
func typedLineOf[T number](w *worker, l *cachedLine) []T {
	buf, _ := l.typed.([]T) // one type assertion per line
	if l.typedOK {
		return buf
	}
	p := w.p
	if buf == nil {
		buf = make([]T, p.padL+p.length+p.padR)
		l.typed = buf
	}
	l.typedOK = true
	L := p.length
	if l.key == outsideLine {
		c := T(p.cval)
		for i := range buf {
			buf[i] = c
		}
		return buf
	}
	start := w.input.lineStart(l.key)
	copy(buf[p.padL:p.padL+L], w.input.Data.([]T)[start:start+L])
	// the margins from plan.pads: Mode.index per element was 5% of a
	// 15x15 uint8 box
	for j, q := range p.pads {
		if j >= p.padL {
			j += L
		}
		if q < 0 {
			buf[j] = T(p.cval)
		} else {
			buf[j] = buf[p.padL+q]
		}
	}
	return buf
}

// derivedTyped returns typed derived buffer i of l (size elements of T),
// and whether it is already computed: cachedLine.derivedBuf for
// algorithms that work in the input's type.
func derivedTyped[T number](l *cachedLine, i, size int) ([]T, bool) {
	if n := i + 1 - len(l.tderived); n > 0 {
		// in one step: a line's first derived buffer is often its 64th
		l.tderived = append(l.tderived, make([]any, n)...)
		l.tvalid = append(l.tvalid, make([]bool, n)...)
	}
	buf, _ := l.tderived[i].([]T)
	if buf == nil {
		buf = make([]T, size)
		l.tderived[i] = buf
	}
	ok := l.tvalid[i]
	l.tvalid[i] = true
	return buf, ok
}

// extendTyped is plan.extend for a typed line.
func extendTyped[T number](p *plan, buf []T, i int) T {
	q := p.mode.index(i, p.length)
	if q < 0 {
		return T(p.cval)
	}
	return buf[p.padL+q]
}

// cvalIs reports whether the plan's cval is a value of the element type
// of dtype, or the mode never reads it: the condition for typed lines.
func cvalIs(p *plan, dtype DType) bool {
	if p.mode != Constant && p.mode != GridConstant {
		return true
	}
	c := p.cval
	switch dtype {
	case Uint8:
		return c >= 0 && c <= math.MaxUint8 && c == math.Trunc(c)
	case Int8:
		return c >= math.MinInt8 && c <= math.MaxInt8 && c == math.Trunc(c)
	case Uint16:
		return c >= 0 && c <= math.MaxUint16 && c == math.Trunc(c)
	case Int16:
		return c >= math.MinInt16 && c <= math.MaxInt16 && c == math.Trunc(c)
	case Uint32:
		return c >= 0 && c <= math.MaxUint32 && c == math.Trunc(c)
	case Int32:
		return c >= math.MinInt32 && c <= math.MaxInt32 && c == math.Trunc(c)
	case Float32:
		return float64(float32(c)) == c || c != c
	case Float64:
		return true
	}
	return false
}
