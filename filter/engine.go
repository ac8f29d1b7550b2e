package filter

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/kfilter/kfilter/compile"
)

// plan is how one input shape is filtered: lines along the last axis, the
// input lines each output line reads (groups of footprint elements with
// the same offsets on the other axes) and each element's offset along the
// line.
type plan struct {
	prog      *compile.Program
	shape     []int
	length    int     // pixels per line: the last axis
	lines     int     // lines: the product of the other axes
	groups    [][]int // per group, its offset on each axis but the last
	elemGroup []int   // per footprint element (C order), its group
	elemOff   []int   // per footprint element, its offset along the line
	center    int     // the group of the line itself, or -1 if unused
	padL      int     // line buffer margins
	padR      int
	pads      []int // per margin element (left, then right): its position in the line through the mode, -1: cval
	mode      Mode
	cval      float64
	dtype     DType    // the input's
	alg       linePlan // the algorithm that fills the lines
	// idle are workers of earlier runs, for a plan the Filter keeps
	// (reuse.go): a run takes them rather than making new ones.
	idleMu sync.Mutex
	idle   []*worker
}

func (f *Filter) plan(shape []int, dtype DType) (*plan, error) {
	rank := len(shape)
	if rank == 0 {
		return nil, &Error{Kind: ArrayError, Msg: "a 0-D array has no neighbourhoods; give at least one axis"}
	}
	axes, err := f.axes(rank)
	if err != nil {
		return nil, err
	}
	fp := f.opts.Footprint
	// the plan's own copy of the shape: a kept plan must not change with
	// the caller's slice
	shape = append([]int(nil), shape...)
	p := &plan{prog: f.prog, shape: shape, length: shape[rank-1], lines: 1, center: -1,
		mode: f.opts.Mode, cval: f.opts.Cval, dtype: dtype}
	for _, s := range shape[:rank-1] {
		p.lines *= s
	}
	// scipy's footprint element j sits at input offset j - (size/2 + origin)
	fidx := make([]int, fp.Rank())
	off := make([]int, rank)
	groupOf := map[string]int{}
	key := func(prefix []int) string { return fmt.Sprint(prefix) }
	addGroup := func(prefix []int) int {
		k := key(prefix)
		if g, ok := groupOf[k]; ok {
			return g
		}
		groupOf[k] = len(p.groups)
		p.groups = append(p.groups, append([]int(nil), prefix...))
		return len(p.groups) - 1
	}
	minOff, maxOff := 0, 0
	for i, on := range fp.Mask {
		rem := i
		for ax := fp.Rank() - 1; ax >= 0; ax-- {
			fidx[ax] = rem % fp.Shape[ax]
			rem /= fp.Shape[ax]
		}
		if !on {
			continue
		}
		clear(off)
		for j, ax := range axes {
			off[ax] = fidx[j] - (fp.Shape[j]/2 + f.origin[j])
		}
		p.elemGroup = append(p.elemGroup, addGroup(off[:rank-1]))
		last := off[rank-1]
		p.elemOff = append(p.elemOff, last)
		minOff, maxOff = min(minOff, last), max(maxOff, last)
	}
	if f.prog.Kernel.UsesCenter {
		p.center = addGroup(make([]int, rank-1))
	}
	p.padL, p.padR = -minOff, maxOff
	for j := -p.padL; j < 0 && p.length > 0; j++ {
		p.pads = append(p.pads, p.mode.index(j, p.length))
	}
	for j := 0; j < p.padR && p.length > 0; j++ {
		p.pads = append(p.pads, p.mode.index(p.length+j, p.length))
	}
	p.alg = f.choose(p, dtype)
	return p, nil
}

