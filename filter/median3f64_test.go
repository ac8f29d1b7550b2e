package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMedian3F64 compares the 3x3 median of float64 input read in place
// with the lane program, bit for bit, on random shapes (ranks 2 and 3,
// lines of one to three blocks), every mode, cvals (-0 and infinities
// among them), origins, with NaN (lines that take the lane program, a NaN
// at a line's end that only the mode's extension reads), both zeros, ties
// and infinities in the data; into float64, float32 and int16 output,
// one and three threads, and hoisted into a larger kernel.
func TestMedian3F64(t *testing.T) {
	r := rand.New(rand.NewPCG(93, 94))
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
		in32 := randomF32(t, r, []float64{0, 0.005, 0.3}[trial%3], shape...)
		in, _ := Convert(in32, Float64)
		d, L := in.Data.([]float64), shape[rank-1]
		if trial%5 == 2 { // a NaN at one end of a line: only the mode's extension may read it
			line := r.IntN(len(d) / L)
			d[line*L+[]int{0, L - 1}[r.IntN(2)]] = math.NaN()
		}
		if trial%4 == 1 { // many ties
			for i, x := range d {
				d[i] = math.Round(x)
			}
		}
		opts := Options{Footprint: Box(3, 3), Mode: Mode(trial % 8),
			Cval:    []float64{0, math.Copysign(0, -1), math.Inf(-1), 1.5, -2, 0.1}[r.IntN(6)],
			Origin:  []int{r.IntN(3) - 1, r.IntN(3) - 1},
			Threads: []int{1, 3}[r.IntN(2)]}
		if rank == 3 {
			opts.Axes = [][]int{{1, 2}, {0, 2}}[r.IntN(2)]
		}
		k := kernels[r.IntN(len(kernels))]
		opts.Output = []DType{0, Float32, Int16}[r.IntN(3)]
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(rank, Float64); p.Kind != k.kind {
			t.Fatalf("%s (%+v): %v: %s", k.src, opts, p.Kind, p)
		} else if k.kind == Median3Path && !strings.Contains(p.Reason, "float64 read straight from the input lines") {
			t.Fatalf("%s (%+v): %s, want the in-place float64 path", k.src, opts, p)
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
		sameResult(t, k.src+" on float64", a, b)
	}
}

// TestMedian3F64Path: the float64 3x3 median takes the in-place path; a
// transform, a NaN cval or another input type takes median3Alg's.
func TestMedian3F64Path(t *testing.T) {
	for _, c := range []struct {
		src  string
		cval float64
		in   DType
		want bool
	}{
		{"median(values)", 0, Float64, true},
		{"median(values)", 0.1, Float64, true},
		{"median(values)", math.NaN(), Float64, false},
		{"median(abs(values))", 0, Float64, false},
		{"median(values)", 0, Int32, false},
	} {
		f, err := New(c.src, Options{Footprint: Box(3, 3), Mode: Constant, Cval: c.cval})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(2, c.in)
		if p.Kind != Median3Path {
			t.Fatalf("%s, cval %v, %v input: %s", c.src, c.cval, c.in, p)
		}
		if got := strings.Contains(p.Reason, "float64 read straight from the input lines"); got != c.want {
			t.Errorf("%s, cval %v, %v input: %s; want the in-place float64 path %v", c.src, c.cval, c.in, p, c.want)
		}
	}
}

// TestAllocsPerLineMedian3F64 is TestAllocsPerLine for the float64 3x3
// median read in place.
func TestAllocsPerLineMedian3F64(t *testing.T) {
	f, err := New("median(values)", Options{Footprint: Box(3, 3), Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	allocs := func(rows int) float64 {
		in, _ := Zeros(Float64, rows, 256)
		o, _ := Zeros(Float64, rows, 256)
		return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), o, in) })
	}
	if small, large := allocs(128), allocs(1024); large > small+16 {
		t.Errorf("%v allocations for 1024 lines, %v for 128", large, small)
	}
}

// BenchmarkMedian3F64: the 3x3 median of a 1024x1024 float64 image, one
// thread, reflect (handc's net-median-3x3 row).
func BenchmarkMedian3F64(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	in32 := randomF32(b, r, 0, 1024, 1024)
	in, _ := Convert(in32, Float64)
	out, _ := Zeros(Float64, 1024, 1024)
	f, err := New("median(values)", Options{Footprint: Box(3, 3), Threads: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * 8 * 1024 * 1024)
	for b.Loop() {
		if err := f.ApplyTo(context.Background(), out, in); err != nil {
			b.Fatal(err)
		}
	}
}
