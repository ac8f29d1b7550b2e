package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

const generalDirectMark = "the interior of each line read straight from the float64 input"

// TestGeneralDirect: the general path reading float64 lines straight from
// the input (the ends through small buffers extended by the mode) gives
// the cached line buffers' results bit for bit, NaN, ±Inf and -0
// included: every mode, footprints with holes and shifts, lines shorter
// than the footprint (which take the buffers), longer than a chunk, 1-D
// and 3-D input, footprints over some axes, views.
func TestGeneralDirect(t *testing.T) {
	r := rand.New(rand.NewPCG(53, 54))
	kernels := []string{
		"sum(abs(values - center))",
		"let m = mean(values); let v = mean((values - m) ** 2); m + (center - m) * max(v - 0.01, 0) / (v + 1e-12)",
		"let g = exp(-((values - center) ** 2) / 0.02); sum(g * values) / sum(g)",
		"abs(center - median(values)) > 3 * std(values) ? median(values) : center",
		"mean(filter(values, # > c)) + values[1]",
	}
	cases := []struct {
		fp    Footprint
		shape []int
		orig  []int
		axes  []int
	}{
		{Box(3, 3), []int{6, 17}, nil, nil},
		{Cross(2), []int{5, 9}, nil, nil},
		{Disk(2), []int{7, 4100}, nil, nil}, // two chunks of the interior
		{Box(5, 5), []int{4, 4}, nil, nil},  // shorter than the footprint: the buffers
		{Box(5, 5), []int{4, 5}, nil, nil},  // one interior pixel
		{Box(3, 4), []int{6, 11}, []int{1, -1}, nil},
		{Box(2, 3), []int{5, 8}, []int{0, 1}, nil},
		{Box(7), []int{30}, nil, nil},
		{Box(3, 3, 3), []int{3, 4, 13}, nil, nil},
		{Box(3, 3), []int{3, 4, 12}, nil, []int{0, 2}},
	}
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0}
	defer func() { generalDirect = true }()
	for _, src := range kernels {
		for ci, tc := range cases {
			for _, mode := range []Mode{Mode(ci % 5), Constant} {
				opts := Options{Footprint: tc.fp, Mode: mode, Cval: 0.75, Origin: tc.orig, Axes: tc.axes, General: true,
					Params: map[string]Param{"c": Number(0.1)}}
				big, _ := Zeros(Float64, append([]int{tc.shape[0] + 2}, tc.shape[1:]...)...)
				data := big.Data.([]float64)
				for i := range data {
					data[i] = math.Round(r.NormFloat64()*64) / 64
					if r.IntN(15) == 0 {
						data[i] = special[r.IntN(len(special))]
					}
				}
				start := make([]int, len(tc.shape))
				start[0] = 1
				in, err := SubView(big, start, tc.shape)
				if err != nil {
					t.Fatal(err)
				}
				var out [2]*Array
				for i, direct := range []bool{false, true} {
					generalDirect = direct
					f, err := New(src, opts)
					if err != nil {
						t.Fatal(err)
					}
					if p := f.Path(len(tc.shape), Float64); p.Kind != GeneralPath || strings.Contains(p.Reason, generalDirectMark) != direct {
						t.Fatalf("%s: direct %v, path %s", src, direct, p)
					}
					if out[i], err = f.Apply(context.Background(), in); err != nil {
						t.Fatal(err)
					}
				}
				if !sameArrays(out[0], out[1]) {
					a, b := out[0].Data.([]float64), out[1].Data.([]float64)
					for i := range a {
						if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
							t.Fatalf("%s over %v, %v, mode %v: [%d] straight %v, buffered %v", src, tc.fp.Shape, tc.shape, mode, i, b[i], a[i])
						}
					}
				}
			}
		}
	}
}

func TestGeneralDirectAllocsPerLine(t *testing.T) {
	f, err := New("sum(abs(values - center))", Options{Footprint: Box(3, 3), Threads: 1, General: true})
	if err != nil {
		t.Fatal(err)
	}
	if p := f.Path(2, Float64); !strings.Contains(p.Reason, generalDirectMark) {
		t.Fatalf("path %s", p)
	}
	allocs := func(rows int) float64 {
		in, _ := Zeros(Float64, rows, 300)
		out, _ := Zeros(Float64, rows, 300)
		return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
	}
	if small, large := allocs(64), allocs(1024); large > small+16 {
		t.Errorf("%v allocations for 1024 lines, %v for 64", large, small)
	}
}
