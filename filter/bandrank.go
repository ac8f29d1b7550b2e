package filter

import (
	"fmt"
	"math"
	"slices"

	"github.com/kfilter/kfilter/compile"
)

// bandRankAlg computes a rank (median, percentile, sort(values)[k]) of
// float32 or float64 values over a large footprint: what the typed rank
// path's networks leave (more than typedRankMaxN values). Each value is
// an order-preserving unsigned key (its bits, the sign bit flipped for
// positives and all bits for negatives: -0 sorts before +0, as the lane
// program's min and max order them, and -Inf first, +Inf last), made
// once per cached input line. Along an output line the window keeps
// only a band: the keys between lo and hi, distinct and sorted with
// their counts, and the count of keys below lo. Each run of the
// footprint moves one key out and one in per step: below lo a counter
// moves, inside the band an entry, above it nothing. The rank is read
// from the band; when it leaves the band (or the band empties), the band
// is rebuilt from the window's keys: two selections find the keys
// bandRankHalf ranks either side of the rank, and the keys between them
// are sorted. On noise the band holds some 2*bandRankHalf keys and the
// rank stays in it for tens of pixels; on a photo the window's values
// repeat and the band's entries hold many each. The result is a value of
// the window, so it is the lane program's exactly (a median's 0 + x, the
// even median and percentile combined in float64, as numpy does); lines
// holding a NaN take the lane program.
type bandRankAlg struct{}

// bandRankHalf is how many ranks the band reaches either side of the
// rank at a rebuild.
const bandRankHalf = 16

// bandKeysBuf is the derived buffer of a cached line holding its keys
// (past the run windows' buffers, before nanFlag).
const bandKeysBuf = nanFlag - 1

type bandRankPlan struct {
	*patternPlan
	dtype  DType
	lines  []int // the footprint's groups, for the NaN test
	r1, r2 int
	t      float64
	why    string
}

func (bandRankAlg) choose(c *candidate) linePlan {
	pp, p := c.pat, c.p
	if pp == nil || pp.pat.Kind != compile.RankPattern || pp.pat.Pre != nil ||
		c.dtype != Float32 && c.dtype != Float64 || !cvalIs(p, c.dtype) ||
		(p.mode == Constant || p.mode == GridConstant) && p.cval != p.cval || pp.n < 2 {
		return nil
	}
	r1, r2, t, ok := pp.pat.Ranks(pp.n)
	if !ok {
		return nil
	}
	var lines []int
	for _, r := range pp.runs {
		if !slices.Contains(lines, r.group) {
			lines = append(lines, r.group)
		}
	}
	return &bandRankPlan{patternPlan: pp, dtype: c.dtype, lines: lines, r1: r1, r2: r2, t: t,
		why: fmt.Sprintf("%s of %d %v values by a sorted band of order-preserving keys around the rank: %d keys in and out per pixel, counted below the band, kept sorted in it; rebuilt by selection when the rank leaves it; lines with a NaN take the lane program",
			rankName(pp.pat), pp.n, c.dtype, 2*len(pp.runs))}
}

func (b *bandRankPlan) path() Path {
	return Path{Kind: BandRankPath, Reason: b.why, Exact: true}
}

func (b *bandRankPlan) newWorker(p *plan) lineWorker {
	if b.dtype == Float32 {
		return newBandRankWorker[float32, uint32](b, p)
	}
	return newBandRankWorker[float64, uint64](b, p)
}

type bandRankWorker[T float32 | float64, K uint32 | uint64] struct {
	b      *bandRankPlan
	keys   [][]K // per run: its line's keys from the run's first element
	lens   []int // per run: its length
	band   bandOf[K]
	k1, k2 []K // per output pixel: the keys at ranks r1 and r2
}

