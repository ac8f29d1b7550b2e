//go:build !purego

package vec

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// AVX512 reports whether the blocked sums (SumBlocks, SumAbsDevBlocks)
// take eight pixels per iteration in ZMM registers (kernels_general_amd64.s)
// before the AVX2 kernels take the rest: a CPU (and OS) with AVX-512F, and
// AVX2 set. The sums read one slice header per term per iteration, so
// eight pixels halve those loads as well as the arithmetic: the lane
// program's 3x3 absolute deviation sum and 7x7 variance ran 1.3 to 1.6
// times as fast (issue 14). Tests set it to false to check the AVX2
// kernels; it is not to be changed while a kernel runs.
var AVX512 = haveAsm && cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ

// sumBlocksWide runs the AVX-512 form of SumBlocks (mu nil) or of its
// squares (sq) or absolute deviations (!sq) over all of d, the last 1 to 7
// pixels masked, when AVX512 and AVX2 are set, and returns how many it
// did: len(d), or 0. The
// caller has checked the lengths and the count of terms (8 to 128).
func sumBlocksWide(d []float64, src [][]float64, mu []float64, sq bool) int {
	n := len(d)
	if !AVX512 || !AVX2 || n == 0 {
		return 0
	}
	switch {
	case mu == nil:
		sumBlocksAVX512(d, src)
	case sq:
		sumSqBlocksAVX512(d, src, mu)
	case len(src) == 9 && unsafe.SliceData(src[4]) == unsafe.SliceData(mu):
		// sum(abs(values - center)) over a 3x3 box read in place: the
		// centre's own term reads mu (kernels_general5_amd64.s)
		sumAbsDev9CenterAVX512(d, src, mu)
	case len(src) == 9:
		sumAbsDev9AVX512(d, src, mu)
	default:
		sumAbsDevBlocksAVX512(d, src, mu)
	}
	return n
}

// foldWide runs the AVX-512 min or max fold (VRANGEPD, exact as Go's min
// and max) over all of dst, the last 1 to 7 pixels masked, when AVX512
// and AVX2 are set, and returns how many it did (len(dst), or 0) and
// whether a NaN was among the sources.
func foldWide(dst []float64, srcs [][]float64, max bool) (int, bool) {
	n := len(dst)
	if !AVX512 || !AVX2 || n == 0 {
		return 0, false
	}
	var nan bool
	if max {
		switch len(srcs) {
		case 2:
			nan = foldMaxRange2AVX512(dst, srcs)
		case 3:
			nan = foldMaxRange3AVX512(dst, srcs)
		case 4:
			nan = foldMaxRange4AVX512(dst, srcs)
		case 5:
			nan = foldMaxRange5AVX512(dst, srcs)
		case 6:
			nan = foldMaxRange6AVX512(dst, srcs)
		case 7:
			nan = foldMaxRange7AVX512(dst, srcs)
		case 8:
			nan = foldMaxRange8AVX512(dst, srcs)
		}
		return n, nan
	}
	switch len(srcs) {
	case 2:
		nan = foldMinRange2AVX512(dst, srcs)
	case 3:
		nan = foldMinRange3AVX512(dst, srcs)
	case 4:
		nan = foldMinRange4AVX512(dst, srcs)
	case 5:
		nan = foldMinRange5AVX512(dst, srcs)
	case 6:
		nan = foldMinRange6AVX512(dst, srcs)
	case 7:
		nan = foldMinRange7AVX512(dst, srcs)
	case 8:
		nan = foldMinRange8AVX512(dst, srcs)
	}
	return n, nan
}

// expWide runs the AVX-512 form of ExpFrom's FMA kernel (math.Exp's FMA
// branch, eight lanes at a time, the last 1 to 7 masked) from i, when
// AVX512 and AVX2 are set, and reports whether it ran. It returns where it
// stopped: len(d), or at elements one of which the caller must do (beyond
// ±700, or NaN).
func expWide(d, a []float64, i int) (int, bool) {
	if !AVX512 || !AVX2 || i >= len(d) {
		return i, false
	}
	return expFMAAVX512(d, a, i), true
}
