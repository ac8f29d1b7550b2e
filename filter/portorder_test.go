package filter

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// portableCases are paths chosen with the vector kernels (vec) and without
// them (port).
var portableCases = []struct {
	src       string
	fp        Footprint
	dtype     DType
	vec, port PathKind
	portWhy   string // in the portable path's reason, when not ""
}{
	{"median(values)", Box(5, 5), Uint8, IntMedianPath, HistogramPath, ""},
	{"median(values)", Box(7, 7), Uint8, IntMedianPath, HistogramPath, ""},
	{"median(values)", Box(9, 9), Uint8, CTMedianPath, HistogramPath, ""},
	{"median(values)", Box(15, 15), Uint8, CTMedianPath, CTMedianPath, ""},
	{"median(values)", Disk(3), Uint8, TypedRankPath, HistogramPath, ""},
	{"percentile(values, 25)", Box(5, 5), Uint8, TypedRankPath, HistogramPath, ""},
	{"median(values)", Box(3, 3), Uint8, IntMedianPath, Median3Path, ""},
	{"median(values)", Box(4, 4), Uint8, TypedRankPath, BoxPairsPath, ""},
	{"median(values)", Box(3, 5), Uint8, IntMedianPath, BoxPairsPath, ""},
	{"median(values)", Box(3, 3), Float64, Median3Path, Median3Path, "3x3 median: each column sorted once"},
	{"percentile(values, 25)", Box(3, 3), Uint8, IntMedianPath, IntMedianPath, ""},
	{"min(values)", Box(3, 3), Uint8, DirectPath, RunsPath, ""},
	{"max(values)", Box(5, 5), Uint8, IntRunsPath, RunsPath, ""},
	{"min(values)", Box(5, 5), Int16, IntRunsPath, IntRunsPath, ""},
	{"median(values)", Box(3, 3), Int16, IntMedianPath, IntMedianPath, ""},
	{"median(values)", Box(5, 5), Int16, TypedRankPath, BoxPairsPath, ""},
	{"median(values)", Box(7, 7), Uint16, TypedRankPath, TypedRankPath, ""},
	{"median(values)", Box(9, 9), Uint16, TypedRankPath, HistogramPath, ""},
	{"percentile(values, 25)", Disk(7), Int16, TypedRankPath, HistogramPath, ""},
	{"median(values)", Box(3, 3), Float32, Median3Path, Median3Path, ""},
	{"median(values)", Box(5, 5), Float32, Median5Path, BoxPairsPath, ""},
	{"median(values)", Box(5, 5), Float64, Median5Path, BoxPairsPath, ""},
	{"median(values)", Box(9, 9), Float64, TypedRankPath, TypedRankPath, ""},
	{"median(values)", Ball(2), Float32, TypedRankPath, TypedRankPath, ""},
	{"min(values)", Box(3, 3), Float32, DirectPath, RunsPath, ""},
	{"max(values)", Box(7, 7), Float32, RunsF32Path, RunsPath, ""},
	{"min(values)", Box(3, 3), Float64, DirectPath, DirectPath, ""},
	// a hoisted sub-expression is chosen in the same order
	{"center - median(values)", Box(5, 5), Uint8, HoistedPath, HoistedPath, "sliding 256-bin histogram"},
}

// TestPortableOrder pins the path chosen with the vector kernels (the
// default amd64 build) and without them (purego, other architectures),
// in both builds: vec.AVX2 is set each way for the choice alone, no
// kernel runs. The order without them is portableOrder's.
func TestPortableOrder(t *testing.T) {
	withPortableOrder(t)
	saved := vec.AVX2
	defer func() { vec.AVX2 = saved }()
	for _, tc := range portableCases {
		for _, kernels := range []bool{true, false} {
			vec.AVX2 = kernels
			f, err := New(tc.src, Options{Footprint: tc.fp})
			if err != nil {
				t.Fatal(err)
			}
			want, why := tc.vec, ""
			if !kernels {
				want, why = tc.port, tc.portWhy
			}
			p := f.Path(tc.fp.Rank(), tc.dtype)
			if p.Kind != want || !strings.Contains(p.Reason, why) {
				t.Errorf("%s over %v of %v, vector kernels %v: %v, want %v (%q)", tc.src, tc.fp, tc.dtype, kernels, p, want, why)
			}
		}
	}
}

// TestPortableOrderSameAsGeneral runs each portableCases filter by the
// path chosen without the vector kernels (asserting it) and by the lane
// program, on small arrays in every mode (floats with NaN, -0 and
// infinities, integers with their extremes and ties): the same result,
// bit for bit.
func TestPortableOrderSameAsGeneral(t *testing.T) {
	withPortableOrder(t)
	saved := vec.AVX2
	defer func() { vec.AVX2 = saved }()
	vec.AVX2 = false
	r := rand.New(rand.NewPCG(141, 142))
	for _, tc := range portableCases {
		for trial := 0; trial < 6; trial++ {
			shape := []int{1 + r.IntN(12), 1 + r.IntN(70)}
			if tc.fp.Rank() == 3 {
				shape = []int{1 + r.IntN(6), 1 + r.IntN(6), 1 + r.IntN(40)}
			}
			var in *Array
			switch tc.dtype {
			case Float32:
				in = randomF32(t, r, 0.05, shape...)
			case Float64:
				in = randomF64(t, r, 0.05, shape...)
			default:
				in, _, _ = randomInts(r, tc.dtype, shape)
			}
			opts := Options{Footprint: tc.fp, Mode: Mode(trial % 8)}
			fast, err := New(tc.src, opts)
			if err != nil {
				t.Fatal(err)
			}
			if p := fast.Path(len(shape), tc.dtype); p.Kind != tc.port {
				t.Fatalf("%s over %v of %v: %v, want %v", tc.src, tc.fp, tc.dtype, p, tc.port)
			}
			opts.General = true
			general, err := New(tc.src, opts)
			if err != nil {
				t.Fatal(err)
			}
			a, err := fast.Apply(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			b, err := general.Apply(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			sameResult(t, fmt.Sprintf("%s over %v of %v %v, mode %v", tc.src, tc.fp.Shape, tc.dtype, shape, opts.Mode), a, b)
		}
	}
}
