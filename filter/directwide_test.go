package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// TestDirectMinWide compares min of float64 input read straight from the
// input (combineAll over vec.FoldMinBoth: eight sources a pass, two registers an iteration)
// with the lane program, bit for bit: footprints of 1 to 16 elements (one
// and two passes, and 16, whose second pass takes all eight places), every
// mode, cvals with NaN, -0 and infinities, lines shorter and longer than
// the kernel's sixteen pixels, and NaN, both zeros and both infinities in
// the data.
func TestDirectMinWide(t *testing.T) {
	r := rand.New(rand.NewPCG(95, 96))
	for trial := 0; trial < 300; trial++ {
		rows, cols := 1+r.IntN(6), 1+r.IntN(70)
		data := make([]float64, rows*cols)
		odd := []float64{math.NaN(), 0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1)}
		rate := []float64{0, 0.01, 0.2}[trial%3]
		for i := range data {
			data[i] = float64(r.IntN(9) - 4)
			if r.Float64() < rate {
				data[i] = odd[r.IntN(len(odd))]
			}
		}
		in, _ := ArrayOf(data, rows, cols)
		var fp Footprint
		for fp.Count() == 0 || fp.Count() > 16 {
			h, w := 1+r.IntN(4), 1+r.IntN(8)
			fp = Box(h, w)
			if r.IntN(2) == 0 {
				for i := range fp.Mask {
					fp.Mask[i] = r.IntN(4) > 0
				}
			}
		}
		if trial%10 == 0 {
			fp = Box(2, 8) // 16
		}
		opts := Options{Footprint: fp, Mode: Mode(trial % 8), Output: Float64,
			Cval: []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(-1), 1.5}[r.IntN(5)]}
		fast, err := New("min(values)", opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(2, Float64); p.Kind != DirectPath {
			t.Fatalf("min over %v: %s", fp.Shape, p)
		}
		opts.General = true
		general, _ := New("min(values)", opts)
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := general.Apply(context.Background(), in)
		sameResult(t, "min over "+fp.String(), a, b)
	}
}
