package filter

import (
	"fmt"
	"math"
	"slices"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/compile/network"
	"github.com/kfilter/kfilter/compile/vec"
)

// typedRankAlg is a rank (median, percentile, sort(values)[k]) of float32,
// float64 or 8-, 16- or 32-bit integer values over any footprint, in the
// input's own type and by shared sorted columns. At a fixed offset d
// along the line, the footprint's elements lie on a set S_d of input
// lines (for a 3-D ball of radius 2: 13 lines at d = 0, 9 at ±1, 1 at
// ±2). Each set of two or more lines is a column type: its values at each
// input position are sorted once per output line (a sorting network over
// the lines) and read by every window whose offset d has that set. Where
// one type holds another (the ball's 13 lines hold its 9) it may be
// sorted as that type plus the rest, when that takes fewer exchanges.
// Each window's rank then comes from a network that merges its sorted
// groups (network.MergeSelection), pruned to the ranks read. Every
// network runs over strips of pixels in vector registers (vec.RunNet:
// eight float32 a register, 32 uint8), the whole network in one call. A
// rank is one of the values, so the result is the lane program's
// exactly: min and max are exact in any type, a median's zero is made +0
// by its 0 + x, and the even median and the percentile combine their two
// ranks in float64, as numpy does. Lines holding a NaN take the lane
// program (networks order NaN arbitrarily), and so do lines holding a -0
// for ranks other than the median (the vector min and max do not order
// -0 before +0).
type typedRankAlg struct{}

// typedRankMaxN bounds the footprint: past it the merge networks grow
// beyond what pays (n log² n exchanges a pixel). Measured on 1024² float32,
// one thread, against the lane program: box 7x7 29 ms against 141, 11x11
// 255 against 4147, 15x15 654 against 10408.
const typedRankMaxN = 256

// typedRankU8Max bounds uint8 footprints: past it the sliding histogram
// (histogramAlg), whose cost grows with the footprint's rows, not its
// values, is faster. Measured on 1024x1024 uint8 noise, percentile 30
// (two ranks: no constant-time median), one thread, a shared machine
// (steady-state medians of 4 rounds, ms, this path against the
// histogram): disk:7 (149 values) 159 against 294, 13x13 104 against
// 290, disk:8 (197) 186 against 181, 15x15 262 against 213.
const typedRankU8Max = 192

// typedRankBlock is how many bytes of a wire a block of output pixels
// keeps: the block's sorted columns and network wires stay in L1.
const typedRankBlock = 1024

type typedRankPlan struct {
	*patternPlan
	dtype  DType
	lines  []int // the footprint's groups (input lines), for the NaN test
	types  []colType
	groups []winGroup // the window network's sorted groups, in wire order
	wireOf []int      // per group: its first wire
	nw     int        // window wires
	win    vec.Net    // the window network
	out    [2]int     // the wires (in the program's numbering) of ranks r1 and r2
	t      float64    // the weight of r2 (Pattern.Ranks)
	span   int        // the most columns a type sorts past the block
	top    bool
	why    string
}

// colType is a set of input lines sorted together at each position.
type colType struct {
	lines      []int // groups, ascending
	dmin, dmax int   // the offsets whose windows read it
	prog       vec.Net
}

// winGroup is one sorted group of a window's values: type typ (or the
// single line -typ-1) at offset d.
type winGroup struct {
	typ, d, size int
}

