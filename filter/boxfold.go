package filter

import (
	"fmt"
	"math/bits"
	"slices"
)

// Box folds: min and max over a box (every input line read through the
// same run, the lines consecutive on the last axis but one) share the
// vertical combination between output lines. After each input line's run
// is reduced along the line (intRunsAlg, runsF32Alg), output line y folds
// the reductions R[y .. y+k-1]: k-1 operations a pixel. Consecutive output
// lines' windows overlap in k-1 lines, so the folds of 2, 4, ..., s lines
// (s the largest power of two up to k) are kept per line as they are made,
// P2[y] = op(R[y], R[y+1]), P4[y] = op(P2[y], P2[y+2]), ..., and each
// window is op(Ps[y], Ps[y+k-s]), two overlapping folds (min and max do
// not mind the overlap): log2(s)+1 operations a pixel for each new output
// line whatever k. min and max are associative and commutative (NaN and
// -0 included, under the exact folds), so the order does not change a bit.

// The shortest columns worth folding by doubling. Two-source operations
// (the integer paths) fold k lines in k-1 passes, each loading two lines
// and storing one: at 4 lines the doubling takes 2 passes, not 3. The
// float32 path folds up to 8 sources in one pass, so that below 8 lines
// the doubling's passes (each loading two, storing one) cost more memory
// operations than the one pass; there the columns of a 3-D box, folded
// apart and then combined two at a time, measured slower than the
// 8-source folds over all their lines (9x9x9), so that it folds only
// footprints of one column. (The float64 runs path does not fold: on
// 15x15 boxes it measured no faster, BenchmarkBoxFoldMin.)
const (
	minBoxChainPairs = 4
	minBoxChainFolds = 8
)

// boxChain is a column of the footprint: the runs (and their groups) of
// k consecutive lines on the last axis but one, in line order.
type boxChain struct {
	runs   []int
	groups []int
}

// boxChains returns the footprint's columns when every group holds one
// run, all of the same start and length, and the groups form columns of
// the same k >= minK consecutive lines on the last axis but one (the same
// offsets on the others), at most maxCols of them; else nil. A 2-D box is one column, a
// 3-D box one column a plane it spans.
func boxChains(p *plan, pp *patternPlan, minK, maxCols int) []boxChain {
	rank := len(p.shape)
	if rank < 2 || len(pp.runs) != len(p.groups) || len(pp.runs) < minK {
		return nil
	}
	k := rank - 2
	first := pp.runs[0]
	runOf := make([]int, len(p.groups))
	for i := range runOf {
		runOf[i] = -1
	}
	for i, run := range pp.runs {
		if run.start != first.start || run.lenIdx != first.lenIdx || runOf[run.group] >= 0 {
			return nil
		}
		runOf[run.group] = i
	}
	var chains []boxChain
	seen := make([]bool, len(p.groups))
	for g := range p.groups {
		if seen[g] {
			continue
		}
		var members []int
		for h, q := range p.groups {
			if slices.Equal(q[:k], p.groups[g][:k]) {
				members = append(members, h)
				seen[h] = true
			}
		}
		slices.SortFunc(members, func(a, b int) int { return p.groups[a][k] - p.groups[b][k] })
		for i := 1; i < len(members); i++ {
			if p.groups[members[i]][k] != p.groups[members[i-1]][k]+1 {
				return nil
			}
		}
		if len(members) < minK || len(chains) > 0 && len(members) != len(chains[0].groups) {
			return nil
		}
		c := boxChain{groups: members}
		for _, h := range members {
			c.runs = append(c.runs, runOf[h])
		}
		chains = append(chains, c)
	}
	if len(chains) > maxCols {
		return nil
	}
	return chains
}

// boxReason is what a box fold adds to its path's reason.
func boxReason(chains []boxChain) string {
	if chains == nil {
		return ""
	}
	k := len(chains[0].runs)
	return fmt.Sprintf("; a box: each column's %d lines folded as two overlapping folds of %d, folds of 2, 4, ... lines shared with the neighbouring output lines (%d operations a pixel, not %d)",
		k, 1<<(bits.Len(uint(k))-1), bits.Len(uint(k)), k-1)
}

// boxFold is a worker's state for a box: per column, its folds.
type boxFold[T any] struct {
	chains []boxChain
	cols   []colFold[T]
	rows   [][]T
	dirty  []bool
	keys   []int
	tmp    []T
	// per column, set by need for the next fill: its window moves by a
	// line (then fill passes it only the last two lines)
	slides []bool
	known  bool
}

// colFold keeps one column's folds: level j (1..m) of 2^j lines, in a
// ring of the positions still needed, and their dirty flags.
type colFold[T any] struct {
	k, s, m int
	ring    [][][]T // per level (index j-1): per slot, a line
	dirt    [][]bool
	keys    []int // the lines of the last window, valid when ok
	ok      bool
	pos     int // position of the window's first line
}

func newBoxFold[T any](chains []boxChain, L int) *boxFold[T] {
	k := len(chains[0].runs)
	b := &boxFold[T]{chains: chains, rows: make([][]T, k), dirty: make([]bool, k), keys: make([]int, k),
		slides: make([]bool, len(chains))}
	if len(chains) > 1 {
		b.tmp = make([]T, L)
	}
	m := bits.Len(uint(k)) - 1
	s := 1 << m
	// level j < m: the folds from the window's new line back 2^(j+1)-1
	// lines, 2^j+1 of them; level m: k-s+1 (none when k = s: that one is
	// made in the output line)
	sizes := make([]int, m)
	total := 0
	for j := 1; j <= m; j++ {
		n := 1<<j + 1
		if j == m {
			n = k - s + 1
			if k == s {
				n = 0
			}
		}
		sizes[j-1] = n
		total += n
	}
	data := make([]T, len(chains)*total*L)
	flags := make([]bool, len(chains)*total)
	b.cols = make([]colFold[T], len(chains))
	for c := range b.cols {
		col := &b.cols[c]
		col.k, col.s, col.m = k, s, m
		col.keys = make([]int, k)
		col.ring = make([][][]T, m)
		col.dirt = make([][]bool, m)
		for j, n := range sizes {
			col.ring[j] = make([][]T, n)
			for i := range col.ring[j] {
				col.ring[j][i], data = data[:L:L], data[L:]
			}
			col.dirt[j], flags = flags[:n:n], flags[n:]
		}
	}
	return b
}

