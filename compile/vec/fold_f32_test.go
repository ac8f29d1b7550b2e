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

// TestMedianF32: Colsort3F32 and Med9F32 give the portable loops' results
// bit for bit, which are the float64 kernels' on the widened values (the
// same value picked, -0 made +0), on data with many ties and both zeros;
// Colsort3F32 reports a NaN anywhere in any of its three rows.
func TestMedianF32(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pool := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 2.5, float32(math.Inf(1)), float32(math.Inf(-1))}
	for _, n := range []int{1, 7, 8, 9, 16, 23, 64, 101} {
		P := n + 2
		rows := make([][]float32, 3)
		rows64 := make([][]float64, 3)
		for r := range rows {
			rows[r] = make([]float32, P)
			rows64[r] = make([]float64, P)
			for i := range rows[r] {
				if rng.IntN(2) == 0 {
					rows[r][i] = pool[rng.IntN(len(pool))]
				} else {
					rows[r][i] = float32(rng.NormFloat64())
				}
				rows64[r][i] = float64(rows[r][i])
			}
		}
		var cols, cols64 [3][]float32
		for k := range cols {
			cols[k], cols64[k] = make([]float32, P), make([]float32, P)
		}
		if Colsort3F32(cols[0], cols[1], cols[2], rows[0], rows[1], rows[2]) {
			t.Fatalf("n %d: Colsort3F32 found a NaN in none", n)
		}
		colsort3F32Generic(cols64[0], cols64[1], cols64[2], rows[0], rows[1], rows[2])
		for k := range cols {
			for i := range cols[k] {
				if cols[k][i] != cols64[k][i] {
					t.Fatalf("n %d: column sort %d at %d: %v, portable %v", n, k, i, cols[k][i], cols64[k][i])
				}
			}
		}
		out, want := make([]float32, n), make([]float32, n)
		Med9F32(out, cols[0], cols[1], cols[2])
		med9F32Generic(want, cols[0], cols[1], cols[2])
		// the float64 kernels on the same values
		var c64 [3][]float64
		for k := range c64 {
			c64[k] = make([]float64, P)
		}
		out64 := make([]float64, n)
		Colsort3(c64[0], c64[1], c64[2], rows64[0], rows64[1], rows64[2])
		Med9(out64, c64[0], c64[1], c64[2])
		for i := range out {
			if math.Float32bits(out[i]) != math.Float32bits(want[i]) || math.Float64bits(float64(out[i])) != math.Float64bits(out64[i]) {
				t.Fatalf("n %d: median at %d: %v, portable %v, float64 kernels %v", n, i, out[i], want[i], out64[i])
			}
		}
		for i := 0; i <= n; i++ {
			x := append([]float32(nil), rows[0][:n]...)
			if i < n {
				x[i] = float32(math.NaN())
			}
			for k := range 3 { // the NaN in row k of the column sort
				in := [3][]float32{rows[0][:n], rows[1][:n], rows[2][:n]}
				in[k] = x
				if got := Colsort3F32(cols[0][:n], cols[1][:n], cols[2][:n], in[0], in[1], in[2]); got != (i < n) {
					t.Fatalf("n %d: Colsort3F32 with a NaN at %d of %d in row %d: %v", n, i, n, k, got)
				}
			}
		}
	}
}

// TestFoldMinBoth: FoldMinBoth gives Go's min bit for bit over 2 to 8
// float64 lines, with NaN, both zeros and both infinities mixed in.
func TestFoldMinBoth(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	special := []float64{math.NaN(), 0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), 1, -1}
	for _, rate := range []float64{0, 0.02, 0.3} {
		for count := 2; count <= 8; count++ {
			for _, n := range []int{0, 1, 3, 4, 5, 8, 13, 64, 203} {
				srcs := make([][]float64, count)
				for k := range srcs {
					srcs[k] = make([]float64, n+k)
					for i := range srcs[k] {
						if rng.Float64() < rate {
							srcs[k][i] = special[rng.IntN(len(special))]
						} else {
							srcs[k][i] = rng.NormFloat64()
						}
					}
				}
				dst := make([]float64, n)
				FoldMinBoth(dst, srcs)
				for i := range dst {
					want := srcs[0][i]
					for _, s := range srcs[1:] {
						want = min(want, s[i])
					}
					if math.Float64bits(dst[i]) != math.Float64bits(want) && !(want != want && dst[i] != dst[i]) {
						t.Fatalf("min over %d lines of %d (special rate %v), pixel %d: %v (%#x), want %v (%#x)",
							count, n, rate, i, dst[i], math.Float64bits(dst[i]), want, math.Float64bits(want))
					}
				}
			}
		}
	}
}
