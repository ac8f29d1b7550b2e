package filter

import "sync"

// Reuse across calls: a Filter keeps the plans of the last few input
// shapes, and each plan its idle workers, so that filtering many small
// arrays of one shape (video frames, tiles, an embedder's calls) neither
// plans again (footprint groups, the algorithm's choice, its networks)
// nor allocates workers (a machine, line caches, the algorithm's
// buffers): after the first call (a few, for paths whose line cache
// slots allocate typed buffers when first used), a call on one thread
// allocates nothing.
//
// A kept plan is shared by every goroutine calling the Filter: nothing
// changes it after Filter.plan returns (the algorithms' plans are read
// only, as the threads of one run already require). A worker is one
// goroutine's at a time, and starts every run clean: the input differs
// between runs, so every cache keyed by input line (the engine's line
// cache, and those of the algorithms that keep lines or results across
// output lines: lineResetter) is emptied when a worker is taken again.

// planCacheSize is how many input shapes (with their dtypes) a Filter
// keeps plans for: a few, for callers that alternate between sizes. The
// memory kept is mostly the workers': per shape, one per thread of its
// largest run, each its line cache (about twice the input lines one
// output line reads) and its algorithm's buffers, all a few lines long.
const planCacheSize = 4

// planCache is a Filter's kept plans, most recently used first.
type planCache struct {
	mu    sync.Mutex
	plans []*plan
}

// cachedPlan returns the plan for shape and dtype: a kept one, or a new
// one, then kept. Errors are not kept (they cost little to find again).
func (f *Filter) cachedPlan(shape []int, dtype DType) (*plan, error) {
	c := f.plans
	if c == nil {
		return f.plan(shape, dtype)
	}
	if p := c.get(shape, dtype); p != nil {
		return p, nil
	}
	// planning may take a while (networks): not under the lock
	p, err := f.plan(shape, dtype)
	if err != nil {
		return nil, err
	}
	return c.put(p), nil
}

// get returns the kept plan for shape and dtype, or nil, and makes it
// the most recently used.
func (c *planCache) get(shape []int, dtype DType) *plan {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, p := range c.plans {
		if p.dtype == dtype && equalShape(p.shape, shape) {
			copy(c.plans[1:i+1], c.plans[:i])
			c.plans[0] = p
			return p
		}
	}
	return nil
}

// put keeps p, dropping the least recently used plan if full, and
// returns the plan to use: one another goroutine kept for the same
// shape meanwhile, so that its workers are shared, or p.
func (c *planCache) put(p *plan) *plan {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, q := range c.plans {
		if q.dtype == p.dtype && equalShape(q.shape, p.shape) {
			return q
		}
	}
	if len(c.plans) < planCacheSize {
		c.plans = append(c.plans, nil)
	}
	copy(c.plans[1:], c.plans[:len(c.plans)-1])
	c.plans[0] = p
	return p
}

// worker returns an idle worker of p, emptied of the last run's input,
// or a new one.
func (p *plan) worker() *worker {
	p.idleMu.Lock()
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle[n-1] = nil
		p.idle = p.idle[:n-1]
		p.idleMu.Unlock()
		w.reset()
		return w
	}
	p.idleMu.Unlock()
	return p.newWorker()
}

// release keeps w for p's next run, without the references to this run's
// arrays, if fewer than threads (the run's) are kept: a plan keeps as
// many workers as its largest run used. (Not a sync.Pool: a pool drops
// workers at each garbage collection, and at random under the race
// detector, and keeps them per P; a call would allocate or not by chance.)
func (p *plan) release(w *worker, threads int) {
	w.input, w.output, w.out, w.ctx = nil, nil, nil, nil
	p.idleMu.Lock()
	if len(p.idle) < threads {
		p.idle = append(p.idle, w)
	}
	p.idleMu.Unlock()
}

// reset empties the worker's caches keyed by input line: the next run's
// input is another array, whose line k is not this one's.
func (w *worker) reset() {
	w.prev = -2 // no previous line: start looks every source line up
	w.cache.reset()
	if r, ok := w.alg.(lineResetter); ok {
		r.reset()
	}
}

// lineResetter is a lineWorker that keeps input lines, or results derived
// from them, across output lines by source line number: reset forgets
// them all. Workers that keep nothing across lines need not implement it.
type lineResetter interface {
	reset()
}

// The workers that keep state across lines (kept here rather than in
// their algorithms' files).

// reset forgets the column histograms: the next line rebuilds them.
func (cw *ctMedianWorker) reset() { cw.valid = false }

// reset forgets the memo of the next line's result.
func (pw *median5PairWorker) reset() { pw.memoOK = false }

// reset empties the worker's own line cache and its shortcut to the
// previous output line's lines.
func (rw *runsF32Worker) reset() {
	for i := range rw.lines {
		rw.lines[i].key = -2
	}
	clear(rw.table)
	clear(rw.prev)
	if rw.box != nil {
		rw.box.reset()
	}
}

// reset resets the hoisted sub-expressions' workers.
func (hw *hoistWorker) reset() {
	for _, sw := range hw.paths {
		if r, ok := sw.(lineResetter); ok {
			r.reset()
		}
	}
}
