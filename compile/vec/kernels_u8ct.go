package vec

// ctMedianU8Generic sets res[x] to rank k of the window of the w columns
// at+x .. at+x+w-1 of a set of column histograms with 8-bit counts, for
// every x: the portable twin of the constant-time median kernel
// (Perreault and Hébert), its specification. Column x's histogram is in
// two levels: its 16 coarse bins (bin v>>4) at coarse[16x:16x+16], its
// 256 fine bins segment by segment, the 16 fine bins under coarse bin c
// (bins 16c .. 16c+15) at fine[c*S+16x:c*S+16x+16], S = len(coarse), so
// that a segment's columns follow one another. The window's coarse bins
// move by one column in and one out per pixel; the fine segment under the
// rank's coarse bin is brought up to date only when the rank falls there
// (the columns since its last use in and out, or summed afresh when that
// was a window or more ago). Counts are bytes: every window holds the
// same n <= 255 values and k < n; else the result is unspecified (and
// every index stays in the histograms).
func ctMedianU8Generic(res, coarse, fine []uint8, at, w, k int) {
	ctMedianGeneric(res, coarse, fine, at, w, k)
}

// ctMedianU16Generic is ctMedianU8Generic with 16-bit counts (n <= 65535):
// the portable twin of ctMedianU16AVX2.
func ctMedianU16Generic(res []uint8, coarse, fine []uint16, at, w, k int) {
	ctMedianGeneric(res, coarse, fine, at, w, k)
}

func ctMedianGeneric[C uint8 | uint16](res []uint8, coarse, fine []C, at, w, k int) {
	S := len(coarse)
	var K [16]C
	var F [16][16]C
	var last [16]int
	for c := range last {
		last[c] = -1 << 30
	}
	for x := at; x < at+w; x++ {
		addBins(&K, coarse[16*x:16*x+16])
	}
	for x := range res {
		if x > 0 {
			addBins(&K, coarse[16*(at+x+w-1):16*(at+x+w)])
			subBins(&K, coarse[16*(at+x-1):16*(at+x)])
		}
		c, below := binOfRank(&K, 0, k)
		seg, fc := &F[c], fine[c*S:(c+1)*S]
		if x-last[c] < w {
			for xx := last[c] + 1; xx <= x; xx++ {
				addBins(seg, fc[16*(at+xx+w-1):16*(at+xx+w)])
				subBins(seg, fc[16*(at+xx-1):16*(at+xx)])
			}
		} else {
			*seg = [16]C{}
			for xx := at + x; xx < at+x+w; xx++ {
				addBins(seg, fc[16*xx:16*xx+16])
			}
		}
		last[c] = x
		j, _ := binOfRank(seg, below, k)
		res[x] = uint8(16*c + j)
	}
}

func addBins[C uint8 | uint16](h *[16]C, col []C) {
	for i, v := range col[:16] {
		h[i] += v
	}
}

func subBins[C uint8 | uint16](h *[16]C, col []C) {
	for i, v := range col[:16] {
		h[i] -= v
	}
}

// binOfRank returns the first of the 16 bins whose running sum from cum
// (mod 256 or 65536, as the kernel's lanes) passes k, 15 if none, and the
// sum below it.
func binOfRank[C uint8 | uint16](h *[16]C, cum, k int) (bin, below int) {
	s := C(cum)
	for i, v := range h {
		if s+v > C(k) {
			return i, int(s)
		}
		s += v
	}
	return 15, int(s - h[15])
}

// checkCTMedian panics unless the histograms and the windows fit
// ctMedianU8's layout (ctMedianU16's, wide): every index the kernel reads
// in range.
func checkCTMedian[C uint8 | uint16](L int, coarse, fine []C, at, w, k int) {
	P := len(coarse) / 16
	maxK := 254
	if _, wide := any(coarse).([]uint16); wide {
		maxK = 65534
	}
	if len(coarse)%16 != 0 || len(fine) != 16*len(coarse) || w < 1 || at < 0 || at+L+w-1 > P || k < 0 || k > maxK {
		panic("vec: CTMedian: histograms, window or rank out of range")
	}
}