func (typedRankAlg) choose(c *candidate) linePlan {
	pp := c.pat
	p := c.p
	if pp == nil || pp.pat.Kind != compile.RankPattern || pp.pat.Pre != nil ||
		!rankLaneType(c.dtype) || !cvalIs(p, c.dtype) ||
		(p.mode == Constant || p.mode == GridConstant) && p.cval != p.cval ||
		pp.n < 2 || pp.n > typedRankMaxN {
		return nil
	}
	// an 8-bit box of ctMedianVecValues values or more: the constant-time
	// median is faster; so is the sliding histogram on uint8 past
	// typedRankU8Max values
	if pp.n >= ctMedianVecValues && (ctMedianAlg{}).choose(c) != nil || c.dtype == Uint8 && pp.n > typedRankU8Max {
		return nil
	}
	r1, r2, t, ok := pp.pat.Ranks(pp.n)
	if !ok {
		return nil
	}
	// S_d: the lines at each offset
	lo, hi := slices.Min(p.elemOff), slices.Max(p.elemOff)
	sets := make([][]int, hi-lo+1)
	var lines []int
	for k, g := range p.elemGroup {
		d := p.elemOff[k] - lo
		if !slices.Contains(sets[d], g) {
			sets[d] = append(sets[d], g)
		}
		if !slices.Contains(lines, g) {
			lines = append(lines, g)
		}
	}
	for _, s := range sets {
		slices.Sort(s)
	}
	var best *typedRankPlan
	for _, split := range []bool{false, true} {
		b := newTypedRank(sets, lo, split, r1, r2)
		if best == nil || b.cost() < best.cost() {
			best = b
		}
	}
	best.patternPlan, best.dtype, best.lines, best.t, best.top = pp, c.dtype, lines, t, !c.sub
	sorts := 0
	for _, ty := range best.types {
		sorts += ty.prog.Exchanges()
	}
	best.why = fmt.Sprintf("%s of %d %s values in %s: %d column sorts over input lines shared by the windows (%d exchanges a position), then a %d-exchange network merging each window's %d sorted groups, %d pixels a vector instruction",
		rankName(pp.pat), pp.n, c.dtype, c.dtype, len(best.types), sorts, best.win.Exchanges(), len(best.groups), 32/c.dtype.Size())
	switch {
	case c.dtype != Float32 && c.dtype != Float64:
	case pp.pat.Median:
		best.why += "; lines with a NaN take the lane program"
	default:
		best.why += "; lines with a NaN or a -0 take the lane program"
	}
	return best
}

// rankLaneType reports whether the network kernels take dtype (min and
// max of 64-bit integers have no AVX2 instruction).
func rankLaneType(dt DType) bool {
	switch dt {
	case Float32, Float64, Uint8, Int8, Uint16, Int16, Uint32, Int32:
		return true
	}
	return false
}

func rankName(pat compile.Pattern) string {
	switch {
	case pat.Median:
		return "median"
	case pat.Percent:
		return fmt.Sprintf("percentile %g", pat.Q)
	}
	return fmt.Sprintf("sort(values)[%d]", pat.Index)
}

// newTypedRank plans the column types and window network for the line
// sets of the offsets lo, lo+1, ...; split: a type that holds another is
// sorted as the largest such plus the rest.
func newTypedRank(sets [][]int, lo int, split bool, r1, r2 int) *typedRankPlan {
	b := &typedRankPlan{}
	typeOf := func(s []int, d int) int {
		for i, ty := range b.types {
			if slices.Equal(ty.lines, s) {
				b.types[i].dmin, b.types[i].dmax = min(ty.dmin, d), max(ty.dmax, d)
				return i
			}
		}
		b.types = append(b.types, colType{lines: s, dmin: d, dmax: d})
		return len(b.types) - 1
	}
	add := func(s []int, d int) {
		if len(s) == 1 {
			b.groups = append(b.groups, winGroup{typ: -s[0] - 1, d: d, size: 1})
			return
		}
		b.groups = append(b.groups, winGroup{typ: typeOf(s, d), d: d, size: len(s)})
	}
	for i, s := range sets {
		d := lo + i
		if len(s) == 0 {
			continue
		}
		var sub []int // the largest other set within s
		if split {
			for _, o := range sets {
				if len(o) >= 2 && len(o) < len(s) && len(o) > len(sub) && isSubset(o, s) {
					sub = o
				}
			}
		}
		if sub == nil {
			add(s, d)
			continue
		}
		add(sub, d)
		var rest []int
		for _, g := range s {
			if !slices.Contains(sub, g) {
				rest = append(rest, g)
			}
		}
		add(rest, d)
	}
	for i := range b.types {
		ty := &b.types[i]
		k := len(ty.lines)
		ty.prog = netProg(network.Sort(k), k, identity(k))
		b.span = max(b.span, ty.dmax-ty.dmin)
	}
	sizes := make([]int, len(b.groups))
	for i, g := range b.groups {
		sizes[i] = g.size
		b.wireOf = append(b.wireOf, b.nw)
		b.nw += g.size
	}
	ranks := []int{r1}
	if r2 != r1 {
		ranks = append(ranks, r2)
	}
	net, outs := network.MergeSelection(sizes, ranks)
	b.win = netProg(net, b.nw, nil)
	for k, o := range outs {
		b.out[k] = o
		if network.Touched(net, o) {
			b.out[k] += b.nw
		}
	}
	if r2 == r1 {
		b.out[1] = b.out[0]
	}
	return b
}

