//go:build !purego

package vec

// ewRunWide runs prog over the n pixels by the AVX-512 kernels, 32 pixels
// at a time, then 8, the last 1 to 7 masked, when AVX512 and AVX2 are set,
// and returns how many it did: n, or 0.
func ewRunWide(slots [][]float64, prog EWProgram, n int) int {
	if !AVX512 || !AVX2 || n == 0 || len(prog) == 0 {
		return 0
	}
	i := n &^ 31
	if i > 0 {
		ewRun4AVX512(slots, prog, 0, n)
	}
	if i < n {
		ewRunAVX512(slots, prog, i, n)
	}
	return n
}
