//go:build !amd64 || purego

package vec

// Sort4F32 sets d0[i] <= d1[i] <= d2[i] <= d3[i] to s0[i], s1[i], s2[i]
// and s3[i] sorted, for i < len(d0).
func Sort4F32(d0, d1, d2, d3, s0, s1, s2, s3 []float32) {
	sort4FloatGeneric(d0, d1, d2, d3, s0, s1, s2, s3)
}

// Sort4F64 is Sort4F32 on float64.
func Sort4F64(d0, d1, d2, d3, s0, s1, s2, s3 []float64) {
	sort4FloatGeneric(d0, d1, d2, d3, s0, s1, s2, s3)
}

// Median5x5PairF32 sets outA[i] and outB[i] to the medians of the 5x5
// windows of rows xa, s[0..3] and s[0..3], xb by sorting (slow: callers
// check AVX2).
func Median5x5PairF32(outA, outB []float32, s [][]float32, xa, xb []float32) {
	n := len(outA)
	median5x5PairFloatGeneric(outA, outB[:n], s, xa[:n+4], xb[:n+4])
}

// Median5x5PairF64 is Median5x5PairF32 on float64.
func Median5x5PairF64(outA, outB []float64, s [][]float64, xa, xb []float64) {
	n := len(outA)
	median5x5PairFloatGeneric(outA, outB[:n], s, xa[:n+4], xb[:n+4])
}