func identity(k int) []int {
	s := make([]int, k)
	for i := range s {
		s[i] = i
	}
	return s
}

func isSubset(a, b []int) bool {
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// netProg encodes net for vec.NetF32 over wires laid out as the n
// sources, the n scratch wires and a dummy that takes the results no
// exchange downstream reads. outs (a full sort's wires) must all be
// written: they are copied to scratch by no exchange.
func netProg(net []network.CE, n int, outs []int) vec.Net {
	prog := make([]uint32, 0, 4*len(net))
	for _, c := range net {
		x, y := uint32(c.I)+uint32(n), uint32(c.J)+uint32(n)
		if c.SrcI {
			x = uint32(c.I)
		}
		if c.SrcJ {
			y = uint32(c.J)
		}
		a, b := uint32(c.I)+uint32(n), uint32(c.J)+uint32(n)
		if !c.Lo {
			a = uint32(2 * n)
		}
		if !c.Hi {
			b = uint32(2 * n)
		}
		prog = append(prog, x, y, a, b)
	}
	for _, o := range outs {
		if !network.Touched(net, o) {
			panic("filter: a sorting network leaves a wire unsorted")
		}
	}
	vn, err := vec.NewNet(prog, 2*n+1)
	if err != nil {
		panic("filter: " + err.Error()) // SrcI and SrcJ say when a wire is written
	}
	return vn
}

// cost is the exchanges a pixel: the column sorts, once per position,
// and the window network.
func (b *typedRankPlan) cost() int {
	c := b.win.Exchanges()
	for _, ty := range b.types {
		c += ty.prog.Exchanges()
	}
	return c
}

func (b *typedRankPlan) path() Path {
	return Path{Kind: TypedRankPath, Reason: b.why, Exact: true}
}

func (b *typedRankPlan) newWorker(p *plan) lineWorker {
	switch b.dtype {
	case Float32:
		return newTypedRankWorker[float32](b, p)
	case Uint8:
		return newTypedRankWorker[uint8](b, p)
	case Int8:
		return newTypedRankWorker[int8](b, p)
	case Uint16:
		return newTypedRankWorker[uint16](b, p)
	case Int16:
		return newTypedRankWorker[int16](b, p)
	case Uint32:
		return newTypedRankWorker[uint32](b, p)
	case Int32:
		return newTypedRankWorker[int32](b, p)
	}
	return newTypedRankWorker[float64](b, p)
}

type typedRankWorker[T vec.Lane] struct {
	b      *typedRankPlan
	block  int
	rows   [][]T   // per group: its typed line
	sorted [][][]T // per type: its sorted columns for the block
	sw     [][][]T // per type: the sort's wire table (the sources set per block)
	ww     [][]T   // the window network's wire table (the single lines set per block)
	single []int   // the window wires that read a single line: their group's index in b.groups
}

func newTypedRankWorker[T vec.Lane](b *typedRankPlan, p *plan) *typedRankWorker[T] {
	block := min(typedRankBlock/b.dtype.Size(), p.length)
	tw := &typedRankWorker[T]{b: b, block: block, rows: make([][]T, len(p.groups))}
	dummy := make([]T, block+b.span)
	// the tables: the sorted columns and scratch wires stay where they
	// are, block after block
	for _, ty := range b.types {
		k := len(ty.lines)
		sorted := vectorsOfT[T](k, block+ty.dmax-ty.dmin)
		wt := make([][]T, 2*k+1)
		copy(wt[k:], sorted)
		wt[2*k] = dummy
		tw.sorted = append(tw.sorted, sorted)
		tw.sw = append(tw.sw, wt)
	}
	nw := b.nw
	tw.ww = make([][]T, 2*nw+1)
	wi := 0
	for gi, g := range b.groups {
		if g.typ < 0 {
			tw.single = append(tw.single, gi)
			wi++
			continue
		}
		ty := &b.types[g.typ]
		for r := 0; r < g.size; r++ {
			at := g.d - ty.dmin
			tw.ww[wi] = tw.sorted[g.typ][r][at : at+block]
			wi++
		}
	}
	copy(tw.ww[nw:], vectorsOfT[T](nw, block))
	tw.ww[2*nw] = dummy[:block]
	return tw
}

func vectorsOfT[T vec.Lane](n, size int) [][]T {
	flat := make([]T, n*size)
	v := make([][]T, n)
	for i := range v {
		v[i] = flat[i*size : (i+1)*size : (i+1)*size]
	}
	return v
}

// lineFlags are a cached line's NaN and -0 flags, computed once.
const (
	flagNaN     = 1
	flagNegZero = 2
	flagsKnown  = 4
)

// lineFlags returns the flags of l's typed line buf that want asks for,
// scanning for each once per cached line.
func lineFlags[T vec.Lane](l *cachedLine, idx int, buf []T, want uint8) uint8 {
	f, ok := derivedTyped[uint8](l, idx, 2)
	if !ok {
		f[0], f[1] = 0, 0
	}
	if want&flagNaN != 0 && f[0]&flagsKnown == 0 {
		f[0] = flagsKnown
		var nan bool
		switch b := any(buf).(type) {
		case []float32:
			nan = vec.HasNaNF32(b)
		case []float64:
			nan = vec.HasNaNF64(b)
		}
		if nan {
			f[0] |= flagNaN
		}
	}
	if want&flagNegZero != 0 && f[1]&flagsKnown == 0 {
		f[1] = flagsKnown
		for _, x := range buf {
			if x == 0 && math.Signbit(float64(x)) { // (only floats get here)
				f[1] |= flagNegZero
				break
			}
		}
	}
	return (f[0] | f[1]) & want
}

func (tw *typedRankWorker[T]) fill(w *worker, dst []float64) (bool, error) {
	b, p := tw.b, w.p
	w.cachedLines()
	want := uint8(flagNaN)
	if !b.pat.Median {
		want |= flagNegZero
	}
	if b.dtype != Float32 && b.dtype != Float64 {
		want = 0 // integers: no NaN, no -0
	}
	for _, g := range b.lines {
		tw.rows[g] = typedLine[T](w, g)
		if want != 0 && lineFlags(w.cur[g], b.base+nanFlag, tw.rows[g], want) != 0 {
			return false, nil
		}
	}
	L := p.length
	// float32 results go straight into a float32 output
	var out []T
	if b.top && b.dtype == Float32 {
		if o, ok := w.output.Data.([]float32); ok {
			out = any(o[w.outStart : w.outStart+L]).([]T)
		}
	}
	for x0 := 0; x0 < L; x0 += tw.block {
		n := min(tw.block, L-x0)
		// the column sorts: type t's column j is input position x0+dmin_t+j
		for t, ty := range b.types {
			m := n + ty.dmax - ty.dmin
			wt := tw.sw[t]
			at := p.padL + x0 + ty.dmin
			for r, g := range ty.lines {
				wt[r] = tw.rows[g][at : at+m]
			}
			vec.RunNet(ty.prog, wt, m)
		}
		for _, gi := range tw.single {
			g := b.groups[gi]
			at := p.padL + x0 + g.d
			tw.ww[b.wireOf[gi]] = tw.rows[-g.typ-1][at : at+n]
		}
		vec.RunNet(b.win, tw.ww, n)
		v1, v2 := tw.ww[b.out[0]][:n], tw.ww[b.out[1]][:n]
		odd := b.pat.Median && b.t == 0 // numpy's 0.0 + x
		switch {
		case out != nil && odd:
			o := out[x0 : x0+n]
			for i := range o {
				o[i] = 0 + v1[i]
			}
		case out != nil:
			o := out[x0 : x0+n]
			for i := range o {
				o[i] = T(b.pat.Combine(float64(v1[i]), float64(v2[i]), b.t))
			}
		case odd:
			d := dst[x0 : x0+n]
			for i := range d {
				d[i] = 0 + float64(v1[i])
			}
		default:
			d := dst[x0 : x0+n]
			for i := range d {
				d[i] = b.pat.Combine(float64(v1[i]), float64(v2[i]), b.t)
			}
		}
	}
	w.wrote = out != nil
	return true, nil
}
