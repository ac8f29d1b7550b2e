package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
)

// histogramAlg computes a rank of uint8 pixels (median, percentile,
// sort(...)[k], with no transform) by Huang's sliding histogram: the
// pixels are never widened to sort.
type histogramAlg struct{}

type histogramPlan struct {
	*patternPlan
	r1, r2 int // the ranks
	t      float64
	why    string
}

func (histogramAlg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || pp.pat.Kind != compile.RankPattern || pp.pat.Pre != nil || c.dtype != Uint8 {
		return nil
	}
	r1, r2, t, ok := pp.pat.Ranks(pp.n)
	if !ok {
		return nil
	}
	if !cvalIs(c.p, Uint8) { // cval must be a byte too
		return nil
	}
	return &histogramPlan{patternPlan: pp, r1: r1, r2: r2, t: t,
		why: fmt.Sprintf("rank %d of %d by a sliding 256-bin histogram (Huang): %d bins in and out per pixel, uint8 never widened to sort",
			r1, pp.n, 2*len(pp.runs))}
}

func (h *histogramPlan) path() Path { return Path{Kind: HistogramPath, Reason: h.why, Exact: true} }

type histogramWorker struct {
	h         *histogramPlan
	outs, ins [][]uint8
}

func (h *histogramPlan) newWorker(p *plan) lineWorker {
	return &histogramWorker{h: h, outs: make([][]uint8, len(h.runs)), ins: make([][]uint8, len(h.runs))}
}

// fill computes the current output line by Huang's algorithm: a
// histogram of the window slides along the line, each run of the footprint
// giving one pixel in and one out per step, and the rank moves from its
// last position.
func (hw *histogramWorker) fill(w *worker, dst []float64) (bool, error) {
	h, p := hw.h, w.p
	w.cachedLines()
	L := p.length
	// a local array indexed by bytes: no bounds checks in the hot loop
	var bins [256]int32
	// per run: the pixels leaving (outs[x]) and entering (ins[x]) at step
	// x, from the uint8 input line, never widened
	for i, r := range h.runs {
		line := typedLine[uint8](w, r.group)[p.padL+r.start:]
		n := h.lens[r.lenIdx]
		for j := 0; j < n; j++ {
			bins[line[j]]++
		}
		hw.outs[i] = line[:L-1]
		hw.ins[i] = line[n : n+L-1]
	}
	k := int32(h.r1)
	m, below := uint8(0), int32(0) // the rank's value, and the count under it
	two := h.r2 != h.r1
	out := dst[:L]
	for x := range out {
		for below > k {
			m--
			below -= bins[m]
		}
		for below+bins[m] <= k {
			below += bins[m]
			m++
		}
		if !two {
			out[x] = float64(m) // a whole number: 0 + m is m
		} else {
			v2 := float64(m)
			if below+bins[m] <= k+1 {
				// the next rank is the next occupied bin
				n := m + 1
				for bins[n] == 0 {
					n++
				}
				v2 = float64(n)
			}
			out[x] = h.pat.Combine(float64(m), v2, h.t)
		}
		if x == L-1 {
			break
		}
		outs, ins := hw.outs, hw.ins[:len(hw.outs)]
		for i, ro := range outs {
			o, n := ro[x], ins[i][x]
			bins[o]--
			bins[n]++
			// branch-free: the pixels are noise to a branch predictor
			below += int32(b2i(n < m) - b2i(o < m))
		}
	}
	return true, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