// run filters every line, threads goroutines (the calling one among
// them) taking blocks of lines in turn, calling progress, if set, after
// each block. Each pixel's result depends only on the input, so the
// output is the same for any number of threads.
func (p *plan) run(ctx context.Context, out, in *Array, threads int, progress func(done, total int)) error {
	threads = max(1, min(threads, p.lines))
	block := max(1, p.lines/(threads*8))
	if threads == 1 {
		// on the calling goroutine, the queue on its stack: a run of a
		// kept plan allocates nothing
		var q lineQueue
		return p.work(ctx, out, in, &q, block, threads, progress)
	}
	q := new(lineQueue)
	var wg sync.WaitGroup
	n := threads // the goroutines' copy: threads itself stays on the stack
	errs := make([]error, n)
	for t := 1; t < n; t++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[t] = p.work(ctx, out, in, q, block, n, progress)
		}()
	}
	errs[0] = p.work(ctx, out, in, q, block, n, progress)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// lineQueue hands out a run's blocks of lines and counts those done.
type lineQueue struct {
	next, done atomic.Int64
}

// work is one goroutine's share of a run of threads: blocks of lines
// from q until none is left or a line fails, which stops the others too.
func (p *plan) work(ctx context.Context, out, in *Array, q *lineQueue, block, threads int, progress func(done, total int)) error {
	w := p.worker()
	for {
		start := int(q.next.Add(int64(block))) - block
		if start >= p.lines {
			p.release(w, threads)
			return nil
		}
		end := min(start+block, p.lines)
		w.end = end
		for line := start; line < end; line++ {
			if err := w.line(ctx, out, in, line); err != nil {
				q.next.Store(int64(p.lines)) // stop the others
				return err                   // w may be mid-line: not kept
			}
		}
		w.end = 0
		if progress != nil {
			progress(int(q.done.Add(int64(end-start))), p.lines)
		}
	}
}

// worker is one goroutine's state: its machine, line cache and output
// line. Its memory is the footprint's extent times the line length.
type worker struct {
	p        *plan
	m        *compile.Machine // the kernel's
	alg      lineWorker
	cache    lineCache
	cur      []*cachedLine // per group: the input line of the current output line
	found    bool          // cur holds the current output line's input lines
	loaded   bool          // and their float64 buffers are filled
	in       [][]float64   // per footprint element: its view of a buffer
	sub      [][]float64   // per element: the view for the current chunk
	out      []float64     // the output line: in the output array, or outBuf
	outBuf   []float64     // one output line, for outputs not float64
	src      []int         // per group: the source line, or outsideLine
	idx      []int         // the line's index on each axis but the last
	input    *Array        // the input array
	output   *Array        // the output array
	outStart int           // the current output line's first element in the output's Data
	wrote    bool          // the algorithm wrote the line into output itself
	ctx      context.Context
	prev     int // the line started last
	// end is the end of the block of lines the worker is taking (0
	// outside one): the lines after the current one before it are its
	// next, so an algorithm may write them ahead (median3F32Worker)
	end int
	// preLo, preHi: the groups' least and greatest offsets on the last
	// axis but one
	preLo, preHi int
}

func (p *plan) newWorker() *worker {
	w := &worker{p: p, m: p.prog.NewMachine(),
		cur:    make([]*cachedLine, len(p.groups)),
		in:     make([][]float64, len(p.elemGroup)),
		sub:    make([][]float64, len(p.elemGroup)),
		outBuf: make([]float64, p.length),
		src:    make([]int, len(p.groups)),
		idx:    make([]int, len(p.shape)-1),
	}
	w.prev = -2
	if k := len(p.shape) - 2; k >= 0 {
		w.preLo, w.preHi = p.groups[0][k], p.groups[0][k]
		for _, g := range p.groups {
			w.preLo, w.preHi = min(w.preLo, g[k]), max(w.preHi, g[k])
		}
	}
	// Consecutive output lines share all but one of their input lines:
	// keep twice as many as one output line reads.
	w.cache.init(2*len(p.groups)+1, p.padL+p.length+p.padR)
	w.alg = p.alg.newWorker(p)
	return w
}

// chunk is how many pixels run between checks for cancellation: short
// enough to stop within milliseconds even for slow kernels.
const chunk = 4096

// outsideLine is the cache key of the line of cval beyond the edges.
const outsideLine = -1

