package vec

import "golang.org/x/sys/cpu"

// AVX2 reports whether the vector kernels run: an amd64 build without
// the purego tag, on a CPU (and OS) with AVX2. Tests set it to false to
// time or check the portable loops; it is not to be changed while a
// kernel runs.
//
// AVX512 (wide_amd64.go) adds AVX-512 kernels where they pay: the blocked
// sums, the min and max folds and the fused elementwise programs. The
// networks have none: an AVX-512 compare-exchange, 1.7 times as fast as
// the AVX2 one on 256 pixels in L1, made the lane program's medians of 9
// to 81 values no faster (0.88x to 1.07x, best of 15, on this project's
// Xeon), the calls' fixed cost and the loads dominating at its strip
// widths. The float 3x3 median's one-pass kernels, compute bound over
// whole lines, have one (median3wide_amd64.go), and so do the float 5x5
// median's two-line kernels (med5f_amd64.go).
var AVX2 = haveAsm && cpu.X86.HasAVX2
