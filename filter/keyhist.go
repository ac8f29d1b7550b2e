package filter

import (
	"fmt"
	"math"
	"math/bits"
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
// step; the rank's bin moves from where it was. A band of keyHistBand
// (float64: keyHistBand64) bins around the rank also counts its keys by their next 8 bits (fine
// bins, and their sums by 16) and links, per fine bin, the window slots
// holding them: the exact key is a selection among the keys of one fine
// bin (a few on noise and on smooth data), and when those are all one
// key (a photo's flat patches: many copies of one value) the bin's sums
// of low bits and of their squares say so and give it without a walk.
// When the rank's bin leaves the band the band is centred on it again
// from the window's slots. The result is a value of the window, so it is
// the lane program's exactly (a median's 0 + x, the even median and the
// percentile combined in float64, as numpy does); lines holding a NaN
// take the lane program.
//
// Chosen by measurement (one thread, a machine loaded by other jobs,
// so ranges): a first version, a sorted band of keys between two ranks
// either side of the rank, rebuilt by selection when the rank left it,
// took 510-650 ms against this design's 84-360 on 512x512 float32 noise,
// 21x21, and 1780-1980 against 150-370 on a smooth surface (the rank
// drifts out of any band of ranks); lists of the coarse bins without the
// fine level spent 60% of a smooth photo's time (1024x1024, 31x31: 4.3 s
// against 1.4 s with it) selecting among hundreds of keys a bin. float64
// 31x31 noise, 512x512: band of 8 bins 178-376 ms, of 64 706-724.
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
			rankName(pp.pat), pp.n, c.dtype, map[bool]int{true: keyHistBand64, false: keyHistBand}[c.dtype == Float64], 2*len(pp.runs))}
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
	shift, band := uint(16), keyHistBand // the top 16 bits: sign, exponent and 7 (float64: 4) bits of the fraction
	if b.dtype == Float64 {
		shift, band = 48, keyHistBand64
	}
	bw.hist = newKeyHist[K](16, shift, band, bw.lens)
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
	shift      uint        // a key's bin is key >> shift
	cnt        []int32     // per bin
	sup        []int32     // per 256 bins
	fine, mid  []int32     // the band's fine bins (a bin's next 8 bits), and their sums by 16
	s1         []uint64    // per fine bin: the sum of its keys' low bits (below the fine bin's)
	s2         [][2]uint64 // and of their squares, 128 bits (high, low)
	head       []int32     // per fine bin: its first slot, -1 for none
	next, prev []int32     // per slot: the fine bin's list
	key        []K         // per slot
	off        []int       // per run: its first slot
	at         []int       // per run: the slot of its next key out
	lo         K           // the band's first bin
	bandBins   K           // the band's bins
	buf        []K         // a fine bin's keys: those of fine bin cf
	cf         int         // -1: buf holds no bin's
	same       bool        // buf's keys are all one
}

// keyHistBand is the band's bins for float32 keys, keyHistBand64 for
// float64 (whose bins are 8 times wider, 4 bits of the fraction against
// 7): a wide band links more of the moves, a narrow one is made again
// more often.
const (
	keyHistBand   = 64
	keyHistBand64 = 8
)

