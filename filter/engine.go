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
	mode      Mode
	cval      float64
	progress  func(done, total int)
}

func (f *Filter) plan(shape []int) (*plan, error) {
	rank := len(shape)
	if rank == 0 {
		return nil, &Error{What: "array", Msg: "a 0-D array has no neighbourhoods; give at least one axis"}
	}
	axes, err := f.axes(rank)
	if err != nil {
		return nil, err
	}
	fp := f.opts.Footprint
	p := &plan{prog: f.prog, shape: shape, length: shape[rank-1], lines: 1, center: -1,
		mode: f.opts.Mode, cval: f.opts.Cval, progress: f.opts.Progress}
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
	return p, nil
}

// run filters every line, threads goroutines taking blocks of lines in
// turn. Each pixel's result depends only on the input, so the output is
// the same for any number of threads.
func (p *plan) run(ctx context.Context, out, in *Array, threads int) error {
	threads = max(1, min(threads, p.lines))
	block := max(1, p.lines/(threads*8))
	var next, done atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, threads)
	for t := 0; t < threads; t++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := p.newWorker()
			for {
				start := int(next.Add(int64(block))) - block
				if start >= p.lines {
					return
				}
				end := min(start+block, p.lines)
				for line := start; line < end; line++ {
					if err := w.line(ctx, out, in, line); err != nil {
						errs[t] = err
						next.Store(int64(p.lines)) // stop the others
						return
					}
				}
				if p.progress != nil {
					p.progress(int(done.Add(int64(end-start))), p.lines)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// worker is one goroutine's state: its machine and line buffers. Its
// memory is the footprint's extent times the line length.
type worker struct {
	p    *plan
	m    *compile.Machine
	bufs [][]float64 // per group: padL + length + padR
	in   [][]float64 // per footprint element: its view of a buffer
	sub  [][]float64 // per element: the view for the current chunk
	out  []float64   // one output line
	idx  []int       // the line's index on each axis but the last
}

func (p *plan) newWorker() *worker {
	w := &worker{p: p, m: p.prog.NewMachine(),
		in:  make([][]float64, len(p.elemGroup)),
		sub: make([][]float64, len(p.elemGroup)),
		out: make([]float64, p.length),
		idx: make([]int, len(p.shape)-1),
	}
	w.bufs = make([][]float64, len(p.groups))
	for g := range w.bufs {
		w.bufs[g] = make([]float64, p.padL+p.length+p.padR)
	}
	return w
}

// chunk is how many pixels run between checks for cancellation: short
// enough to stop within milliseconds even for slow kernels.
const chunk = 4096

func (w *worker) line(ctx context.Context, out, in *Array, line int) error {
	p := w.p
	L := p.length
	rank := len(p.shape)
	rem := line
	for ax := rank - 2; ax >= 0; ax-- {
		w.idx[ax] = rem % p.shape[ax]
		rem /= p.shape[ax]
	}
	for g, prefix := range p.groups {
		buf := w.bufs[g]
		src, outside := 0, false
		for ax := 0; ax < rank-1; ax++ {
			q := p.mode.index(w.idx[ax]+prefix[ax], p.shape[ax])
			if q < 0 {
				outside = true
				break
			}
			src = src*p.shape[ax] + q
		}
		if outside {
			for i := range buf {
				buf[i] = p.cval
			}
			continue
		}
		toFloat64(buf[p.padL:p.padL+L], in.Data, src*L)
		for j := 0; j < p.padL; j++ {
			buf[j] = p.extend(buf, j-p.padL)
		}
		for j := 0; j < p.padR; j++ {
			buf[p.padL+L+j] = p.extend(buf, L+j)
		}
	}
	for k, g := range p.elemGroup {
		w.in[k] = w.bufs[g][p.padL+p.elemOff[k]:]
	}
	var center []float64
	if p.center >= 0 {
		center = w.bufs[p.center][p.padL : p.padL+L]
	}
	done := ctx.Done()
	for off := 0; off < L; off += chunk {
		if done != nil {
			select {
			case <-done:
				return ctx.Err()
			default:
			}
		}
		end := min(L, off+chunk)
		for k, v := range w.in {
			w.sub[k] = v[off:]
		}
		var c []float64
		if center != nil {
			c = center[off:]
		}
		w.m.Run(w.out[off:end], w.sub, c)
	}
	fromFloat64(out.Data, line*L, w.out)
	return nil
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