func (w *worker) line(ctx context.Context, out, in *Array, line int) error {
	w.start(ctx, in, line)
	w.output = out
	L := w.p.length
	// float64 results go straight into the output
	outData, direct := out.Data.([]float64)
	w.outStart = out.lineStart(line)
	if direct {
		w.out = outData[w.outStart : w.outStart+L]
	} else {
		w.out = w.outBuf
	}
	if done := ctx.Done(); done != nil {
		select {
		case <-done:
			return ctx.Err()
		default:
		}
	}
	ok, err := w.alg.fill(w, w.out)
	if err == nil && !ok {
		err = w.kernelLine(w.out)
	}
	if err != nil {
		return err
	}
	if !direct && !w.wrote {
		fromFloat64(out.Data, w.outStart, w.out)
	}
	return nil
}

// start makes line of in the worker's current output line: the source
// line of each group, and no input line looked up yet.
func (w *worker) start(ctx context.Context, in *Array, line int) {
	p := w.p
	rank := len(p.shape)
	if k := rank - 2; k >= 0 && line == w.prev+1 && w.idx[k]+1 < p.shape[k] &&
		w.idx[k]+w.preLo >= 0 && w.idx[k]+1+w.preHi < p.shape[k] {
		// The next line on the last axis but one, every group's line
		// inside the array on that axis before and after: each source
		// line is one further (a line beyond the edge on another axis
		// stays there). Short lines make this per-line cost count.
		w.idx[k]++
		for g, src := range w.src {
			if src != outsideLine {
				w.src[g] = src + 1
			}
		}
	} else {
		rem := line
		for ax := rank - 2; ax >= 0; ax-- {
			w.idx[ax] = rem % p.shape[ax]
			rem /= p.shape[ax]
		}
		for g, prefix := range p.groups {
			src := 0
			for ax := 0; ax < rank-1; ax++ {
				q := p.mode.index(w.idx[ax]+prefix[ax], p.shape[ax])
				if q < 0 {
					src = outsideLine
					break
				}
				src = src*p.shape[ax] + q
			}
			w.src[g] = src
		}
	}
	w.prev = line
	w.input, w.ctx, w.found, w.loaded = in, ctx, false, false
	w.wrote = false
}

// lines makes cur the current output line's input lines as float64,
// loading those not cached; algorithms that read cached float64 lines
// call it first.
func (w *worker) lines() {
	if w.loaded {
		return
	}
	w.loaded = true
	w.cachedLines()
	for _, c := range w.cur {
		if !c.f64 {
			w.p.load(c.buf, w.input, c.key)
			c.f64 = true
		}
	}
}

// cachedLines makes cur the current output line's input lines, without
// filling their float64 buffers: algorithms that read typed lines
// (typedLine) call it first.
func (w *worker) cachedLines() {
	if w.found {
		return
	}
	w.found = true
	w.cache.stamp++
	for g, src := range w.src {
		w.cur[g], _ = w.cache.get(src)
	}
}

// elemViews returns, per footprint element, its view of the current
// line's input lines (after lines).
func (w *worker) elemViews() [][]float64 {
	p := w.p
	for k, g := range p.elemGroup {
		w.in[k] = w.cur[g].buf[p.padL+p.elemOff[k]:]
	}
	return w.in
}

// centerLine returns the current line's own input line if the kernel
// reads center, else nil (after lines).
func (w *worker) centerLine() []float64 {
	if p := w.p; p.center >= 0 {
		return w.cur[p.center].buf[p.padL : p.padL+p.length]
	}
	return nil
}

// kernelLine computes the current output line by the kernel's lane
// program: the general algorithm, and every other's fallback.
func (w *worker) kernelLine(dst []float64) error {
	w.lines()
	return w.runProgram(w.m, w.elemViews(), w.sub, w.centerLine(), dst)
}

// runProgram runs machine m over the line, in chunks between checks for
// cancellation: in[k] is input k's view of the line, sub scratch as long
// as in.
func (w *worker) runProgram(m *compile.Machine, in, sub [][]float64, center, dst []float64) error {
	L := w.p.length
	done := w.ctx.Done()
	for off := 0; off < L; off += chunk {
		if done != nil && off > 0 {
			select {
			case <-done:
				return w.ctx.Err()
			default:
			}
		}
		end := min(L, off+chunk)
		sub := sub[:len(in)]
		for k, v := range in {
			sub[k] = v[off:]
		}
		var c []float64
		if center != nil {
			c = center[off:]
		}
		m.Run(dst[off:end], sub, c)
	}
	return nil
}

