package filter

import (
	"strconv"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/vec"
)

// median5FAlg is the 5x5 median of float32 or float64 input, in that type
// from end to end, two output lines a pass as the uint8 one
// (median5PairWorker): lines y and y+1 share four of their five input
// lines, so those lines' columns are sorted once (vec.Sort4F32), ranks 7
// to 12 of the shared 20 values selected once per pixel pair, and each
// window's median is rank 5 of those six and its own fifth line
// (vec.Median5x5PairF32: 16 float32 pixels a step with AVX-512, 8 with
// AVX2). Line y+1 is written ahead, when the worker takes it too (the
// engine's block, worker.end, as median3F32Worker): in place into a
// float output of the input's type, else kept and widened at its turn. A
// line without a partner (the last of a block or a plane, a footprint
// across another axis, a partner with a NaN) takes the same kernel with
// a throwaway second line. A median of 25 is one of the values (its zero
// made +0), so it is the lane program's exactly; lines holding a NaN take
// the lane program, as in typedRankAlg.
type median5FAlg struct{}

// median5FBlock is how many bytes of a sorted line a block of pixels
// keeps: the four sorted lines stay in L1 while the pair kernel reads
// them.
const median5FBlock = 2048

type median5FPlan struct {
	*patternPlan
	dtype DType
	start int  // the box's first offset along the line
	top   bool // the whole kernel, not a hoisted sub-expression: it may write the output
}

func (median5FAlg) choose(c *candidate) linePlan {
	pp, p := c.pat, c.p
	// without AVX2 the kernels are the portable sort: the typed rank
	// path is faster there
	if pp == nil || !vec.AVX2 || c.dtype != Float32 && c.dtype != Float64 ||
		pp.pat.Kind != compile.RankPattern || !pp.pat.Median || pp.pat.Pre != nil ||
		pp.n != 25 || len(pp.runs) != 5 || len(pp.lens) != 1 || pp.lens[0] != 5 ||
		!cvalIs(p, c.dtype) || (p.mode == Constant || p.mode == GridConstant) && p.cval != p.cval {
		return nil
	}
	for _, r := range pp.runs {
		if r.start != pp.runs[0].start {
			return nil
		}
	}
	return &median5FPlan{patternPlan: pp, dtype: c.dtype, start: pp.runs[0].start, top: !c.sub}
}

func (m *median5FPlan) path() Path {
	// the same words whichever kernels run: explain's output is the same
	// on every machine with AVX2
	lanes := 8 * 4 / m.dtype.Size()
	return Path{Kind: Median5Path, Exact: true, Reason: "5x5 median of " + m.dtype.String() + " in " + m.dtype.String() +
		" from end to end, two output lines a pass: the four input lines they share sorted by column once, ranks 7-12 of the shared 20 values selected once per pixel pair, then each line's median as rank 5 of those six and its own fifth line, in vector registers " +
		strconv.Itoa(2*lanes) + " pixels a step with AVX-512, " + strconv.Itoa(lanes) + " with AVX2; lines with a NaN take the lane program"}
}

func (m *median5FPlan) newWorker(p *plan) lineWorker {
	if m.dtype == Float32 {
		return newMedian5FWorker(m, p, vec.Sort4F32, vec.Median5x5PairF32)
	}
	return newMedian5FWorker(m, p, vec.Sort4F64, vec.Median5x5PairF64)
}

type median5FWorker[T float32 | float64] struct {
	m      *median5FPlan
	sort4  func(d0, d1, d2, d3, s0, s1, s2, s3 []T)
	pair   func(outA, outB []T, s [][]T, xa, xb []T)
	block  int
	sorted [4][]T // the shared lines' sorted columns, a block's (block+4 long)
	acc    []T    // line y's result, when not written in place
	memo   []T    // line y+1's result, when not written in place (or thrown away)
	ahead  int    // the output line written ahead, or -1
	pairs  int    // how many lines were written ahead (for tests)
}

func newMedian5FWorker[T float32 | float64](m *median5FPlan, p *plan, sort4 func(d0, d1, d2, d3, s0, s1, s2, s3 []T), pair func(outA, outB []T, s [][]T, xa, xb []T)) *median5FWorker[T] {
	B := min(median5FBlock/m.dtype.Size(), p.length)
	mw := &median5FWorker[T]{m: m, sort4: sort4, pair: pair, block: B, ahead: -1, acc: make([]T, p.length), memo: make([]T, p.length)}
	for i := range mw.sorted {
		mw.sorted[i] = make([]T, B+4)
	}
	return mw
}

// reset forgets the line written ahead: a run's arrays are not the last
// one's.
func (mw *median5FWorker[T]) reset() { mw.ahead = -1 }

func (mw *median5FWorker[T]) fill(w *worker, dst []float64) (bool, error) {
	m, p := mw.m, w.p
	L := p.length
	out, inPlace := w.output.Data.([]T)
	inPlace = inPlace && m.top
	if w.prev == mw.ahead {
		// computed with the line before
		mw.ahead = -1
		if inPlace {
			w.wrote = true
		} else {
			widen(dst[:L], mw.memo)
		}
		return true, nil
	}
	mw.ahead = -1
	w.cachedLines()
	var rows [5][]T
	var key [5]int
	for i, r := range m.runs {
		rows[i] = typedLine[T](w, r.group)
		if lineFlags(w.cur[r.group], m.base+nanFlag, rows[i], flagNaN) != 0 {
			return false, nil
		}
		key[i] = w.src[r.group]
	}
	resA, resB, xb := mw.acc, mw.memo, rows[4]
	if inPlace {
		resA = out[w.outStart : w.outStart+L]
	}
	var next [5]int
	paired := w.prev+1 < w.end && nextLineSources(w, m.runs, next[:]) && [4]int(next[:4]) == [4]int(key[1:])
	if paired {
		// the next line's fifth input line, through the cache: it is one
		// of the line after's, and its NaN flag is kept with it
		l, _ := w.cache.get(next[4])
		fifth := typedLineOf[T](w, l)
		if lineFlags(l, m.base+nanFlag, fifth, flagNaN) != 0 {
			paired = false
		} else {
			xb = fifth
			if inPlace {
				o := w.output.lineStart(w.prev + 1)
				resB = out[o : o+L]
			}
		}
	}
	s := mw.sorted[:]
	for x0 := 0; x0 < L; x0 += mw.block {
		n := min(mw.block, L-x0)
		at := p.padL + m.start + x0
		k := n + 4
		mw.sort4(s[0][:k], s[1][:k], s[2][:k], s[3][:k], rows[1][at:], rows[2][at:], rows[3][at:], rows[4][at:])
		mw.pair(resA[x0:x0+n], resB[x0:x0+n], s, rows[0][at:], xb[at:])
	}
	if paired {
		mw.ahead = w.prev + 1
		mw.pairs++
	}
	if inPlace {
		w.wrote = true
	} else {
		widen(dst[:L], resA)
	}
	return true, nil
}