// reset forgets every column's folds: the next run's lines are another
// array's.
func (b *boxFold[T]) reset() {
	for c := range b.cols {
		b.cols[c].ok = false
	}
}

// need sets need[run] for the runs whose reductions the next fill reads
// (src the groups' source lines): when a column's window moves by a line,
// only its last two lines (the new fold of 2), else all its lines. The
// others are left alone: their reductions need not be made or looked up
// (15 of them a line for a 15x15 box, the most of its time after the
// vector operations).
func (b *boxFold[T]) need(src []int, need []bool) {
	for c, ch := range b.chains {
		col := &b.cols[c]
		k := col.k
		slides := col.ok
		for i := 1; i < k && slides; i++ {
			slides = src[ch.groups[i-1]] == col.keys[i]
		}
		for i, run := range ch.runs {
			need[run] = !slides || i >= k-2
		}
		b.slides[c] = slides
	}
	b.known = true
}

// fill sets acc to op over the runs' reductions srcs (per run, its view
// of the output line's positions), runDirty (per run, or nil) saying
// which take the exact operation, src the groups' source lines (the
// keys). It returns whether any line was dirty.
func (b *boxFold[T]) fill(acc []T, srcs [][]T, runDirty []bool, src []int, op func(dst, x, y []T, dirty bool)) bool {
	dirty := false
	known := b.known
	b.known = false
	for c, ch := range b.chains {
		from := 0
		if known && b.slides[c] {
			from = len(ch.runs) - 2 // the only lines window reads
		}
		for i := from; i < len(ch.runs); i++ {
			run := ch.runs[i]
			b.rows[i] = srcs[run]
			if runDirty != nil {
				b.dirty[i] = runDirty[run]
			}
		}
		col := &b.cols[c]
		var d bool
		dst := acc
		if c > 0 {
			dst = b.tmp
		}
		if from > 0 {
			copy(col.keys, col.keys[1:])
			col.keys[col.k-1] = src[ch.groups[col.k-1]]
			d = col.slide(dst, b.rows, b.dirty, op)
		} else {
			for i, g := range ch.groups {
				b.keys[i] = src[g]
			}
			d = col.window(dst, b.rows, b.dirty, b.keys, op)
		}
		if c > 0 {
			op(acc, acc, dst, dirty || d)
		}
		dirty = dirty || d
	}
	return dirty
}

// level returns the fold of 2^j lines from the window's line i, and
// whether it is dirty.
func (col *colFold[T]) level(j, i int, rows [][]T, dirty []bool) ([]T, bool) {
	if j == 0 {
		return rows[i], dirty[i]
	}
	n := len(col.ring[j-1])
	slot := (col.pos + i) % n
	return col.ring[j-1][slot], col.dirt[j-1][slot]
}

// window sets dst to op over rows, the window's k lines (keys their
// source lines). When the window is the last one moved by a line (its
// first k-1 lines the last one's last), only the new line's folds are
// made; otherwise all of them, as if the window's lines came one by one.
func (col *colFold[T]) window(dst []T, rows [][]T, dirty []bool, keys []int, op func(dst, x, y []T, dirty bool)) bool {
	k := col.k
	if col.ok && slices.Equal(keys[:k-1], col.keys[1:]) {
		copy(col.keys, keys)
		return col.slide(dst, rows, dirty, op)
	}
	col.pos = 0
	copy(col.keys, keys)
	col.ok = true
	return col.folds(0, dst, rows, dirty, op)
}

// slide is window when the window is the last one moved by a line (its
// keys already moved): rows only its last two lines need be set.
func (col *colFold[T]) slide(dst []T, rows [][]T, dirty []bool, op func(dst, x, y []T, dirty bool)) bool {
	col.pos++
	return col.folds(col.k-1, dst, rows, dirty, op)
}

// folds makes the folds ending at the window's lines from .. k-1, and the
// window's.
func (col *colFold[T]) folds(from int, dst []T, rows [][]T, dirty []bool, op func(dst, x, y []T, dirty bool)) bool {
	k, s, m := col.k, col.s, col.m
	var topDirty bool
	for y := from; y < k; y++ {
		// the folds ending at line y: level j's from line y-2^j+1
		for j := 1; j <= m; j++ {
			i := y - 1<<j + 1
			if i < 0 {
				break
			}
			h := 1 << (j - 1)
			a, da := col.level(j-1, i, rows, dirty)
			bb, db := col.level(j-1, i+h, rows, dirty)
			if j == m && k == s {
				op(dst, a, bb, da || db)
				topDirty = da || db
				continue
			}
			n := len(col.ring[j-1])
			slot := (col.pos + i) % n
			op(col.ring[j-1][slot], a, bb, da || db)
			col.dirt[j-1][slot] = da || db
		}
	}
	if k == s {
		return topDirty
	}
	a, da := col.level(m, 0, rows, dirty)
	bb, db := col.level(m, k-s, rows, dirty)
	op(dst, a, bb, da || db)
	return da || db
}
