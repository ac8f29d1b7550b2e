package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
)

// The median over an HxW box by shared column sorts: for each output line
// the H input lines are sorted elementwise once (each sorted column serves
// the W windows that contain it), and each window's median comes from a
// selection network that knows its columns are sorted and so skips the
// exchanges that could never swap. The network reads the sorted columns
// in place, as shifted views. Lines with a NaN take the lane program.

// boxRank is the plan of the shared-column median.
type boxRank struct {
	h, w   int
	start  int          // the box's first offset along the line
	cols   []compile.CE // sorts a column of h
	net    []compile.CE // selects the ranks from w sorted columns
	r1, r2 int
	t      float64
	colIn  []bool // per column wire: the sort leaves it in the source
	netIn  []bool // per rank wire: likewise for the selection
}

func boxRankPath(p *plan, fp *fastPath) *boxRank {
	pat := fp.pat
	if !pat.Median || len(fp.lens) != 1 || len(fp.runs) < 2 || fp.lens[0] < 2 {
		return nil
	}
	h, w := len(fp.runs), fp.lens[0]
	for _, r := range fp.runs {
		if r.start != fp.runs[0].start {
			return nil
		}
	}
	r1, r2, t, ok := pat.Ranks(h * w)
	if !ok {
		return nil
	}
	net, ok := compile.PresortedSelection(h, w, r1, r2)
	if !ok {
		return nil
	}
	b := &boxRank{h: h, w: w, start: fp.runs[0].start, cols: compile.SortNetwork(h), net: net, r1: r1, r2: r2, t: t}
	for i := 0; i < h; i++ {
		b.colIn = append(b.colIn, !compile.Touched(b.cols, i))
	}
	for i := 0; i < h*w; i++ {
		b.netIn = append(b.netIn, !compile.Touched(b.net, i))
	}
	fp.why = fmt.Sprintf("%dx%d median: columns sorted once per line and shared by %d windows (%d exchanges), then a %d-exchange selection network that knows its columns are sorted; lines with a NaN take the lane program",
		h, w, w, len(b.cols), len(b.net))
	return b
}

// boxRankWorker is a worker's scratch for boxRank.
type boxRankWorker struct {
	rows, sorted [][]float64 // h input lines, and their sorted columns
	src, wires   [][]float64 // h*w shifted views, and the network's scratch
	srcP, wiresP [][]float64 // the same, for one piece of the line
}

func (b *boxRank) newWorker(p *plan) *boxRankWorker {
	P := p.padL + p.length + p.padR
	bw := &boxRankWorker{rows: make([][]float64, b.h), sorted: vectorsOf(b.h, P),
		src: make([][]float64, b.h*b.w), wires: vectorsOf(b.h*b.w, min(p.length, 512)),
		srcP: make([][]float64, b.h*b.w), wiresP: make([][]float64, b.h*b.w)}
	return bw
}

func vectorsOf(n, size int) [][]float64 {
	flat := make([]float64, n*size)
	v := make([][]float64, n)
	for i := range v {
		v[i] = flat[i*size : (i+1)*size : (i+1)*size]
	}
	return v
}

// boxRankLine computes the current output line, or reports false when one
// of its lines has a NaN.
func (fw *fastWorker) boxRankLine(w *worker) bool {
	b, bw, p := fw.fp.box, fw.box, w.p
	for i, r := range fw.fp.runs {
		l := w.cur[r.group]
		bw.rows[i] = fw.transformed(l)
		if fw.hasNaN(l, bw.rows[i]) {
			return false
		}
	}
	compile.RunNetwork(b.cols, bw.rows, bw.sorted)
	L := p.length
	at := p.padL + b.start
	for c := 0; c < b.w; c++ {
		for r := 0; r < b.h; r++ {
			col := bw.sorted[r]
			if b.colIn[r] {
				col = bw.rows[r]
			}
			bw.src[c*b.h+r] = col[at+c : at+c+L]
		}
	}
	// the network in pieces: long enough that the call per exchange is
	// cheap, short enough for the wires to stay in L2
	const piece = 512
	for off := 0; off < L; off += piece {
		n := min(piece, L-off)
		for i := range bw.src {
			bw.srcP[i] = bw.src[i][off : off+n]
			bw.wiresP[i] = bw.wires[i][:n]
		}
		compile.RunNetwork(b.net, bw.srcP, bw.wiresP)
		v1, v2 := bw.wiresP[b.r1], bw.wiresP[b.r2]
		if b.netIn[b.r1] {
			v1 = bw.srcP[b.r1]
		}
		if b.netIn[b.r2] {
			v2 = bw.srcP[b.r2]
		}
		out := fw.dst[off : off+n]
		v1, v2 = v1[:n], v2[:n]
		if b.t == 0 { // an odd count: numpy's 0.0 + x
			for i := range out {
				out[i] = 0 + v1[i]
			}
		} else {
			for i := range out {
				out[i] = ((0 + v1[i]) + v2[i]) / 2
			}
		}
	}
	return true
}
