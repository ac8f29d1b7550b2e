package filter

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// TestMedian3Wide compares the float 3x3 medians (their one-pass kernels,
// the AVX-512 ones where the CPU has them) with the lane program, bit for
// bit, on line lengths around the kernels' thresholds (16 and 32 pixels
// a step, the last ones masked) and past them, 1 to 7 lines (odd
// counts, one and two) and 16 to 55 (blocks of lines a worker may take
// two a pass), every mode, cvals (NaN, -0 and the
// infinities among them), origins, one to three threads, a NaN anywhere
// (a line's interior, its ends, a line only the mode's extension reads)
// with both zeros, ties and infinities in the data; float32 and float64
// input, into float32 and float64 output (in place: two lines a pass,
// TestMedian3Pair), across lines and across planes.
func TestMedian3Wide(t *testing.T) {
	r := rand.New(rand.NewPCG(141, 142))
	lengths := []int{1, 2, 3, 16, 17, 18, 19, 31, 33, 34, 35, 36, 50, 66, 67, 98, 131}
	for trial := 0; trial < 800; trial++ {
		dt := []DType{Float32, Float64}[trial%2]
		H, L := 1+r.IntN(7), lengths[r.IntN(len(lengths))]
		if trial%3 != 0 {
			H = 16 + r.IntN(40) // blocks of two lines and more: pairs
		}
		shape := []int{H, L}
		if trial%5 == 3 {
			shape = []int{2, H, L}
		}
		in := randomF32(t, r, []float64{0, 0.01, 0.2}[r.IntN(3)], shape...)
		d := in.Data.([]float32)
		if trial%5 == 1 { // no NaN but one, anywhere
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
			// across the planes: the next line's input lines are not
			// this one's shifted, no pair
			opts.Axes = [][]int{{1, 2}, {0, 2}}[r.IntN(2)]
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

// TestMedian3Pair: the float 3x3 medians written in place take two
// output lines a pass with AVX-512 (median3F32Worker.pair and
// median3F64Worker.pair), each worker's pairs inside its block of lines,
// a last unpaired line of an odd block by itself, none across planes,
// none into output of another type or with a NaN among the four lines;
// the results are the lane program's bit for bit whichever way each line
// went.
func TestMedian3Pair(t *testing.T) {
	if !vec.AVX512 || !vec.AVX2 {
		t.Skip("no AVX-512 kernels run in this build or on this CPU")
	}
	r := rand.New(rand.NewPCG(143, 144))
	for _, c := range []struct {
		shape   []int
		out     DType
		axes    []int
		threads int
		nan     bool
		other   bool // output of the other float type
		pairs   int  // lines written ahead, over all workers
	}{
		{[]int{64, 40}, 0, nil, 1, false, false, 32},           // blocks of 8 lines: 4 pairs each
		{[]int{64, 40}, 0, nil, 3, false, false, 32},           // blocks of 2 (64/24): 1 pair each
		{[]int{72, 40}, 0, nil, 1, false, false, 32},           // blocks of 9: 4 pairs, the last line alone
		{[]int{7, 40}, 0, nil, 1, false, false, 0},             // blocks of 1 line
		{[]int{2, 9, 40}, 0, []int{1, 2}, 1, false, false, 8},  // blocks of 2: one pair each, but the block across the planes
		{[]int{2, 16, 40}, 0, []int{0, 2}, 1, false, false, 0}, // the footprint across the planes
		{[]int{64, 40}, 0, nil, 1, false, true, 0},             // output of the other float type
		{[]int{64, 9}, 0, nil, 1, false, false, 0},             // interiors of 7: no AVX-512 kernel
		{[]int{64, 12}, 0, nil, 1, false, false, -1},           // interiors of 10: float64's, not float32's
		{[]int{64, 40}, 0, nil, 1, true, false, 30},            // a NaN in line 40: the pairs that read it, not
	} {
		for _, dt := range []DType{Float32, Float64} {
			in := randomF32(t, r, 0, c.shape...)
			if c.nan {
				in.Data.([]float32)[40*40+7] = float32(math.NaN())
			}
			if dt == Float64 {
				in, _ = Convert(in, Float64)
			}
			out := c.out
			if c.other {
				out = map[DType]DType{Float32: Float64, Float64: Float32}[dt]
			}
			opts := Options{Footprint: Box(3, 3), Mode: Mirror, Threads: c.threads, Output: out, Axes: c.axes}
			what := fmt.Sprintf("%v %v (%+v)", dt, c.shape, opts)
			fast, err := New("median(values)", opts)
			if err != nil {
				t.Fatal(err)
			}
			if p := fast.Path(len(c.shape), dt); p.Kind != Median3Path {
				t.Fatalf("%s: %v: %s", what, p.Kind, p)
			}
			a, err := fast.Apply(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			opts.General = true
			general, _ := New("median(values)", opts)
			b, _ := general.Apply(context.Background(), in)
			sameResult(t, what, a, b)
			pl := fast.plans.get(c.shape, dt)
			pairs := 0
			for _, w := range pl.idle {
				switch mw := w.alg.(type) {
				case *median3F32Worker:
					pairs += mw.pairs
				case *median3F64Worker:
					pairs += mw.pairs
				default:
					t.Fatalf("%s: a %T", what, w.alg)
				}
			}
			want := c.pairs
			if want < 0 {
				want = map[DType]int{Float32: 0, Float64: 32}[dt]
			}
			if pairs != want {
				t.Errorf("%s: %d lines written ahead, want %d", what, pairs, want)
			}
		}
	}
}

// TestMedian3NoAVX512: TestMedian3Wide with the AVX-512 kernels off (the
// AVX2 ones, one line a pass, as on CPUs without AVX-512).
func TestMedian3NoAVX512(t *testing.T) {
	saved := vec.AVX512
	defer func() { vec.AVX512 = saved }()
	vec.AVX512 = false
	TestMedian3Wide(t)
}
