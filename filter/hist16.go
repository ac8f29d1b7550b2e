package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
)

// hist16Alg computes a rank of uint16 or int16 pixels (median,
// percentile on a rank, sort(...)[k], with no transform) over any
// footprint of hist16MinValues values or more by Huang's sliding
// histogram in two levels: 256 top bins (the high byte) for every pixel,
// and the 65536 fine bins (with their sums by 16) only for a band of
// hist16Band top bins around the rank, rebuilt from the window when the
// rank leaves it. Each run of the footprint moves one pixel out and one
// in per step; the rank's top bin moves from where it was, and the mid
// and fine bins under it are searched without a branch. The fine bins of
// the whole range would be 128 KiB, updated at random: the band's are 8
// KiB and stay in L1. The pixels are never widened to sort.
type hist16Alg struct{}

// hist16MinValues is the fewest values a footprint takes: up to 7x7 the
// lane program's sorting networks win (measured on 512x512 uint16 noise,
// one thread, a shared machine: 7x7 general 52-105 ms, this 83-150; 7x8
// 600-1000 against 117-270; 9x9 400-820 against 69-106; 11x11 1.3-2.5 s
// against 72-410 ms).
const hist16MinValues = 50

// hist16Band is the number of top bins whose fine bins are kept.
const hist16Band = 16

type hist16Plan struct {
	*patternPlan
	rank int
	flip uint16 // 0x8000 for int16: the bins in the values' order
	why  string
}

func (hist16Alg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || pp.pat.Kind != compile.RankPattern || pp.pat.Pre != nil || c.dtype != Uint16 && c.dtype != Int16 ||
		!cvalIs(c.p, c.dtype) || pp.n < hist16MinValues || pp.n > 65535 {
		return nil
	}
	r1, r2, t, ok := pp.pat.Ranks(pp.n)
	// one rank: two averaged are not a value of the type; a percentile
	// that falls on a rank is numpy's lerp(v1, v2, 0) = v1 exactly
	if !ok || r1 != r2 && !(pp.pat.Percent && t == 0) {
		return nil
	}
	h := &hist16Plan{patternPlan: pp, rank: r1,
		why: fmt.Sprintf("rank %d of %d by a sliding histogram of %v (Huang) in two levels: 256 bins of the high byte, and the fine bins of a band of %d of those around the rank, rebuilt when the rank leaves it; %d pixels in and out per pixel; never widened to sort",
			r1, pp.n, c.dtype, hist16Band, 2*len(pp.runs))}
	if c.dtype == Int16 {
		h.flip = 0x8000
	}
	return h
}

func (h *hist16Plan) path() Path { return Path{Kind: HistogramPath, Reason: h.why, Exact: true} }

// hist16Bins is a window's histogram: every pixel in top, the band's in
// fine and mid. A pixel outside the band goes to one of 64 spare bins
// past the band's in each, never read: spread by its low bits, as one
// spare bin would chain every step's increments through one memory
// word (measured 1.6x slower on noise).
type hist16Bins struct {
	top  [256]int32
	fine [256*hist16Band + 64]uint16 // a footprint holds at most 65535 values
	mid  [16*hist16Band + 64]int32
	base uint32 // the band's first value (a multiple of 256)
}

// band returns v's fine and mid bins in the band, or spare ones.
func (b *hist16Bins) band(v uint16) (fine, mid uint32) {
	i := uint32(v) - b.base
	spare := uint32(v) & 63
	fine, mid = i, i>>4
	if i >= 256*hist16Band {
		fine, mid = 256*hist16Band+spare, 16*hist16Band+spare
	}
	return fine, mid
}

type hist16Worker struct {
	h      *hist16Plan
	bins   *hist16Bins
	uo, ui [][]uint16 // per run: the pixels leaving and entering (uint16 input)
	so, si [][]int16  // (int16 input)
}

func (h *hist16Plan) newWorker(p *plan) lineWorker {
	n := len(h.runs)
	return &hist16Worker{h: h, bins: new(hist16Bins), uo: make([][]uint16, n), ui: make([][]uint16, n),
		so: make([][]int16, n), si: make([][]int16, n)}
}

func (hw *hist16Worker) fill(w *worker, dst []float64) (bool, error) {
	w.cachedLines()
	if hw.h.flip == 0 {
		hist16Line(hw, w, dst, hw.uo, hw.ui)
	} else {
		hist16Line(hw, w, dst, hw.so, hw.si)
	}
	return true, nil
}

// hist16Line computes the current output line: the first window's top
// bins, then per step the rank's top bin t moved to hold below <= k <
// below + top[t] (below: the count under bin t), the band moved to hold
// t if it does not, the mid and fine bins under t searched, and each
// run's pixel out and in.
func hist16Line[T uint16 | int16](hw *hist16Worker, w *worker, dst []float64, outs, ins [][]T) {
	h, p, b := hw.h, w.p, hw.bins
	flip := h.flip
	L := p.length
	b.top = [256]int32{}
	for i, r := range h.runs {
		line := typedLine[T](w, r.group)[p.padL+r.start:]
		n := h.lens[r.lenIdx]
		for _, v := range line[:n] {
			b.top[uint8((uint16(v)^flip)>>8)]++
		}
		outs[i], ins[i] = line[:L-1], line[n:n+L-1] // the pixels leaving and entering at each step
	}
	k := int32(h.rank)
	t, below := uint32(0), int32(0)
	valid := false // the band's bins hold the window's pixels
	out := dst[:L]
	for x := range out {
		for below > k {
			t--
			below -= b.top[uint8(t)]
		}
		for below+b.top[uint8(t)] <= k {
			below += b.top[uint8(t)]
			t++
		}
		if !valid || 256*t-b.base >= 256*hist16Band {
			// the band centred on t, from the window's pixels
			b.base = 256 * min(uint32(max(int(t)-hist16Band/2, 0)), 256-hist16Band)
			b.fine = [len(b.fine)]uint16{}
			b.mid = [len(b.mid)]int32{}
			for i, r := range h.runs {
				line := outs[i][:cap(outs[i])]
				for _, v := range line[x : x+h.lens[r.lenIdx]] {
					jf, jm := b.band(uint16(v) ^ flip)
					b.fine[jf]++
					b.mid[jm]++
				}
			}
			valid = true
		}
		// within t, the 16 mid bins and then the 16 fine bins without a
		// branch: the count of running sums at most k is the bin
		off := 256*t - b.base
		mid := (*[16]int32)(b.mid[(off>>4)&(16*hist16Band-1):])
		c, j, bm := below, uint32(0), below
		for _, n := range mid[:15] {
			c += n
			if c <= k {
				j++
				bm = c
			}
		}
		fine := (*[16]uint16)(b.fine[(off+16*j)&(256*hist16Band-1):])
		c, f := bm, uint32(0)
		for _, n := range fine[:15] {
			c += int32(n)
			if c <= k {
				f++
			}
		}
		out[x] = float64(T(uint16(256*t+16*j+f) ^ flip))
		if x == L-1 {
			break
		}
		tt := uint8(t)
		ins = ins[:len(outs)]
		for i, ro := range outs {
			o, n := uint16(ro[x])^flip, uint16(ins[i][x])^flip
			b.top[o>>8]--
			b.top[n>>8]++
			fo, mo := b.band(o)
			fn, mn := b.band(n)
			b.fine[fo]--
			b.mid[mo]--
			b.fine[fn]++
			b.mid[mn]++
			// branch-free: the pixels are noise to a branch predictor
			below += int32(b2i(uint8(n>>8) < tt) - b2i(uint8(o>>8) < tt))
		}
	}
}