// load fills buf with source line src of in, extended by the mode.
func (p *plan) load(buf []float64, in *Array, src int) {
	L := p.length
	if src == outsideLine {
		for i := range buf {
			buf[i] = p.cval
		}
		return
	}
	toFloat64(buf[p.padL:p.padL+L], in.Data, in.lineStart(src))
	for j := 0; j < p.padL; j++ {
		buf[j] = p.extend(buf, j-p.padL)
	}
	for j := 0; j < p.padR; j++ {
		buf[p.padL+L+j] = p.extend(buf, L+j)
	}
}

// extend returns the value at position i of a line outside [0, length),
// from the line in buf (at padL).
func (p *plan) extend(buf []float64, i int) float64 {
	q := p.mode.index(i, p.length)
	if q < 0 {
		return p.cval
	}
	return buf[p.padL+q]
}

// cachedLine is an input line, extended by the mode (as float64, and in
// the input's own type for the algorithms that read it so), and what the
// algorithms derive from it.
type cachedLine struct {
	key      int // source line, or outsideLine
	stamp    int // the output line that last used it
	buf      []float64
	derived  [][]float64 // fast-path buffers, valid while valid[i]
	valid    []bool
	f64      bool  // buf is filled
	typed    any   // the line in the input's element type: a []T, for typedLine
	typedOK  bool  // typed is filled
	tderived []any // typed derived buffers ([]T), valid while tvalid[i]
	tvalid   []bool
}

// lineCache keeps the input lines of the last few output lines. table
// finds a line by key without a scan (short lines make a scan of every
// slot, for every group of every output line, count): slot+1 at the
// key's hash, or 0; a collision only costs a miss (the line is loaded
// again, into another slot).
type lineCache struct {
	lines []cachedLine
	stamp int
	table []int32
	shift uint
}

func (c *lineCache) init(n, size int) {
	c.lines = make([]cachedLine, n)
	for i := range c.lines {
		c.lines[i] = cachedLine{key: -2, buf: make([]float64, size)}
	}
	bits := uint(1)
	for 1<<bits < 4*n {
		bits++
	}
	c.table, c.shift = make([]int32, 1<<bits), 64-bits
}

func (c *lineCache) hash(key int) int {
	return int(uint64(key) * 0x9E3779B97F4A7C15 >> c.shift)
}

// get returns the line for key, and whether it was cached; a miss takes
// the least recently used slot (never one the current output line uses),
// its buffers marked for filling.
func (c *lineCache) get(key int) (*cachedLine, bool) {
	h := c.hash(key)
	if s := c.table[h] - 1; s >= 0 && c.lines[s].key == key {
		l := &c.lines[s]
		l.stamp = c.stamp
		return l, true
	}
	oldest := 0
	for i := range c.lines {
		if c.lines[i].stamp < c.lines[oldest].stamp {
			oldest = i
		}
	}
	l := &c.lines[oldest]
	if l.key != -2 {
		if o := c.hash(l.key); c.table[o] == int32(oldest+1) {
			c.table[o] = 0
		}
	}
	c.table[h] = int32(oldest + 1)
	l.key, l.stamp = key, c.stamp
	l.f64, l.typedOK = false, false
	clear(l.valid)
	clear(l.tvalid)
	return l, false
}

// reset empties the cache: the next lines are another array's.
func (c *lineCache) reset() {
	for i := range c.lines {
		c.lines[i].key = -2 // no source line: a miss, its buffers refilled
	}
	clear(c.table)
}

// derivedBuf returns derived buffer i of l (size floats), and whether it
// is already computed.
func (l *cachedLine) derivedBuf(i, size int) ([]float64, bool) {
	if n := i + 1 - len(l.derived); n > 0 {
		// in one step: a line's first derived buffer is often its 64th
		l.derived = append(l.derived, make([][]float64, n)...)
		l.valid = append(l.valid, make([]bool, n)...)
	}
	if l.derived[i] == nil {
		l.derived[i] = make([]float64, size)
	}
	ok := l.valid[i]
	l.valid[i] = true
	return l.derived[i], ok
}
