package compile

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// TestGeneralLanes: the lane program's vector forms of min, max, abs,
// neg, sums of |a - b| and exp give Eval's numbers bit for bit (signed zeros
// included, any NaN for NaN), with the vector kernels and without, over
// footprints on both sides of the folds' groups of eight, on inputs with
// NaN, ±Inf, ±0, subnormals and exp's edges (±700, overflow near 709.78,
// underflow near -745).
func TestGeneralLanes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	edges := []float64{700, -700, 700.5, -700.5, 709.5, 709.9, -745.1, -708.5, 5e-324, -5e-324, 1e-310}
	draw := func() float64 {
		if r.IntN(8) == 0 {
			return edges[r.IntN(len(edges))]
		}
		return sample(r)
	}
	srcs := []string{
		"min(values)", "max(values)", "min(values) + max(values)",
		"sum(abs(values - values[0]))", "sum(abs(values - center))", "-values[0] + prod(-values)",
		"sum(exp(values))", "sum(exp(values - center))",
		"let wt = exp(-((values - center) ** 2) / 0.02); sum(wt * values) / sum(wt)",
		"(max(values) - min(values)) / (max(values) + min(values) + 1e-9)",
	}
	for _, avx := range []bool{true, false} {
		saved := vec.AVX2
		vec.AVX2 = avx && saved
		for _, N := range []int{1, 2, 7, 8, 9, 15, 16, 17, 25, 49} {
			for _, src := range srcs {
				p := mustCompile(t, src, N)
				n := 1 + r.IntN(200)
				in := make([][]float64, N)
				for k := range in {
					in[k] = make([]float64, n)
					for i := range in[k] {
						in[k][i] = draw()
					}
				}
				center := make([]float64, n)
				for i := range center {
					center[i] = draw()
				}
				out := make([]float64, n)
				p.NewMachine().Run(out, in, center)
				vals := make([]float64, N)
				for i := range out {
					for k := range vals {
						vals[k] = in[k][i]
					}
					want := Eval(p.Kernel, nil, vals, center[i])
					if math.Float64bits(out[i]) != math.Float64bits(want) && !(out[i] != out[i] && want != want) {
						t.Fatalf("vector %v, %s over %d values, pixel %d: values %v center %v: program %v, Eval %v",
							vec.AVX2, src, N, i, vals, center[i], out[i], want)
					}
				}
			}
		}
		vec.AVX2 = saved
	}
}
