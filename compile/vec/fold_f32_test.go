package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFoldF32: FoldMinF32 and FoldMaxF32 give Go's min and max bit for
// bit over 2 to 8 lines, with NaN, both zeros and both infinities mixed
// in, at every length around the eight-lane block.
func TestFoldF32(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	nan := float32(math.NaN())
	inf := float32(math.Inf(1))
	special := []float32{nan, 0, float32(math.Copysign(0, -1)), inf, -inf, 1, -1}
	for _, rate := range []float64{0, 0.02, 0.3} {
		for count := 2; count <= 8; count++ {
			for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 64, 203} {
				srcs := make([][]float32, count)
				for k := range srcs {
					srcs[k] = make([]float32, n+k) // longer than dst is allowed
					for i := range srcs[k] {
						if rng.Float64() < rate {
							srcs[k][i] = special[rng.IntN(len(special))]
						} else {
							srcs[k][i] = float32(rng.NormFloat64())
						}
					}
				}
				for _, op := range []struct {
					name string
					fold func([]float32, [][]float32)
					one  func(a, b float32) float32
				}{
					{"min", FoldMinF32, func(a, b float32) float32 { return min(a, b) }},
					{"max", FoldMaxF32, func(a, b float32) float32 { return max(a, b) }},
				} {
					dst := make([]float32, n)
					op.fold(dst, srcs)
					for i := range dst {
						want := srcs[0][i]
						for _, s := range srcs[1:] {
							want = op.one(want, s[i])
						}
						if math.Float32bits(dst[i]) != math.Float32bits(want) && !(want != want && dst[i] != dst[i]) {
							t.Fatalf("%s over %d lines of %d (special rate %v), pixel %d: %v (%#x), want %v (%#x)",
								op.name, count, n, rate, i, dst[i], math.Float32bits(dst[i]), want, math.Float32bits(want))
						}
					}
				}
			}
		}
	}
}
