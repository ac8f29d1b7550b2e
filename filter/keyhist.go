package filter

import (
	"fmt"
	"math"
	"slices"

	"github.com/kfilter/kfilter/compile"
)

// keyHistAlg computes a rank (median, percentile, sort(values)[k]) of
// float32 or float64 values over a large footprint: what the typed rank
// path's networks leave (more than typedRankMaxN values). Each value
// becomes an order-preserving unsigned key (its bits, the sign bit
// flipped for positives and every bit for negatives: -0 sorts before +0,
// as the lane program's min and max order them, -Inf first and +Inf
// last), once per cached input line. The window is Huang's sliding
// histogram over the keys' top 16 bits (65536 bins, and their sums by
// 256), each run of the footprint moving one key out and one in per
// step; the rank's bin moves from where it was. The bins of a band of
// keyHistBand bins around the rank also link the window's slots that
// hold their keys, so the exact key is a selection among the keys of the
// rank's one bin (a few on noise; on a photo, most often copies of one
// value, taken without a selection). When the rank's bin leaves the band
// the band is centred on it again from the window's slots. The result
// is a value of the window, so it is the lane program's exactly (a
// median's 0 + x, the even median and the percentile combined in
// float64, as numpy does); lines holding a NaN take the lane program.
//
// Measured against a sorted band of keys around the rank (the keys
// between two ranks either side, sorted with their counts, rebuilt by
// selection when the rank left it) on 512x512, 21x21, one thread, a
// shared machine: noise float32 84-360 ms against 510-650, a smooth
// surface 150-370 against 1780-1980 (the rank drifts out of any band of
// ranks), five repeated values 170-330 against 160-340.
type keyHistAlg struct{}

// keyHistKeys is the derived buffer of a cached line holding its keys
// (past the run windows' buffers, before nanFlag).
const keyHistKeys = nanFlag - 1

type keyHistPlan struct {
	*patternPlan
	dtype  DType
	lines  []int // the footprint's groups, for the NaN test
	r1, r2 int
	t      float64
	why    string
}

func (keyHistAlg) choose(c *candidate) linePlan {
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
	return &keyHistPlan{patternPlan: pp, dtype: c.dtype, lines: lines, r1: r1, r2: r2, t: t,
		why: fmt.Sprintf("%s of %d %v values by a sliding histogram of order-preserving keys (Huang): 65536 bins of their top 16 bits, and the exact keys of a band of %d bins around the rank; %d keys in and out per pixel; lines with a NaN take the lane program",
			rankName(pp.pat), pp.n, c.dtype, keyHistBand, 2*len(pp.runs))}
}

func (b *keyHistPlan) path() Path {
	return Path{Kind: KeyHistPath, Reason: b.why, Exact: true}
}

func (b *keyHistPlan) newWorker(p *plan) lineWorker {
	if b.dtype == Float32 {
		return newKeyHistWorker[float32, uint32](b, p)
	}
	return newKeyHistWorker[float64, uint64](b, p)
}

type keyHistWorker[T float32 | float64, K uint32 | uint64] struct {
	b      *keyHistPlan
	keys   [][]K // per run: its line's keys from the run's first element
	lens   []int // per run: its length
	hist   *keyHist[K]
	k1, k2 []K // per output pixel: the keys at ranks r1 and r2
}

func newKeyHistWorker[T float32 | float64, K uint32 | uint64](b *keyHistPlan, p *plan) *keyHistWorker[T, K] {
	bw := &keyHistWorker[T, K]{b: b, keys: make([][]K, len(b.runs)), k1: make([]K, p.length), k2: make([]K, p.length)}
	for _, r := range b.runs {
		bw.lens = append(bw.lens, b.lens[r.lenIdx])
	}
	shift := uint(16) // the top 16 bits: sign, exponent and 7 (float64: 4) bits of the fraction
	if b.dtype == Float64 {
		shift = 48
	}
	bw.hist = newKeyHist[K](16, shift, bw.lens)
	return bw
}

