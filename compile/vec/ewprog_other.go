//go:build !amd64 || purego

package vec

// AVX512: no AVX-512 kernels in this build.
var AVX512 = false

func ewRunWide(slots [][]float64, prog EWProgram, n int) int { return 0 }
