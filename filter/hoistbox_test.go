package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

const contrastKernel5 = "(max(values) - min(values)) / (max(values) + min(values) + 1e-9)"

// hoistBoxTaken reports whether f runs by hoistBoxAlg on rank-d float64
// input.
func hoistBoxTaken(f *Filter, rank int) bool {
	p := f.Path(rank, Float64)
	return p.Kind == HoistedPath && strings.Contains(p.Reason, hoistBoxMark)
}

// hoistBoxMark is in hoistBoxAlg's reasons only.
const hoistBoxMark = "each line folded across the box's lines"

// TestHoistBoxVsGeneral: kernels whose values are read only by min and
// max over a box run by hoistBoxAlg and give the general path's results
// bit for bit, NaN, ±Inf and -0 included, in every mode, for boxes
// narrower and wider than the line, lines shorter and longer than a
// chunk, shifted boxes, 1-D and 3-D inputs.
func TestHoistBoxVsGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	kernels := []string{
		contrastKernel5,
		"max(values) - center",
		"min(values) * 2 + max(values) / 3 - min(values)",
		"abs(center - max(values)) > 1 ? min(values) : -center",
		"max(max(values), 0.5)",
	}
	type shape struct {
		fp    Footprint
		shape []int
		orig  []int
	}
	shapes := []shape{
		{Box(5, 5), []int{9, 23}, nil},
		{Box(3, 3), []int{7, 1100}, nil}, // three chunks
		{Box(5, 5), []int{6, 3}, nil},    // the box wider than the line
		{Box(1, 5), []int{4, 17}, nil},
		{Box(5, 1), []int{11, 9}, nil},
		{Box(2, 4), []int{8, 13}, []int{0, 1}},
		{Box(7, 3), []int{5, 520}, []int{-1, 1}},
		{Box(4), []int{40}, nil},
		{Box(3, 2, 3), []int{4, 5, 19}, nil},
		{Box(1, 1), []int{3, 4}, nil},
	}
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0}
	modes := []Mode{Reflect, Constant, Nearest, Mirror, Wrap}
	for _, src := range kernels {
		for si, sh := range shapes {
			mode := modes[si%len(modes)]
			for _, m := range []Mode{mode, Constant} {
				opts := Options{Footprint: sh.fp, Mode: m, Cval: -0.25, Origin: sh.orig}
				if si%3 == 2 {
					opts.Cval = math.NaN() // constant mode's NaN margins
				}
				f, err := New(src, opts)
				if err != nil {
					t.Fatal(err)
				}
				if !hoistBoxTaken(f, len(sh.shape)) {
					t.Fatalf("%s over %v: path %s", src, sh.fp.Shape, f.Path(len(sh.shape), Float64))
				}
				opts.General = true
				g, err := New(src, opts)
				if err != nil {
					t.Fatal(err)
				}
				// NaN among the values (the folds' NaN masks); none (the
				// folds without them); one NaN at the last pixel of a line
				// only (the margins: wrap takes it into the first pixels)
				for _, nans := range []string{"some", "none", "last"} {
					in, _ := Zeros(Float64, sh.shape...)
					data := in.Data.([]float64)
					for i := range data {
						data[i] = math.Round(r.NormFloat64()*16) / 8
						if r.IntN(12) == 0 {
							data[i] = special[r.IntN(len(special))]
						}
						if nans != "some" && data[i] != data[i] {
							data[i] = math.Copysign(0, -1)
						}
					}
					if nans == "last" {
						L := sh.shape[len(sh.shape)-1]
						data[L*r.IntN(len(data)/L)+L-1] = math.NaN()
					}
					got, err := f.Apply(context.Background(), in)
					if err != nil {
						t.Fatal(err)
					}
					want, err := g.Apply(context.Background(), in)
					if err != nil {
						t.Fatal(err)
					}
					if !sameArrays(got, want) {
						gd, wd := got.Data.([]float64), want.Data.([]float64)
						for i := range gd {
							if math.Float64bits(gd[i]) != math.Float64bits(wd[i]) && !(gd[i] != gd[i] && wd[i] != wd[i]) {
								t.Fatalf("%s over %v, %v, mode %v, NaN %s: [%d] %v, general %v", src, sh.fp.Shape, sh.shape, m, nans, i, gd[i], wd[i])
							}
						}
					}
				}
			}
		}
	}
}

// TestHoistBoxDeclines: kernels that read values otherwise, footprints
// that are no box, and input that is not float64 do not take hoistBoxAlg.
func TestHoistBoxDeclines(t *testing.T) {
	for _, tt := range []struct {
		src string
		fp  Footprint
		dt  DType
	}{
		{"max(values) - median(values)", Box(3, 3), Float64},
		{"max(values) - values[0]", Box(3, 3), Float64},
		{"max(values) - min(abs(values))", Box(3, 3), Float64},
		{"max(values) - sum(values)", Box(3, 3), Float64},
		{contrastKernel5, Cross(2), Float64},
		{contrastKernel5, Disk(2), Float64},
		{contrastKernel5, Box(5, 5), Float32},
		{contrastKernel5, Box(5, 5), Uint8},
	} {
		f, err := New(tt.src, Options{Footprint: tt.fp})
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, tt.dt); p.Kind == HoistedPath && strings.Contains(p.Reason, hoistBoxMark) {
			t.Errorf("%s over %v (%v): %s", tt.src, tt.fp.Shape, tt.dt, p)
		}
	}
}

func TestHoistBoxAllocsPerLine(t *testing.T) {
	f, err := New(contrastKernel5, Options{Footprint: Box(5, 5), Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !hoistBoxTaken(f, 2) {
		t.Fatalf("path %s", f.Path(2, Float64))
	}
	allocs := func(rows int) float64 {
		in, _ := Zeros(Float64, rows, 600)
		out, _ := Zeros(Float64, rows, 600)
		return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
	}
	if small, large := allocs(64), allocs(1024); large > small+16 {
		t.Errorf("%v allocations for 1024 lines, %v for 64", large, small)
	}
}