func newBandRankWorker[T float32 | float64, K uint32 | uint64](b *bandRankPlan, p *plan) *bandRankWorker[T, K] {
	bw := &bandRankWorker[T, K]{b: b, keys: make([][]K, len(b.runs)), k1: make([]K, p.length), k2: make([]K, p.length)}
	for _, r := range b.runs {
		bw.lens = append(bw.lens, b.lens[r.lenIdx])
	}
	n := b.n
	bw.band = bandOf[K]{win: make([]K, 0, n), in: make([]K, 0, n), val: make([]K, n+1), cnt: make([]int32, n+1)}
	return bw
}

func (bw *bandRankWorker[T, K]) fill(w *worker, dst []float64) (bool, error) {
	b, p := bw.b, w.p
	w.cachedLines()
	for _, g := range b.lines {
		if lineFlags(w.cur[g], b.base+nanFlag, typedLine[T](w, g), flagNaN) != 0 {
			return false, nil
		}
	}
	for i, r := range b.runs {
		bw.keys[i] = lineKeys[T, K](w, r.group, b.base+bandKeysBuf)[p.padL+r.start:]
	}
	L := p.length
	bw.band.line(bw.keys, bw.lens, L, b.r1, b.r2, bw.k1, bw.k2)
	d := dst[:L]
	k1, k2 := bw.k1[:L], bw.k2[:L]
	switch {
	case b.pat.Median && b.t == 0: // numpy's 0.0 + x
		for i := range d {
			d[i] = 0 + keyValue(k1[i])
		}
	case b.r1 == b.r2:
		for i := range d {
			d[i] = b.pat.Combine(keyValue(k1[i]), keyValue(k1[i]), b.t)
		}
	default:
		for i := range d {
			d[i] = b.pat.Combine(keyValue(k1[i]), keyValue(k2[i]), b.t)
		}
	}
	return true, nil
}

// lineKeys returns group g's input line as keys, computed once per
// cached line into its derived buffer idx.
func lineKeys[T float32 | float64, K uint32 | uint64](w *worker, g, idx int) []K {
	line := typedLine[T](w, g)
	keys, ok := derivedTyped[K](w.cur[g], idx, len(line))
	if !ok {
		switch s := any(line).(type) {
		case []float32:
			d := any(keys).([]uint32)[:len(s)]
			for i, v := range s {
				u := math.Float32bits(v)
				d[i] = u ^ (uint32(int32(u)>>31) | 1<<31)
			}
		case []float64:
			d := any(keys).([]uint64)[:len(s)]
			for i, v := range s {
				u := math.Float64bits(v)
				d[i] = u ^ (uint64(int64(u)>>63) | 1<<63)
			}
		}
	}
	return keys
}

// keyValue is the float a key was made from, widened to float64.
func keyValue[K uint32 | uint64](k K) float64 {
	switch any(k).(type) {
	case uint32:
		u := uint32(k)
		if u>>31 != 0 {
			return float64(math.Float32frombits(u ^ 1<<31))
		}
		return float64(math.Float32frombits(^u))
	}
	u := uint64(k)
	if u>>63 != 0 {
		return math.Float64frombits(u ^ 1<<63)
	}
	return math.Float64frombits(^u)
}

// bandOf is a window's band: the distinct keys val[:m] in lo..hi,
// ascending, with their counts, total of them, and below keys under lo.
type bandOf[K uint32 | uint64] struct {
	win, in []K // scratch of a rebuild: the window's keys, those in the band
	val     []K
	cnt     []int32
	m       int
	lo, hi  K
	below   int
	total   int
}

