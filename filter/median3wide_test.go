package filter

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestMedian3Wide compares the float 3x3 medians (their one-pass kernels,
// the AVX-512 ones where the CPU has them) with the lane program, bit for
// bit, on line lengths around the kernels' thresholds (16 and 32 pixels
// a step, two vectors from a padded copy) and past them, 1 to 7 lines
// (odd counts, one and two), every mode, cvals (NaN, -0 and the
// infinities among them), origins, one to three threads, a NaN anywhere
// (a line's interior, its ends, a line only the mode's extension reads)
// with both zeros, ties and infinities in the data; float32 and float64
// input, into float32 and float64 output.
func TestMedian3Wide(t *testing.T) {
	r := rand.New(rand.NewPCG(141, 142))
	lengths := []int{1, 2, 3, 16, 17, 18, 19, 31, 33, 34, 35, 36, 50, 66, 67, 98, 131}
	for trial := 0; trial < 400; trial++ {
		dt := []DType{Float32, Float64}[trial%2]
		H, L := 1+r.IntN(7), lengths[r.IntN(len(lengths))]
		shape := []int{H, L}
		if trial%7 == 3 {
			shape = []int{2, H, L}
		}
		in := randomF32(t, r, []float64{0, 0.01, 0.2}[r.IntN(3)], shape...)
		d := in.Data.([]float32)
		if trial%3 == 0 { // no NaN but one, anywhere
			for i, x := range d {
				if x != x {
					d[i] = 0
				}
			}
			d[r.IntN(len(d))] = float32(math.NaN())
		}
		if trial%4 == 1 { // many ties
			for i, x := range d {
				d[i] = float32(math.Round(float64(x)))
			}
		}
		if dt == Float64 {
			in, _ = Convert(in, Float64)
		}
		opts := Options{Footprint: Box(3, 3), Mode: Mode(r.IntN(8)),
			Cval:    []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1.5}[r.IntN(6)],
			Origin:  []int{r.IntN(3) - 1, r.IntN(3) - 1},
			Threads: 1 + r.IntN(3),
			Output:  []DType{0, Float32, Float64}[r.IntN(3)]}
		if len(shape) == 3 {
			opts.Axes = []int{1, 2}
		}
		what := fmt.Sprintf("%v %v (%+v)", dt, shape, opts)
		fast, err := New("median(values)", opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(len(shape), dt); p.Kind != Median3Path {
			t.Fatalf("%s: %v: %s", what, p.Kind, p)
		}
		opts.General = true
		general, _ := New("median(values)", opts)
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		b, err := general.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		sameResult(t, what, a, b)
	}
}
