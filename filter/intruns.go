package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// intRunsAlg computes min and max of small-integer input (uint8, int8,
// uint16, int16; no transform) over the footprint's runs as runsAlg does,
// but in the input's own type from end to end: the input lines are read
// in their type (typedLine), each run's windows reduced once per input
// line by doubling, 32 bytes to a vector instruction, the runs combined
// the same way, and the result written straight into an output of that
// type (widened once for any other). min and max of whole numbers are
// exact in any type, so the results are the lane program's.
type intRunsAlg struct{}

func (intRunsAlg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || pp.pat.Pre != nil || pp.pat.Kind != compile.MinPattern && pp.pat.Kind != compile.MaxPattern ||
		!cvalIs(c.p, c.dtype) || len(pp.lens) >= derivedPerPath-2 {
		return nil
	}
	switch c.dtype {
	case Uint8:
		return newIntRuns(c, vec.MinU8Overlap, vec.MaxU8Overlap, 32)
	case Int8:
		return newIntRuns(c, vec.MinI8Overlap, vec.MaxI8Overlap, 32)
	case Uint16:
		return newIntRuns(c, vec.MinU16Overlap, vec.MaxU16Overlap, 16)
	case Int16:
		return newIntRuns(c, vec.MinI16Overlap, vec.MaxI16Overlap, 16)
	}
	return nil
}

type intRunsPlan[T vec.Integer] struct {
	*patternPlan
	op  func(a, x, y []T) // vec's min or max for T
	top bool              // the whole kernel, not a hoisted sub-expression: it may write the output
	box []boxChain        // a box's columns (boxfold.go), or nil
	why string
}

func newIntRuns[T vec.Integer](c *candidate, minOp, maxOp func(a, x, y []T), per int) linePlan {
	pp := c.pat
	op := minOp
	if pp.pat.Kind == compile.MaxPattern {
		op = maxOp
	}
	r := &intRunsPlan[T]{patternPlan: pp, op: op, top: !c.sub}
	r.why = fmt.Sprintf("%s of %v over %d runs of lengths %v along the line, in %v from end to end: each run reduced once per input line by doubling, %d elements a vector instruction, then combined; never widened to float64",
		pp.pat.Kind, c.dtype, len(pp.runs), pp.lens, c.dtype, per)
	r.box = boxChains(c.p, pp, minBoxChainPairs, len(pp.runs))
	r.why += boxReason(r.box)
	return r
}

func (r *intRunsPlan[T]) path() Path { return Path{Kind: IntRunsPath, Reason: r.why, Exact: true} }

type intRunsWorker[T vec.Integer] struct {
	r    *intRunsPlan[T]
	acc  []T   // the output line, when not written in place
	srcs [][]T // per run: its view for the current line
	tmp  [2][]T
	box  *boxFold[T]
	need []bool                          // per run: box reads its reduction for the current line
	opD  func(dst, x, y []T, dirty bool) // op for box
}

func (r *intRunsPlan[T]) newWorker(p *plan) lineWorker {
	P := p.padL + p.length + p.padR
	rw := &intRunsWorker[T]{r: r, acc: make([]T, p.length), srcs: make([][]T, len(r.runs)),
		tmp: [2][]T{make([]T, P), make([]T, P)}}
	if r.box != nil {
		rw.box = newBoxFold[T](r.box, p.length)
		rw.need = make([]bool, len(r.runs))
		rw.opD = func(dst, x, y []T, _ bool) { r.op(dst, x, y) }
	}
	return rw
}

// reset forgets the box's folds, which are keyed by source line.
func (rw *intRunsWorker[T]) reset() {
	if rw.box != nil {
		rw.box.reset()
	}
}

// reduced returns the reduction of every window of the idx-th run length
// along group g's input line: element i covers positions i .. i+len-1.
func (rw *intRunsWorker[T]) reduced(w *worker, g, idx int) []T {
	length := rw.r.lens[idx]
	t := typedLine[T](w, g)
	if length == 1 {
		return t
	}
	h, ok := derivedTyped[T](w.cur[g], rw.r.base+1+idx, len(t))
	if !ok {
		windowsInts(h[:len(t)-length+1], t, length, rw.r.op, &rw.tmp)
	}
	return h
}

func (rw *intRunsWorker[T]) fill(w *worker, dst []float64) (bool, error) {
	r, p := rw.r, w.p
	L := p.length
	if rw.box != nil {
		rw.box.need(w.src, rw.need)
		rw.cachedNeeded(w)
	} else {
		w.cachedLines()
	}
	for i, run := range r.runs {
		if rw.need != nil && !rw.need[i] {
			rw.srcs[i] = nil // the box's window moves by a line: it does not read this one
			continue
		}
		rw.srcs[i] = rw.reduced(w, run.group, run.lenIdx)[p.padL+run.start : p.padL+run.start+L]
	}
	acc := rw.acc
	out, inPlace := w.output.Data.([]T)
	inPlace = inPlace && r.top
	if inPlace {
		acc = out[w.outStart : w.outStart+L]
	}
	if rw.box != nil {
		rw.box.fill(acc, rw.srcs, nil, w.src, rw.opD)
	} else if len(rw.srcs) == 1 {
		copy(acc, rw.srcs[0])
	} else {
		r.op(acc, rw.srcs[0], rw.srcs[1])
		for _, s := range rw.srcs[2:] {
			r.op(acc, acc, s)
		}
	}
	if inPlace {
		w.wrote = true
	} else {
		widen(dst, acc)
	}
	return true, nil
}

// cachedNeeded is worker.cachedLines for the groups of the needed runs
// only (the others' w.cur are left stale, and w.found unset, so that any
// other reader of the line still looks them all up): the lookups of the
// 13 lines a 15x15 box's sliding window does not read were 8% of its
// time.
func (rw *intRunsWorker[T]) cachedNeeded(w *worker) {
	if w.found {
		return
	}
	w.cache.stamp++
	for i, run := range rw.r.runs {
		if rw.need[i] {
			w.cur[run.group], _ = w.cache.get(w.src[run.group])
		}
	}
}

// windowsInts sets dst[i] to op over src[i : i+w] for every i, by
// doubling: windows of 2s from pairs of windows of s, then each window as
// two overlapping ones (min and max do not mind the overlap); log2(w)+1
// passes of one vector instruction per 32 bytes. tmp holds two scratch
// lines as long as src.
func windowsInts[T vec.Integer](dst, src []T, w int, op func(a, x, y []T), tmp *[2][]T) {
	n := len(dst)
	cur, s := src, 1
	for k := 0; 2*s <= w; k++ {
		m := n + w - 2*s // windows of 2s in src
		next := tmp[k%2][:m]
		op(next, cur[:m], cur[s:s+m])
		cur, s = next, 2*s
	}
	op(dst, cur[:n], cur[w-s:w-s+n])
}
