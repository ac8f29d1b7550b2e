// Package vec holds the low-level pieces that compile's and filter's
// vector kernels share. It is not API: nothing outside this module
// should import it, and it says nothing about filters.
//
// ClearUpper must end every stretch of 256-bit AVX code before scalar
// code runs. Go's compiler emits no VZEROUPPER after simd/archsimd code
// (golang/go#80835), and Go's own scalar floating point (math.Exp, every
// MOVSD and ADDSD it compiles) is legacy SSE: with the upper halves of
// the YMM registers dirty, each of those instructions pays Intel's
// AVX-SSE transition penalty. Measured on this project's Xeon, a loop
// of math.Exp after one AVX2 add ran 35 times slower (2.38 s against
// 68 ms); the lane program's exp over 5x5 ran 100 times slower.
package vec
