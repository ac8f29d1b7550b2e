//go:build !purego

package vec

// ewRunWide runs prog over the first n&^7 pixels by the AVX-512 kernels,
// 32 pixels at a time, then 8, when AVX512 and AVX2 are set, and returns
// how many it did.
func ewRunWide(slots [][]float64, prog EWProgram, n int) int {
	if !AVX512 || !AVX2 || n < 8 || len(prog) == 0 {
		return 0
	}
	i := n &^ 31
	if i > 0 {
		ewRun4AVX512(slots, prog, 0, n)
	}
	if i < n&^7 {
		ewRunAVX512(slots, prog, i, n)
	}
	return n &^ 7
}
