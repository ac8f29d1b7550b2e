package filter

import (
	"fmt"
	"slices"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// runsF32Alg computes min and max of float32 input (no transform) over
// the footprint's runs as runsAlg does, but in float32 from end to end:
// the input lines are read and extended in float32, each run's windows
// reduced once per input line, the runs combined eight pixels a vector
// instruction, and the result written straight into a float32 output
// (widened once for any other). min and max pick one of their operands,
// so the lane program's float64 result is exactly this float32 value.
//
// Each input line is checked once, when it is loaded, for a NaN or a -0:
// on lines with neither (clean), the plain VMINPS and VMAXPS are Go's min
// and max, one instruction a source (vec.FoldMinCleanF32); windows over
// a line that is not clean, and output lines reading one, take the exact
// folds (vec.FoldMinF32), which give Go's min and max on anything.
//
// The lines live in the worker's own cache, found by a hash of the line's
// key rather than a scan: a 3-D footprint reads many short lines (the
// 5x5x5 ball: 13 of them a line), so that per-line costs matter as much
// as per-pixel ones.
type runsF32Alg struct{}

type runsF32Plan struct {
	*patternPlan
	isMax bool
	top   bool // the whole kernel, not a hoisted sub-expression: it may write the output
	// half: per run length, the longest other one at least half as long
	// (its windows give each of this length's as two overlapping ones),
	// or -1
	half []int
	box  []boxChain // a box's columns (boxfold.go), or nil
	why  string
}

func (runsF32Alg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || c.dtype != Float32 || pp.pat.Pre != nil || !cvalIs(c.p, Float32) ||
		pp.pat.Kind != compile.MinPattern && pp.pat.Kind != compile.MaxPattern {
		return nil
	}
	half := make([]int, len(pp.lens))
	for i, length := range pp.lens {
		half[i] = -1
		for j, s := range pp.lens {
			if s > 1 && s < length && 2*s >= length && (half[i] < 0 || s > pp.lens[half[i]]) {
				half[i] = j
			}
		}
	}
	box := boxChains(c.p, pp, minBoxChainFolds, 1)
	return &runsF32Plan{patternPlan: pp, isMax: pp.pat.Kind == compile.MaxPattern, top: !c.sub, half: half, box: box,
		why: fmt.Sprintf("%s of float32 over %d runs of lengths %v along the line, in float32 from end to end: each run reduced once per input line, then combined, 8 a vector instruction (plain min and max on lines with no NaN and no -0); never widened to float64",
			pp.pat.Kind, len(pp.runs), pp.lens) + boxReason(box)}
}

func (r *runsF32Plan) path() Path { return Path{Kind: RunsF32Path, Reason: r.why, Exact: true} }

// f32Line is a cached input line: extended by the mode, and the windows
// of each run length over it, valid while valid[i].
type f32Line struct {
	key   int // the source line, outsideLine, or -2: none
	stamp int // the output line that last used it
	dirty bool
	buf   []float32
	win   [][]float32 // per run length (nil for 1)
	valid []bool
}

type runsF32Worker struct {
	r     *runsF32Plan
	lines []f32Line
	table []int32 // hash of a key -> its slot + 1 (0: none)
	shift uint
	hand  int   // the next slot to reuse
	pads  []int // per margin element (left, then right): its position in the line through the mode, -1: cval
	stamp int
	cur   []*f32Line  // per group: its line for the current output line
	prev  []*f32Line  // cur of the previous output line
	succ  []int       // per group: the group one line further on the last axis but one, or -1
	acc   []float32   // the output line, when not written in place
	srcs  [][]float32 // per run: its view for the current line
	part  [8][]float32
	tmp   [2][]float32
	box   *boxFold[float32]
	dirty []bool // per run: its line is dirty (for box)
	opD   func(dst, x, y []float32, dirty bool)
}

func (r *runsF32Plan) newWorker(p *plan) lineWorker {
	P := p.padL + p.length + p.padR
	wins := 0
	for _, length := range r.lens {
		if length > 1 {
			wins++
		}
	}
	n := f32Slots(p, wins)
	rw := &runsF32Worker{r: r, lines: make([]f32Line, n), cur: make([]*f32Line, len(p.groups)),
		acc: make([]float32, p.length), srcs: make([][]float32, len(r.runs)),
		tmp: [2][]float32{make([]float32, P), make([]float32, P)}}
	rw.prev = make([]*f32Line, len(p.groups))
	if r.box != nil {
		rw.box = newBoxFold[float32](r.box, p.length)
		rw.dirty = make([]bool, len(r.runs))
		rw.opD = func(dst, x, y []float32, dirty bool) {
			rw.part[0], rw.part[1] = x, y
			rw.fold(dst, rw.part[:2], dirty)
		}
	}
	rw.succ = make([]int, len(p.groups))
	for g, pre := range p.groups {
		rw.succ[g] = -1
		for h, q := range p.groups {
			if k := len(pre) - 1; k >= 0 && slices.Equal(q[:k], pre[:k]) && q[k] == pre[k]+1 {
				rw.succ[g] = h
			}
		}
	}
	for j := -p.padL; j < 0; j++ {
		rw.pads = append(rw.pads, p.mode.index(j, p.length))
	}
	for j := 0; j < p.padR; j++ {
		rw.pads = append(rw.pads, p.mode.index(p.length+j, p.length))
	}
	bits := uint(1)
	for 1<<bits < 4*n {
		bits++
	}
	rw.table, rw.shift = make([]int32, 1<<bits), 64-bits
	// one allocation for all the lines' buffers, one for their windows
	// and flags
	data := make([]float32, n*P*(1+wins))
	win := make([][]float32, n*len(r.lens))
	valid := make([]bool, n*len(r.lens))
	for i := range rw.lines {
		l := &rw.lines[i]
		l.key, l.stamp = -2, -1
		l.buf, data = data[:P:P], data[P:]
		l.win, win = win[:len(r.lens):len(r.lens)], win[len(r.lens):]
		l.valid, valid = valid[:len(r.lens):len(r.lens)], valid[len(r.lens):]
		for j, length := range r.lens {
			if length > 1 {
				l.win[j], data = data[:P:P], data[P:]
			}
		}
	}
	return rw
}

// f32Slots is how many lines a worker keeps: every line from the first
// output line that reads it to the last, when that fits in about a
// megabyte. Output lines follow each other in C order and each loads
// about one new line, so a line stays for as many output lines as there
// are slots: in 3-D, the lines of the planes the footprint spans (the
// 5x5x5 ball on 128x128 planes: 5 planes of 128 lines) are then each
// loaded and reduced once instead of once a plane. Otherwise twice as
// many as one output line reads, which consecutive output lines share.
func f32Slots(p *plan, wins int) int {
	n := 2*len(p.groups) + 1
	span, stride := 0, 1
	for ax := len(p.shape) - 2; ax >= 0; ax-- {
		lo, hi := 0, 0
		for _, g := range p.groups {
			lo, hi = min(lo, g[ax]), max(hi, g[ax])
		}
		span += (hi - lo) * stride
		stride *= p.shape[ax]
	}
	perLine := 4 * (p.padL + p.length + p.padR) * (1 + wins)
	if m := span + n; m*perLine <= 1<<20 {
		n = max(n, m+m/4)
	}
	return n
}

func (rw *runsF32Worker) hash(key int) int {
	return int(uint64(key) * 0x9E3779B97F4A7C15 >> rw.shift)
}

// line returns the line of key, loaded and checked: from the cache, or
// into the next slot the current output line does not use.
func (rw *runsF32Worker) line(w *worker, key int) *f32Line {
	h := rw.hash(key)
	if s := rw.table[h] - 1; s >= 0 && rw.lines[s].key == key {
		l := &rw.lines[s]
		l.stamp = rw.stamp
		return l
	}
	for rw.lines[rw.hand].stamp == rw.stamp {
		rw.hand = (rw.hand + 1) % len(rw.lines)
	}
	s := rw.hand
	rw.hand = (rw.hand + 1) % len(rw.lines)
	l := &rw.lines[s]
	if l.key != -2 {
		if o := rw.hash(l.key); rw.table[o] == int32(s+1) {
			rw.table[o] = 0
		}
	}
	rw.table[h] = int32(s + 1)
	l.key, l.stamp = key, rw.stamp
	clear(l.valid)
	rw.load(w, l)
	return l
}

// load fills l.buf with its input line extended by the mode (typedLine's
// rule), and checks it.
func (rw *runsF32Worker) load(w *worker, l *f32Line) {
	p := w.p
	buf := l.buf
	L := p.length
	if l.key == outsideLine {
		c := float32(p.cval)
		for i := range buf {
			buf[i] = c
		}
	} else {
		start := w.input.lineStart(l.key)
		copy(buf[p.padL:p.padL+L], w.input.Data.([]float32)[start:start+L])
		for j, q := range rw.pads {
			if j >= p.padL {
				j += L
			}
			if q < 0 {
				buf[j] = float32(p.cval)
			} else {
				buf[j] = buf[p.padL+q]
			}
		}
	}
	l.dirty = vec.DirtyF32(buf)
}

// reduced returns the reduction of every window of the idx-th run length
// along l: element i covers positions i .. i+len-1 of the buffer.
func (rw *runsF32Worker) reduced(l *f32Line, idx int) []float32 {
	length := rw.r.lens[idx]
	if length == 1 {
		return l.buf
	}
	h := l.win[idx]
	if !l.valid[idx] {
		l.valid[idx] = true
		n := len(l.buf) - length + 1
		if s := rw.r.half[idx]; s >= 0 {
			// two overlapping windows of a length at least half as long
			short := rw.reduced(l, s)
			d := length - rw.r.lens[s]
			rw.part[0], rw.part[1] = short[:n], short[d:d+n]
			rw.fold(h[:n], rw.part[:2], l.dirty)
		} else {
			rw.windows(h[:n], l.buf, length, l.dirty)
		}
	}
	return h
}

// windows sets dst[i] to min or max over src[i : i+w] for every i: up to
// 8 long in one fold of w shifted views, longer by doubling (windows of
// 2s from pairs of windows of s, then each window as two overlapping
// ones, which min and max do not mind).
func (rw *runsF32Worker) windows(dst, src []float32, w int, dirty bool) {
	n := len(dst)
	if w <= 8 {
		for j := 0; j < w; j++ {
			rw.part[j] = src[j : j+n]
		}
		rw.fold(dst, rw.part[:w], dirty)
		return
	}
	cur, s := src, 1
	for k := 0; 2*s <= w; k++ {
		m := n + w - 2*s // windows of 2s in src
		next := rw.tmp[k%2][:m]
		rw.part[0], rw.part[1] = cur[:m], cur[s:s+m]
		rw.fold(next, rw.part[:2], dirty)
		cur, s = next, 2*s
	}
	rw.part[0], rw.part[1] = cur[:n], cur[w-s:w-s+n]
	rw.fold(dst, rw.part[:2], dirty)
}

// fold sets dst to min or max over srcs (1 to 8): by the clean folds when
// no source holds a NaN or a -0, else by the exact ones.
func (rw *runsF32Worker) fold(dst []float32, srcs [][]float32, dirty bool) {
	switch {
	case len(srcs) == 1:
		copy(dst, srcs[0][:len(dst)])
	case dirty && rw.r.isMax:
		vec.FoldMaxF32(dst, srcs)
	case dirty:
		vec.FoldMinF32(dst, srcs)
	case rw.r.isMax:
		vec.FoldMaxCleanF32(dst, srcs)
	default:
		vec.FoldMinCleanF32(dst, srcs)
	}
}

func (rw *runsF32Worker) fill(w *worker, dst []float64) (bool, error) {
	r, p := rw.r, w.p
	rw.stamp++
	for g, src := range w.src {
		// Away from the edges, group g's line is the line its successor
		// read for the previous output line: no lookup.
		if s := rw.succ[g]; s >= 0 {
			if l := rw.prev[s]; l != nil && l.key == src {
				l.stamp = rw.stamp
				rw.cur[g] = l
				continue
			}
		}
		rw.cur[g] = rw.line(w, src)
	}
	copy(rw.prev, rw.cur)
	L := p.length
	dirty := false
	for i, run := range r.runs {
		l := rw.cur[run.group]
		dirty = dirty || l.dirty
		if rw.dirty != nil {
			rw.dirty[i] = l.dirty
		}
		rw.srcs[i] = rw.reduced(l, run.lenIdx)[p.padL+run.start : p.padL+run.start+L]
	}
	acc := rw.acc
	out, inPlace := w.output.Data.([]float32)
	inPlace = inPlace && r.top
	if inPlace {
		acc = out[w.outStart : w.outStart+L]
	}
	if rw.box != nil {
		rw.box.fill(acc, rw.srcs, rw.dirty, w.src, rw.opD)
	} else {
		srcs := rw.srcs
		k := min(len(srcs), 8)
		rw.fold(acc, srcs[:k], dirty)
		for srcs = srcs[k:]; len(srcs) > 0; srcs = srcs[k:] {
			rw.part[0] = acc
			k = copy(rw.part[1:], srcs)
			rw.fold(acc, rw.part[:k+1], dirty)
		}
	}
	if inPlace {
		w.wrote = true
	} else {
		widen(dst, acc)
	}
	return true, nil
}
