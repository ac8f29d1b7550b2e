package filter

import (
	"fmt"
	"math"
)

// rankPath picks an algorithm for a rank statistic (median, percentile,
// sort(...)[k]): a sliding histogram for uint8 pixels; for a transformed
// rank such as median(abs(values - c)), the transform once per input pixel
// and then the rank's own program; otherwise none (the lane program, whose
// sorting networks are the general algorithm).
func (f *Filter) rankPath(p *plan, fp *fastPath, dtype DType) *fastPath {
	pat := fp.pat
	r1, r2, t, ok := pat.Ranks(fp.n)
	if !ok {
		return nil
	}
	constantOK := (p.mode != Constant && p.mode != GridConstant) ||
		(p.cval == math.Trunc(p.cval) && p.cval >= 0 && p.cval <= 255)
	if pat.Pre == nil && dtype == Uint8 && constantOK {
		fp.hist, fp.r1, fp.r2, fp.t = true, r1, r2, t
		fp.why = fmt.Sprintf("rank %d of %d by a sliding 256-bin histogram (Huang): %d bins in and out per pixel, uint8 never widened to sort",
			r1, fp.n, 2*len(fp.runs))
		return fp
	}
	if start, ok := median3Path(p, fp); ok {
		fp.median3, fp.start3 = true, start
		fp.why = "3x3 median: each column sorted once and shared by three windows, then med3(max of lows, med3 of middles, min of highs); lines with a NaN take the lane program"
		if pat.Pre != nil {
			fp.why = "the transform once per input pixel, then the " + fp.why
		}
		return fp
	}
	if b := boxRankPath(p, fp); b != nil {
		fp.box = b
		if pat.Pre != nil {
			fp.why = "the transform once per input pixel, then the " + fp.why
		}
		return fp
	}
	if pat.Pre == nil {
		return nil
	}
	prog, err := pat.RankProgram(fp.n)
	if err != nil {
		return nil
	}
	fp.rank = prog
	fp.why = fmt.Sprintf("the transform once per input pixel (not %d times), then %s: %d instructions", fp.n, prog.Source, len(prog.Instrs))
	return fp
}

// histLine computes the current output line by Huang's algorithm: a
// histogram of the window slides along the line, each run of the footprint
// giving one pixel in and one out per step, and the rank moves from its
// last position.
func (fw *fastWorker) histLine(w *worker) {
	fp, p := fw.fp, w.p
	L := p.length
	// a local array indexed by bytes: no bounds checks in the hot loop
	var bins [256]int32
	// per run: the pixels leaving (outs[x]) and entering (ins[x]) at step
	// x, from the line as bytes (made once per input line)
	for i, r := range fp.runs {
		line := w.cur[r.group].bytesOf()[p.padL+r.start:]
		n := fp.lens[r.lenIdx]
		for j := 0; j < n; j++ {
			bins[line[j]]++
		}
		fw.outs[i] = line[:L-1]
		fw.ins[i] = line[n : n+L-1]
	}
	k := int32(fp.r1)
	m, below := uint8(0), int32(0) // the rank's value, and the count under it
	two := fp.r2 != fp.r1
	out := fw.dst[:L]
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
			out[x] = fp.pat.Combine(float64(m), v2, fp.t)
		}
		if x == L-1 {
			break
		}
		outs, ins := fw.outs, fw.ins[:len(fw.outs)]
		for i, ro := range outs {
			o, n := ro[x], ins[i][x]
			bins[o]--
			bins[n]++
			// branch-free: the pixels are noise to a branch predictor
			below += int32(b2i(n < m) - b2i(o < m))
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
