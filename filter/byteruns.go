package filter

import (
	"fmt"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// byteRunsAlg computes min and max of uint8 input (no transform) over the
// footprint's runs as runsAlg does, but in bytes from end to end: the
// input lines are read as bytes (typedLine), each run's windows reduced
// once per input line by doubling, 32 bytes to a vector instruction, the
// runs combined the same way, and the result written straight into a
// uint8 output (widened once for any other). min and max of whole numbers
// are exact in any type, so the results are the lane program's.
type byteRunsAlg struct{}

type byteRunsPlan struct {
	*patternPlan
	op  func(a, x, y []uint8) // vec.MinU8 or vec.MaxU8
	top bool                  // the whole kernel, not a hoisted sub-expression: it may write the output
	why string
}

func (byteRunsAlg) choose(c *candidate) linePlan {
	pp := c.pat
	if pp == nil || c.dtype != Uint8 || pp.pat.Pre != nil || !cvalIs(c.p, Uint8) || len(pp.lens) >= derivedPerPath-2 {
		return nil
	}
	b := &byteRunsPlan{patternPlan: pp, top: !c.sub}
	switch pp.pat.Kind {
	case compile.MinPattern:
		b.op = vec.MinU8
	case compile.MaxPattern:
		b.op = vec.MaxU8
	default:
		return nil
	}
	b.why = fmt.Sprintf("%s of uint8 over %d runs of lengths %v along the line, in bytes end to end: each run reduced once per input line by doubling, 32 bytes a vector instruction, then combined; never widened to float64",
		pp.pat.Kind, len(pp.runs), pp.lens)
	return b
}

func (b *byteRunsPlan) path() Path { return Path{Kind: ByteRunsPath, Reason: b.why, Exact: true} }

type byteRunsWorker struct {
	b    *byteRunsPlan
	acc  []uint8   // the output line, when not written in place
	srcs [][]uint8 // per run: its view for the current line
	tmp  [2][]uint8
}

func (b *byteRunsPlan) newWorker(p *plan) lineWorker {
	P := p.padL + p.length + p.padR
	return &byteRunsWorker{b: b, acc: make([]uint8, p.length), srcs: make([][]uint8, len(b.runs)),
		tmp: [2][]uint8{make([]uint8, P), make([]uint8, P)}}
}

// reduced returns the reduction of every window of the idx-th run length
// along group g's input line: element i covers positions i .. i+len-1.
func (bw *byteRunsWorker) reduced(w *worker, g, idx int) []uint8 {
	length := bw.b.lens[idx]
	t := typedLine[uint8](w, g)
	if length == 1 {
		return t
	}
	h, ok := derivedTyped[uint8](w.cur[g], bw.b.base+1+idx, len(t))
	if !ok {
		windowsU8(h[:len(t)-length+1], t, length, bw.b.op, &bw.tmp)
	}
	return h
}

func (bw *byteRunsWorker) fill(w *worker, dst []float64) (bool, error) {
	b, p := bw.b, w.p
	w.cachedLines()
	L := p.length
	for i, r := range b.runs {
		bw.srcs[i] = bw.reduced(w, r.group, r.lenIdx)[p.padL+r.start : p.padL+r.start+L]
	}
	acc := bw.acc
	out, inPlace := w.output.Data.([]uint8)
	inPlace = inPlace && b.top
	if inPlace {
		acc = out[w.lineNo*L : (w.lineNo+1)*L]
	}
	if len(bw.srcs) == 1 {
		copy(acc, bw.srcs[0])
	} else {
		b.op(acc, bw.srcs[0], bw.srcs[1])
		for _, s := range bw.srcs[2:] {
			b.op(acc, acc, s)
		}
	}
	if inPlace {
		w.wrote = true
	} else {
		widen(dst, acc)
	}
	return true, nil
}

// windowsU8 sets dst[i] to op over src[i : i+w] for every i, by doubling:
// windows of 2s from pairs of windows of s, then each window as two
// overlapping ones (min and max do not mind the overlap); log2(w)+1
// passes of one vector instruction per 32 bytes. tmp holds two scratch
// lines as long as src.
func windowsU8(dst, src []uint8, w int, op func(a, x, y []uint8), tmp *[2][]uint8) {
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
