//go:build !(goexperiment.simd && amd64)

package filter

// foldN sets dst to op over srcs (2 to 8 of them) in one pass. This build
// has no SIMD: build with GOEXPERIMENT=simd on amd64 for the AVX2 version.
func foldN(dst []float64, srcs [][]float64, op segOp) { foldPortable(dst, srcs, op) }
