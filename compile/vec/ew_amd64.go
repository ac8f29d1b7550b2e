//go:build !purego

package vec

import "golang.org/x/sys/cpu"

// expFMA: math.Exp takes its FMA branch (math/exp_amd64.go's useFMA), so
// ExpFrom does too, to give its bits.
var expFMA = cpu.X86.HasAVX && cpu.X86.HasFMA

// Abs sets d = |a|.
func Abs(d, a []float64) {
	a = a[:len(d)]
	if n := len(d) &^ 3; AVX2 && n > 0 {
		absAVX2(d, a)
		d, a = d[n:], a[n:]
	}
	absGeneric(d, a)
}

// Neg sets d = -a.
func Neg(d, a []float64) {
	a = a[:len(d)]
	if n := len(d) &^ 3; AVX2 && n > 0 {
		negAVX2(d, a)
		d, a = d[n:], a[n:]
	}
	negGeneric(d, a)
}

// ExpFrom sets d[j] = math.Exp(a[j]) for j from i on, and returns where
// it stopped: at the end (len(d) with AVX-512, where the last elements are
// done masked; the end of the last four without), or at four elements one
// of which is outside ±700 or NaN (math.Exp's overflow, subnormal and
// special cases), which the caller does with its scalar exp before
// calling again. i is a multiple of four. Without the vector kernels it
// does nothing and returns i. len(a) >= len(d); d may be a.
func ExpFrom(d, a []float64, i int) int {
	a = a[:len(d)]
	if !AVX2 || i >= len(d) {
		return i
	}
	if expFMA {
		if j, ran := expWide(d, a, i); ran {
			return j
		}
	}
	if i >= len(d)&^3 {
		return i
	}
	if expFMA {
		return expFMAAVX2(d, a, i)
	}
	return expAVX2(d, a, i)
}

// AddAbsDev sets d += |a - mu|.
func AddAbsDev(d, a, mu []float64) {
	a, mu = a[:len(d)], mu[:len(d)]
	if n := len(d) &^ 3; AVX2 && n > 0 {
		addAbsDevAVX2(d, a, mu)
		d, a, mu = d[n:], a[n:], mu[n:]
	}
	addAbsDevGeneric(d, a, mu)
}

// SumAbsDevBlocks is SumBlocks of the terms |x - mu| (8 to 128 of them).
func SumAbsDevBlocks(d []float64, src [][]float64, mu []float64) {
	n := len(d) &^ 3
	mu = mu[:len(d)]
	if !AVX2 || len(d) == 0 || len(src) < 8 || len(src) > 128 {
		sumAbsDevBlocksGeneric(d, src, mu)
		return
	}
	for _, t := range src {
		_ = t[:len(d)] // the kernel reads len(d) from each
	}
	if sumBlocksWide(d, src, mu, false) == len(d) {
		return
	}
	if n == 0 {
		sumAbsDevBlocksGeneric(d, src, mu)
		return
	}
	sumAbsDevBlocksAVX2(d, src, mu)
	if n == len(d) {
		return
	}
	var tail [128][]float64
	for k, t := range src {
		tail[k] = t[n:]
	}
	sumAbsDevBlocksGeneric(d[n:], tail[:len(src)], mu[n:])
}