func (bw *keyHistWorker[T, K]) fill(w *worker, dst []float64) (bool, error) {
	b, p := bw.b, w.p
	w.cachedLines()
	for _, g := range b.lines {
		if lineFlags(w.cur[g], b.base+nanFlag, typedLine[T](w, g), flagNaN) != 0 {
			return false, nil
		}
	}
	for i, r := range b.runs {
		bw.keys[i] = lineKeys[T, K](w, r.group, b.base+keyHistKeys)[p.padL+r.start:]
	}
	L := p.length
	bw.hist.line(bw.keys, bw.lens, L, b.r1, b.r2, bw.k1, bw.k2)
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

type keyHist[K uint32 | uint64] struct {
	shift      uint    // a key's bin is key >> shift
	cnt        []int32 // per bin
	sup        []int32 // per 256 bins
	head       []int32 // per bin: its first slot, -1 for none
	next, prev []int32 // per slot: the bin's list
	key        []K     // per slot
	off        []int   // per run: its first slot
	at         []int   // per run: the slot of its next key out
	lo         K       // the band's first bin
	buf        []K     // scratch: a bin's keys
}

func newKeyHist[K uint32 | uint64](bits, shift uint, lens []int) *keyHist[K] {
	n := 0
	h := &keyHist[K]{shift: shift, cnt: make([]int32, 1<<bits), sup: make([]int32, 1<<(bits-8)), head: make([]int32, 1<<bits)}
	for _, l := range lens {
		h.off = append(h.off, n)
		n += l
	}
	for i := range h.head {
		h.head[i] = -1
	}
	h.next, h.prev, h.key, h.buf = make([]int32, n), make([]int32, n), make([]K, n), make([]K, 0, n)
	h.at = make([]int, len(lens))
	return h
}

// keyHistBand is the band's bins: a wide band links more of the moves, a
// narrow one is made again more often.
const keyHistBand = 64

func (h *keyHist[K]) inBand(b K) bool { return b-h.lo < keyHistBand }

func (h *keyHist[K]) count(b K, d int32) {
	h.cnt[b] += d
	h.sup[b>>8] += d
}

func (h *keyHist[K]) link(s int32, b K) {
	f := h.head[b]
	h.next[s], h.prev[s] = f, -1
	if f >= 0 {
		h.prev[f] = s
	}
	h.head[b] = s
}

func (h *keyHist[K]) unlink(s int32, b K) {
	p, n := h.prev[s], h.next[s]
	if p >= 0 {
		h.next[p] = n
	} else {
		h.head[b] = n
	}
	if n >= 0 {
		h.prev[n] = p
	}
}

// band centres the band on bin t and links its slots.
func (h *keyHist[K]) band(t int) {
	for b := h.lo; b < h.lo+keyHistBand && int(b) < len(h.head); b++ {
		h.head[b] = -1
	}
	h.lo = K(max(min(t-keyHistBand/2, len(h.head)-keyHistBand), 0))
	for s, k := range h.key {
		if b := k >> h.shift; h.inBand(b) {
			h.link(int32(s), b)
		}
	}
}

// line computes ranks r1 and r2 (r2 is r1 or r1+1) of each window of an
// output line of L pixels into k1 and k2: window x holds keys[i][x :
// x+lens[i]] of each run i.
func (h *keyHist[K]) line(keys [][]K, lens []int, L, r1, r2 int, k1, k2 []K) {
	lens = lens[:len(keys)]
	off, at := h.off[:len(keys)], h.at[:len(keys)]
	for i, ks := range keys {
		at[i] = off[i]
		copy(h.key[off[i]:], ks[:lens[i]])
		for _, k := range ks[:lens[i]] {
			h.count(k>>h.shift, 1)
		}
	}
	// the rank's bin t and the count below it, from the first bin
	k := int32(r1)
	t, below := 0, int32(0)
	for below+h.sup[t>>8] <= k {
		below += h.sup[t>>8]
		t += 256
	}
	for below+h.cnt[t] <= k {
		below += h.cnt[t]
		t++
	}
	h.band(t)
	cnt, sup := h.cnt, h.sup
	k1, k2 = k1[:L], k2[:L]
	for x := range k1 {
		if x > 0 {
			tb := K(t)
			for i, ks := range keys {
				o, n := ks[x-1], ks[x-1+lens[i]]
				ob, nb := o>>h.shift, n>>h.shift
				// branch-free: the keys are noise to a branch predictor
				below += int32(b2i(nb < tb) - b2i(ob < tb))
				s := int32(at[i]) // run i's slot of position p is p mod lens[i]
				if at[i]++; at[i] == off[i]+lens[i] {
					at[i] = off[i]
				}
				h.key[s] = n
				if ob == nb {
					continue
				}
				h.count(ob, -1)
				h.count(nb, 1)
				if h.inBand(ob) {
					h.unlink(s, ob)
				}
				if h.inBand(nb) {
					h.link(s, nb)
				}
			}
			for below > k {
				if t&255 == 0 && below-sup[t>>8-1] > k {
					t -= 256
					below -= sup[t>>8]
					continue
				}
				t--
				below -= cnt[t]
			}
			for below+cnt[t] <= k {
				if t&255 == 0 && below+sup[t>>8] <= k {
					below += sup[t>>8]
					t += 256
					continue
				}
				below += cnt[t]
				t++
			}
			if !h.inBand(K(t)) {
				h.band(t)
			}
		}
		// the bin's keys, and the rank among them
		buf := h.buf[:0]
		s := h.head[t]
		first, same := h.key[s], true
		for ; s >= 0; s = h.next[s] {
			buf = append(buf, h.key[s])
			same = same && h.key[s] == first
		}
		j := int(k - below)
		v := first // a photo's bins hold many of one value
		if !same {
			v = selectKey(buf, j)
		}
		k1[x], k2[x] = v, v
		switch {
		case r2 == r1:
		case j+1 < len(buf):
			k2[x] = selectKey(buf[j+1:], 0)
		default: // the least key of the next bin that holds any
			u := K(t + 1)
			for cnt[u] == 0 {
				u++
			}
			m := ^K(0)
			if h.inBand(u) {
				for s := h.head[u]; s >= 0; s = h.next[s] {
					m = min(m, h.key[s])
				}
			} else {
				for _, kk := range h.key {
					if kk>>h.shift == u {
						m = min(m, kk)
					}
				}
			}
			k2[x] = m
		}
	}
	// empty the histogram for the next line
	for _, kk := range h.key {
		b := kk >> h.shift
		h.cnt[b], h.sup[b>>8] = 0, 0
	}
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
