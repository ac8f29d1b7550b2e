package filter

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestStartNextLine: worker.start's step to the next line (each source
// line one further, away from the edges) gives the source lines and
// indices the full computation does, on random shapes (ranks 1 to 4),
// footprints, origins, axes and modes, taking lines in order and in
// blocks as plan.run's goroutines do.
func TestStartNextLine(t *testing.T) {
	r := rand.New(rand.NewPCG(97, 98))
	for trial := 0; trial < 300; trial++ {
		rank := 1 + r.IntN(4)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(7)
		}
		opts := randomOptions(r, rank)
		opts.Params = nil
		f, err := New("min(values)", opts)
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.plan(shape, Float64)
		if err != nil {
			t.Fatal(err)
		}
		w, full := p.newWorker(), p.newWorker()
		block := 1 + r.IntN(p.lines)
		for start := 0; start < p.lines; start += block {
			for line := start; line < min(start+block, p.lines); line++ {
				w.start(context.Background(), nil, line)
				full.prev = -2 // no step: the full computation
				full.start(context.Background(), nil, line)
				if !slices.Equal(w.src, full.src) || !slices.Equal(w.idx, full.idx) {
					t.Fatalf("shape %v, footprint %v, origin %v, axes %v, mode %v, line %d: sources %v, index %v; want %v, %v",
						shape, opts.Footprint.Shape, opts.Origin, opts.Axes, opts.Mode, line, w.src, w.idx, full.src, full.idx)
				}
			}
		}
	}
}