// line computes ranks r1 and r2 (r2 is r1 or r1+1) of each window of an
// output line of L pixels into k1 and k2: window x holds keys[i][x :
// x+lens[i]] of each run i.
func (s *bandOf[K]) line(keys [][]K, lens []int, L, r1, r2 int, k1, k2 []K) {
	s.rebuild(keys, lens, 0, r1, r2)
	lens = lens[:len(keys)]
	k1, k2 = k1[:L], k2[:L]
	for x := range k1 {
		if x > 0 {
			lo, hi := s.lo, s.hi
			for i, ks := range keys {
				o, n := ks[x-1], ks[x-1+lens[i]]
				// branch-free below the band: the keys are noise to a
				// branch predictor; few fall in the band
				s.below += b2i(n < lo) - b2i(o < lo)
				if o >= lo && o <= hi {
					s.remove(o)
				}
				if n >= lo && n <= hi {
					s.add(n)
				}
			}
			if r1 < s.below || r2 >= s.below+s.total {
				s.rebuild(keys, lens, x, r1, r2)
			}
		}
		r, j := int32(r1-s.below), 0
		cnt := s.cnt[:s.m]
		for r >= cnt[j] {
			r -= cnt[j]
			j++
		}
		k1[x] = s.val[j]
		k2[x] = s.val[j]
		if r2 != r1 && r+1 >= cnt[j] {
			k2[x] = s.val[j+1]
		}
	}
}

// rebuild makes the band of window x: the keys of ranks r1-bandRankHalf
// to r2+bandRankHalf (within the window) and every key equal to those
// between.
func (s *bandOf[K]) rebuild(keys [][]K, lens []int, x, r1, r2 int) {
	win := s.win[:0]
	for i, ks := range keys {
		win = append(win, ks[x:x+lens[i]]...)
	}
	a, b := max(r1-bandRankHalf, 0), min(r2+bandRankHalf, len(win)-1)
	lo := selectKey(win, a)
	hi := selectKey(win[a:], b-a)
	in, below := s.in[:0], 0
	for _, k := range win {
		below += b2i(k < lo)
		if k >= lo && k <= hi {
			in = append(in, k)
		}
	}
	slices.Sort(in)
	m := 0
	for i, k := range in {
		if i > 0 && k == s.val[m-1] {
			s.cnt[m-1]++
			continue
		}
		s.val[m], s.cnt[m] = k, 1
		m++
	}
	s.win, s.in = win, in
	s.lo, s.hi, s.below, s.total, s.m = lo, hi, below, len(in), m
}

// find returns the index of the first band key at least k.
func (s *bandOf[K]) find(k K) int {
	i, j := 0, s.m
	for i < j {
		h := int(uint(i+j) >> 1)
		if s.val[h] < k {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

func (s *bandOf[K]) add(k K) {
	i := s.find(k)
	s.total++
	if i < s.m && s.val[i] == k {
		s.cnt[i]++
		return
	}
	copy(s.val[i+1:s.m+1], s.val[i:s.m])
	copy(s.cnt[i+1:s.m+1], s.cnt[i:s.m])
	s.val[i], s.cnt[i] = k, 1
	s.m++
}

// remove takes out one k, which the band holds.
func (s *bandOf[K]) remove(k K) {
	i := s.find(k)
	s.total--
	if s.cnt[i]--; s.cnt[i] > 0 {
		return
	}
	copy(s.val[i:s.m-1], s.val[i+1:s.m])
	copy(s.cnt[i:s.m-1], s.cnt[i+1:s.m])
	s.m--
}

// selectKey returns the k-th smallest of a (from 0), reordering a so
// that a[:k] hold none larger and a[k+1:] none smaller (Hoare's
// selection, the pivot a median of three).
func selectKey[K uint32 | uint64](a []K, k int) K {
	lo, hi := 0, len(a)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		if a[mid] < a[lo] {
			a[mid], a[lo] = a[lo], a[mid]
		}
		if a[hi] < a[lo] {
			a[hi], a[lo] = a[lo], a[hi]
		}
		if a[hi] < a[mid] {
			a[hi], a[mid] = a[mid], a[hi]
		}
		pivot := a[mid]
		i, j := lo, hi
		for i <= j {
			for a[i] < pivot {
				i++
			}
			for a[j] > pivot {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return a[k]
		}
	}
	return a[k]
}
