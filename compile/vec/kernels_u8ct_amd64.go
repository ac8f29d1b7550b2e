//go:build !purego

package vec

// CTMedianU8 sets res[x] to rank k of the window of the w columns at+x ..
// at+x+w-1 of the column histograms coarse and fine, with 8-bit counts,
// for every x (the layout is ctMedianU8Generic's). Every window holds the
// same n <= 255 values and k < n; else the result is unspecified. The
// AVX2 kernel keeps the window's 16 coarse bins in a register and finds a
// rank in 16 bins by running sums in one register.
func CTMedianU8(res, coarse, fine []uint8, at, w, k int) {
	checkCTMedian(len(res), coarse, fine, at, w, k)
	if len(res) == 0 {
		return
	}
	if AVX2 {
		ctMedianU8AVX2(res, coarse, fine, at, w, k)
		return
	}
	ctMedianU8Generic(res, coarse, fine, at, w, k)
}

// CTMedianU16 is CTMedianU8 with 16-bit counts (every window holds the
// same n <= 65535 values, k < n): ctMedianU16Generic's layout, 16 bins a
// YMM register in the AVX2 kernel.
func CTMedianU16(res []uint8, coarse, fine []uint16, at, w, k int) {
	checkCTMedian(len(res), coarse, fine, at, w, k)
	if len(res) == 0 {
		return
	}
	if AVX2 {
		ctMedianU16AVX2(res, coarse, fine, at, w, k)
		return
	}
	ctMedianU16Generic(res, coarse, fine, at, w, k)
}
