package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMedian3F32 compares the 3x3 median of float32 input in its own type
// with the lane program, bit for bit, on random shapes (ranks 2 and 3,
// lines past the eight-lane block), every mode, cvals (NaN, -0 and
// infinities among them), origins, with NaN (lines that take the lane
// program), both zeros, ties and infinities in the data; into float32
// output (written in place), float64 output, and hoisted into a larger
// kernel.
func TestMedian3F32(t *testing.T) {
	r := rand.New(rand.NewPCG(91, 92))
	kernels := []struct {
		src  string
		kind PathKind
	}{
		{"median(values)", Median3Path},
		{"median(values) - min(values)", HoistedPath},
	}
	for trial := 0; trial < 300; trial++ {
		rank := 2 + r.IntN(2)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(6)
		}
		shape[rank-1] += r.IntN(60)
		if trial%10 == 0 {
			shape[rank-1] = 500 + r.IntN(700) // lines of one to three blocks
		}
		in := randomF32(t, r, []float64{0, 0.005, 0.3}[trial%3], shape...)
		if trial%5 == 2 { // a NaN at one end of a line: only the mode's extension may read it
			d, L := in.Data.([]float32), shape[rank-1]
			line := r.IntN(len(d) / L)
			d[line*L+[]int{0, L - 1}[r.IntN(2)]] = float32(math.NaN())
		}
		if trial%4 == 1 { // many ties
			for i, x := range in.Data.([]float32) {
				in.Data.([]float32)[i] = float32(math.Round(float64(x)))
			}
		}
		opts := Options{Footprint: Box(3, 3), Mode: Mode(trial % 8),
			Cval:   []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(-1), 1.5, -2}[r.IntN(6)],
			Origin: []int{r.IntN(3) - 1, r.IntN(3) - 1}}
		if rank == 3 {
			opts.Axes = [][]int{{1, 2}, {0, 2}}[r.IntN(2)]
		}
		k := kernels[r.IntN(len(kernels))]
		opts.Output = []DType{0, Float64, Float32}[r.IntN(3)]
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(rank, Float32); p.Kind != k.kind {
			t.Fatalf("%s (%+v): %v: %s", k.src, opts, p.Kind, p)
		}
		opts.General = true
		general, _ := New(k.src, opts)
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		b, err := general.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		sameResult(t, k.src+" on float32", a, b)
	}
}

// TestMedian3F32Path: the float32 3x3 median takes the float32 path (its
// reason says so); a transform, a NaN cval, or a cval that is no float32,
// does not.
func TestMedian3F32Path(t *testing.T) {
	for _, c := range []struct {
		src  string
		cval float64
		want bool
	}{
		{"median(values)", 0, true},
		{"median(values)", math.NaN(), false}, // a NaN cval: the float64 path
		{"median(values)", 0.1, false},
		{"median(abs(values))", 0, false},
	} {
		f, err := New(c.src, Options{Footprint: Box(3, 3), Mode: Constant, Cval: c.cval})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(2, Float32)
		got := p.Kind == Median3Path && strings.Contains(p.Reason, "3x3 median of float32")
		if got != c.want {
			t.Errorf("%s, cval %v: %s; want the float32 path %v", c.src, c.cval, p, c.want)
		}
	}
}

// TestAllocsPerLineMedian3F32 is TestAllocsPerLine for the float32 3x3
// median.
func TestAllocsPerLineMedian3F32(t *testing.T) {
	for _, out := range []DType{Float32, Float64} {
		f, err := New("median(values)", Options{Footprint: Box(3, 3), Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		allocs := func(rows int) float64 {
			in, _ := Zeros(Float32, rows, 256)
			o, _ := Zeros(out, rows, 256)
			return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), o, in) })
		}
		if small, large := allocs(128), allocs(1024); large > small+16 {
			t.Errorf("float32 3x3 median into %v: %v allocations for 1024 lines, %v for 128", out, large, small)
		}
	}
}

// BenchmarkMedian3F32: the 3x3 median of a 2048x2048 float32 image, one
// thread, into float32 (the f32-median-3x3 row).
func BenchmarkMedian3F32(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	in := randomF32(b, r, 0, 2048, 2048)
	out, _ := Zeros(Float32, 2048, 2048)
	f, err := New("median(values)", Options{Footprint: Box(3, 3), Mode: Mirror, Threads: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * 4 * 2048 * 2048)
	for b.Loop() {
		if err := f.ApplyTo(context.Background(), out, in); err != nil {
			b.Fatal(err)
		}
	}
}
