//go:build !race

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestUpperClearEw is TestUpperClear for the lane program's elementwise
// kernels (kernels_ew_amd64.s, kernels_pred_amd64.s): after each, math.Exp runs at full speed.
func TestUpperClearEw(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	const n = 64
	rng := rand.New(rand.NewPCG(9, 10))
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = rng.Float64()*4 - 2
	}
	s := make([][]float64, 12)
	for j := range s {
		s[j] = make([]float64, n)
		for i := range s[j] {
			s[j][i] = rng.Float64() + 1
		}
	}
	d := make([]float64, n)
	pick := func(vector bool, vec, gen func()) {
		if vector {
			vec()
		} else {
			gen()
		}
	}
	type kernel struct {
		name string
		run  func(vector bool)
	}
	kernels := []kernel{
		{"Abs", func(v bool) { pick(v, func() { Abs(d, s[0]) }, func() { absGeneric(d, s[0]) }) }},
		{"Neg", func(v bool) { pick(v, func() { Neg(d, s[0]) }, func() { negGeneric(d, s[0]) }) }},
		{"AddAbsDev", func(v bool) { pick(v, func() { AddAbsDev(d, s[0], s[1]) }, func() { addAbsDevGeneric(d, s[0], s[1]) }) }},
		{"SumAbsDevBlocks", func(v bool) {
			pick(v, func() { SumAbsDevBlocks(d, s[1:], s[0]) }, func() { sumAbsDevBlocksGeneric(d, s[1:], s[0]) })
		}},
		{"ExpFrom", func(v bool) {
			pick(v, func() { ExpFrom(d, s[0], 0) }, func() {
				for i, x := range s[0] {
					d[i] = math.Exp(x)
				}
			})
		}},
	}
	for _, p := range predKernels { // kernels_pred_amd64.s
		kernels = append(kernels, kernel{p.name, func(v bool) {
			pick(v, func() { p.vector(d, s[0], s[1], s[2]) }, func() { p.spec(d, s[0], s[1], s[2]) })
		}})
	}
	for _, k := range kernels {
		expAfter(t, k.name, k.run)
	}
}
