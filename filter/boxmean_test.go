package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// TestBoxMeans: kernels whose means run over a whole square box (the lee
// filter, var and std of 5x5, 7x7 and 9x9; vec.MeanBlocks takes its box
// kernels for them with AVX-512) give bruteForce's bits on the general
// path, NaN, ±Inf and -0 in the input, every mode, lines long enough for
// whole octets and a tail.
func TestBoxMeans(t *testing.T) {
	r := rand.New(rand.NewPCG(71, 72))
	kernels := []string{
		leeKernel,
		"mean(values) - center",
		"var(values)",
		"std(values) + mean((values - center) ** 2)",
	}
	for _, w := range []int{5, 7, 9} {
		for _, src := range kernels {
			for _, shape := range [][]int{{w + 3, 61}, {3, 2*w + 9}} {
				in := randomArray(r, shape...)
				data := in.Data.([]float64)
				for i := range data {
					if r.IntN(50) == 0 {
						data[i] = []float64{math.Inf(-1), math.Copysign(0, -1)}[r.IntN(2)]
					}
				}
				mode := Mode(r.IntN(8))
				f, err := New(src, Options{Footprint: Box(w, w), Mode: mode, Cval: 0.5, Threads: 1})
				if err != nil {
					t.Fatal(err)
				}
				if k := f.Path(2, Float64).Kind; k != GeneralPath {
					t.Fatalf("%s %dx%d: path %v, want the general path", src, w, w, k)
				}
				got, err := f.Apply(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				want := bruteForce(t, f, in)
				for i, g := range got.Data.([]float64) {
					if math.Float64bits(g) != math.Float64bits(want[i]) && !(math.IsNaN(g) && math.IsNaN(want[i])) {
						t.Fatalf("%s %dx%d on %v, mode %v: element %d = %v, want %v", src, w, w, shape, mode, i, g, want[i])
					}
				}
			}
		}
	}
}

// TestAllocsPerLineBoxMeans is TestAllocsPerLine for the box means (lines
// of 253 pixels: strips with a tail past their last octet).
func TestAllocsPerLineBoxMeans(t *testing.T) {
	for _, w := range []int{5, 7, 9} {
		f, err := New(leeKernel, Options{Footprint: Box(w, w), Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		allocs := func(rows int) float64 {
			in, _ := Zeros(Float64, rows, 253)
			out, _ := Zeros(Float64, rows, 253)
			return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
		}
		if small, large := allocs(128), allocs(1024); large > small+16 {
			t.Errorf("%dx%d: %v allocations for 1024 lines, %v for 128", w, w, large, small)
		}
	}
}