func newKeyHist[K uint32 | uint64](bits, shift uint, band int, lens []int) *keyHist[K] {
	n := 0
	h := &keyHist[K]{shift: shift, bandBins: K(band), cnt: make([]int32, 1<<bits), sup: make([]int32, 1<<(bits-8)),
		fine: make([]int32, 256*band), mid: make([]int32, 16*band), head: make([]int32, 256*band),
		s1: make([]uint64, 256*band), s2: make([][2]uint64, 256*band)}
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

func (h *keyHist[K]) inBand(b K) bool { return b-h.lo < h.bandBins }

// fineOf is key k's fine bin in the band (k's bin is in the band).
func (h *keyHist[K]) fineOf(k K) int { return int(k>>(h.shift-8) - h.lo<<8) }

func (h *keyHist[K]) count(b K, d int32) {
	h.cnt[b] += d
	h.sup[b>>8] += d
}

// link adds slot s, holding key k, to fine bin f.
func (h *keyHist[K]) link(s int32, k K, f int) {
	first := h.head[f]
	h.next[s], h.prev[s] = first, -1
	if first >= 0 {
		h.prev[first] = s
	}
	h.head[f] = s
	if f == h.cf { // buf no longer holds bin cf's keys
		h.cf = -1
	}
	l := h.low(k)
	hi, lo := bits.Mul64(l, l)
	var c uint64
	h.s1[f] += l
	h.s2[f][1], c = bits.Add64(h.s2[f][1], lo, 0)
	h.s2[f][0] += hi + c
	h.fine[f]++
	h.mid[f>>4]++
}

// unlink takes slot s, which held key k, out of fine bin f.
func (h *keyHist[K]) unlink(s int32, k K, f int) {
	p, n := h.prev[s], h.next[s]
	if p >= 0 {
		h.next[p] = n
	} else {
		h.head[f] = n
	}
	if n >= 0 {
		h.prev[n] = p
	}
	if f == h.cf {
		h.cf = -1
	}
	l := h.low(k)
	hi, lo := bits.Mul64(l, l)
	var b uint64
	h.s1[f] -= l
	h.s2[f][1], b = bits.Sub64(h.s2[f][1], lo, 0)
	h.s2[f][0] -= hi + b
	h.fine[f]--
	h.mid[f>>4]--
}

// clearBand empties the band's fine bins of the window's keys.
func (h *keyHist[K]) clearBand() {
	for _, k := range h.key {
		if h.inBand(k >> h.shift) {
			f := h.fineOf(k)
			h.fine[f], h.mid[f>>4], h.head[f], h.s1[f], h.s2[f] = 0, 0, -1, 0, [2]uint64{}
		}
	}
}

// band centres the band on bin t and links the window's slots in it.
func (h *keyHist[K]) band(t int) {
	h.clearBand()
	h.cf = -1
	w := int(h.bandBins)
	h.lo = K(max(min(t-w/2, len(h.cnt)-w), 0))
	for s, k := range h.key {
		if h.inBand(k >> h.shift) {
			h.link(int32(s), k, h.fineOf(k))
		}
	}
}

// fineRank returns the fine bin holding rank j of the keys of the band's
// bin t (j counted from t's first key), and j within that fine bin.
func (h *keyHist[K]) fineRank(t int, j int32) (int, int32) {
	f := (t - int(h.lo)) << 8
	mid := h.mid[f>>4 : f>>4+16]
	for _, c := range mid {
		if j < c {
			break
		}
		j -= c
		f += 16
	}
	for j >= h.fine[f] {
		j -= h.fine[f]
		f++
	}
	return f, j
}

// low is the low bits of key k, below its fine bin's.
func (h *keyHist[K]) low(k K) uint64 {
	return uint64(k) & (1<<(h.shift-8) - 1)
}

// one returns the key of fine bin f when its keys are all one: when
// count * sum of squares = sum^2 (of their low bits; Cauchy-Schwarz,
// exactly in 128 bits), without walking its list.
func (h *keyHist[K]) one(f int) (K, bool) {
	c := uint64(h.fine[f])
	sh, sl := bits.Mul64(h.s1[f], h.s1[f])
	ph, pl := bits.Mul64(c, h.s2[f][1])
	ph += c * h.s2[f][0]
	if sh != ph || sl != pl {
		return 0, false
	}
	return (K(f)+h.lo<<8)<<(h.shift-8) | K(h.s1[f]/c), true
}

// gather returns fine bin f's keys and whether they are all one key,
// kept from the last pixel while the bin has not changed (a photo's flat
// patches: many copies of one value, the same step after step).
func (h *keyHist[K]) gather(f int) ([]K, bool) {
	if f == h.cf {
		return h.buf, h.same
	}
	buf := h.buf[:0]
	s := h.head[f]
	first, same := h.key[s], true
	for ; s >= 0; s = h.next[s] {
		buf = append(buf, h.key[s])
		same = same && h.key[s] == first
	}
	h.buf, h.same, h.cf = buf, same, f
	return buf, same
}

// least returns the least key of fine bin f.
func (h *keyHist[K]) least(f int) K {
	m := ^K(0)
	for s := h.head[f]; s >= 0; s = h.next[s] {
		m = min(m, h.key[s])
	}
	return m
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
				if o == n {
					continue
				}
				h.key[s] = n
				if ob != nb {
					h.count(ob, -1)
					h.count(nb, 1)
				}
				if h.inBand(ob) {
					h.unlink(s, o, h.fineOf(o))
				}
				if h.inBand(nb) {
					h.link(s, n, h.fineOf(n))
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
		// the fine bin of the rank, its keys, and the rank among them
		f, j := h.fineRank(t, k-below)
		v, same := h.one(f) // a photo's bins hold many copies of one value
		var buf []K
		if !same {
			buf, same = h.gather(f)
			v = buf[0]
			if !same {
				v = selectKey(buf, int(j))
			}
		}
		k1[x], k2[x] = v, v
		switch {
		case r2 == r1:
		case int(j)+1 < int(h.fine[f]):
			if buf != nil && !same {
				k2[x] = selectKey(buf[j+1:], 0)
			}
		default: // the least key of the next fine bin that holds any
			u := f + 1
			for u < len(h.fine) && h.fine[u] == 0 {
				if u&15 == 0 && h.mid[u>>4] == 0 {
					u += 16
					continue
				}
				u++
			}
			if u < len(h.fine) {
				k2[x] = h.least(u)
				break
			}
			m := ^K(0) // past the band: the window's least key above v
			for _, kk := range h.key {
				if kk > v {
					m = min(m, kk)
				}
			}
			k2[x] = m
		}
	}
	// empty the histogram for the next line
	h.clearBand()
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
