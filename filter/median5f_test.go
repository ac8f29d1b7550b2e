package filter

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// TestMedian5F compares the float 5x5 median two lines a pass
// (median5FAlg) with the lane program, bit for bit, on random shapes
// (ranks 1 to 3, arrays of 1 to 4 lines, short lines, lines past a
// block), every mode, cvals (-0 and infinities among them; a NaN cval
// takes another path), origins, axes, threads 1 to 3, with NaN (lines
// that take the lane program), both zeros, ties and infinities in the
// data; into the input's type (written in place), the other float type,
// int32, and hoisted into a larger kernel; with the AVX-512 kernels and
// with the AVX2 ones.
func TestMedian5F(t *testing.T) {
	if !vec.AVX2 {
		t.Skip("no vector kernels: the typed rank path takes the float 5x5 median")
	}
	saved := vec.AVX512
	defer func() { vec.AVX512 = saved }()
	r := rand.New(rand.NewPCG(95, 96))
	kernels := []struct {
		src  string
		kind PathKind
	}{
		{"median(values)", Median5Path},
		{"median(values) - min(values)", HoistedPath},
	}
	for trial := 0; trial < 400; trial++ {
		vec.AVX512 = trial%3 != 2 && saved
		rank := 1 + r.IntN(3)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(4)
		}
		shape[rank-1] = 1 + r.IntN(70)
		if trial%10 == 0 {
			shape[rank-1] = 500 + r.IntN(700) // lines of one to three blocks
		}
		if rank > 1 && trial%4 == 3 {
			shape[rank-2] = 5 + r.IntN(20) // pairs
		}
		dt := []DType{Float32, Float64}[trial%2]
		in := randomF32(t, r, []float64{0, 0.005, 0.3}[trial%3], shape...)
		if trial%5 == 2 { // a NaN at one end of a line: only the mode's extension may read it
			d, L := in.Data.([]float32), shape[rank-1]
			line := r.IntN(len(d) / L)
			d[line*L+[]int{0, L - 1}[r.IntN(2)]] = float32(math.NaN())
		}
		if trial%4 == 1 { // many ties
			for i, x := range in.Data.([]float32) {
				in.Data.([]float32)[i] = float32(math.Round(float64(x) / 2))
			}
		}
		if dt == Float64 {
			in, _ = Convert(in, Float64)
		}
		cval := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(-1), 1.5, -2}[r.IntN(6)]
		opts := Options{Footprint: Box(5, 5), Mode: Mode(trial % 8), Cval: cval, Threads: 1 + r.IntN(3),
			Origin: []int{r.IntN(5) - 2, r.IntN(5) - 2}}
		if rank == 1 {
			opts.Footprint, opts.Origin = Box(25), []int{r.IntN(5) - 2}
		}
		lastAxis := true // the box has runs along the line
		if rank == 3 {
			opts.Axes = [][]int{{1, 2}, {0, 2}, {0, 1}}[r.IntN(3)]
			lastAxis = opts.Axes[1] == 2
		}
		k := kernels[r.IntN(len(kernels))]
		opts.Output = []DType{0, Float64, Float32, Int32}[r.IntN(4)]
		what := fmt.Sprintf("%s on %v %v (%+v, AVX512 %v)", k.src, dt, shape, opts, vec.AVX512)
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		p := fast.Path(rank, dt)
		nanCval := cval != cval && (opts.Mode == Constant || opts.Mode == GridConstant)
		mine := strings.Contains(p.Reason, "5x5 median of "+dt.String())
		if want := rank > 1 && lastAxis && !nanCval; mine != want || want && k.kind == Median5Path && p.Kind != Median5Path {
			t.Fatalf("%s: %v: %s; want the 5x5 path %v", what, p.Kind, p, want)
		}
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		opts.General = true
		general, _ := New(k.src, opts)
		b, err := general.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		sameResult(t, what, a, b)
	}
}

// TestMedian5FPairs: the float 5x5 median takes two output lines a pass
// inside a worker's block of lines (written ahead in place, or kept for
// output of another type), a last unpaired line of an odd block by
// itself, none across planes, none where the footprint lies across
// another axis, none that would read a NaN line; the results are the lane
// program's bit for bit whichever way each line went.
func TestMedian5FPairs(t *testing.T) {
	if !vec.AVX2 {
		t.Skip("no vector kernels: the typed rank path takes the float 5x5 median")
	}
	r := rand.New(rand.NewPCG(145, 146))
	for _, c := range []struct {
		shape   []int
		axes    []int
		threads int
		nan     bool
		other   bool // output of the other float type
		pairs   int  // lines written ahead, over all workers
	}{
		{[]int{64, 40}, nil, 1, false, false, 32},          // blocks of 8 lines: 4 pairs each
		{[]int{64, 40}, nil, 3, false, false, 32},          // blocks of 2 (64/24): 1 pair each
		{[]int{72, 40}, nil, 1, false, false, 32},          // blocks of 9: 4 pairs, the last line alone
		{[]int{7, 40}, nil, 1, false, false, 0},            // blocks of 1 line
		{[]int{2, 9, 40}, []int{1, 2}, 1, false, false, 8}, // blocks of 2: one pair each, but the block across the planes
		{[]int{2, 16, 40}, []int{0, 2}, 1, false, false, 0},
		{[]int{64, 40}, nil, 1, false, true, 32}, // output of the other float type: kept, then widened
		{[]int{64, 5}, nil, 1, false, false, 32}, // lines shorter than a vector: the portable loop
		{[]int{64, 40}, nil, 1, true, false, 29}, // a NaN in line 41: lines 39 to 43 by the lane program, 38 alone (its partner's fifth line)
	} {
		for _, dt := range []DType{Float32, Float64} {
			in := randomF32(t, r, 0, c.shape...)
			if c.nan {
				in.Data.([]float32)[41*40+7] = float32(math.NaN())
			}
			if dt == Float64 {
				in, _ = Convert(in, Float64)
			}
			out := DType(0)
			if c.other {
				out = map[DType]DType{Float32: Float64, Float64: Float32}[dt]
			}
			opts := Options{Footprint: Box(5, 5), Mode: Mirror, Threads: c.threads, Output: out, Axes: c.axes}
			what := fmt.Sprintf("%v %v (%+v)", dt, c.shape, opts)
			fast, err := New("median(values)", opts)
			if err != nil {
				t.Fatal(err)
			}
			if p := fast.Path(len(c.shape), dt); p.Kind != Median5Path {
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
				case *median5FWorker[float32]:
					pairs += mw.pairs
				case *median5FWorker[float64]:
					pairs += mw.pairs
				default:
					t.Fatalf("%s: a %T", what, w.alg)
				}
			}
			if pairs != c.pairs {
				t.Errorf("%s: %d lines written ahead, want %d", what, pairs, c.pairs)
			}
		}
	}
}

// TestMedian5FPath: the float 5x5 median takes its path (its reason says
// so); a transform, a NaN cval, a cval that is no float32 for float32
// input, another rank or another box does not.
func TestMedian5FPath(t *testing.T) {
	if !vec.AVX2 {
		t.Skip("no vector kernels: the typed rank path takes the float 5x5 median")
	}
	for _, c := range []struct {
		src  string
		fp   Footprint
		dt   DType
		cval float64
		want bool
	}{
		{"median(values)", Box(5, 5), Float32, 0, true},
		{"median(values)", Box(5, 5), Float64, 0.1, true},
		{"median(values)", Box(5, 5), Float32, math.NaN(), false},
		{"median(values)", Box(5, 5), Float64, math.NaN(), false},
		{"median(values)", Box(5, 5), Float32, 0.1, false},
		{"median(abs(values))", Box(5, 5), Float32, 0, false},
		{"percentile(values, 40)", Box(5, 5), Float32, 0, false},
		{"median(values)", Box(5, 5), Int16, 0, false},
		{"median(values)", Box(3, 5), Float32, 0, false},
		{"median(values)", Disk(2), Float64, 0, false},
	} {
		f, err := New(c.src, Options{Footprint: c.fp, Mode: Constant, Cval: c.cval})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(2, c.dt)
		got := p.Kind == Median5Path && strings.Contains(p.Reason, "5x5 median of "+c.dt.String())
		if got != c.want {
			t.Errorf("%s over %v (%v), cval %v: %s; want the 5x5 path %v", c.src, c.fp.Shape, c.dt, c.cval, p, c.want)
		}
	}
}

// TestAllocsPerLineMedian5F is TestAllocsPerLine for the float 5x5
// median.
func TestAllocsPerLineMedian5F(t *testing.T) {
	for _, dt := range []DType{Float32, Float64} {
		for _, out := range []DType{Float32, Float64} {
			f, err := New("median(values)", Options{Footprint: Box(5, 5), Threads: 1})
			if err != nil {
				t.Fatal(err)
			}
			allocs := func(rows int) float64 {
				in, _ := Zeros(dt, rows, 256)
				o, _ := Zeros(out, rows, 256)
				return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), o, in) })
			}
			if small, large := allocs(128), allocs(1024); large > small+16 {
				t.Errorf("%v 5x5 median into %v: %v allocations for 1024 lines, %v for 128", dt, out, large, small)
			}
		}
	}
}

// BenchmarkMedian5F: the 5x5 median of a 2048x2048 float32 and float64
// image, one thread, into the input's type (the f32-median-5x5 row).
func BenchmarkMedian5F(b *testing.B) {
	for _, dt := range []DType{Float32, Float64} {
		b.Run(dt.String(), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			in := randomF32(b, r, 0, 2048, 2048)
			if dt == Float64 {
				in, _ = Convert(in, Float64)
			}
			out, _ := Zeros(dt, 2048, 2048)
			f, err := New("median(values)", Options{Footprint: Box(5, 5), Mode: Mirror, Threads: 1})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(2 * dt.Size() * 2048 * 2048))
			for b.Loop() {
				if err := f.ApplyTo(context.Background(), out, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMedian5FSpacedRows: a footprint of five rows of five two lines
// apart is a 5x5 box on its own lines: the path takes it, one line a
// pass (the next line's input lines are not this one's shifted by one),
// and gives the lane program's results.
func TestMedian5FSpacedRows(t *testing.T) {
	if !vec.AVX2 {
		t.Skip("no vector kernels: the typed rank path takes the float 5x5 median")
	}
	mask := make([]bool, 9*5)
	for r := 0; r < 9; r += 2 {
		for c := range 5 {
			mask[r*5+c] = true
		}
	}
	r := rand.New(rand.NewPCG(147, 148))
	for _, dt := range []DType{Float32, Float64} {
		in := randomF32(t, r, 0.01, 30, 45)
		if dt == Float64 {
			in, _ = Convert(in, Float64)
		}
		opts := Options{Footprint: Footprint{Shape: []int{9, 5}, Mask: mask}, Mode: Reflect, Threads: 1}
		fast, err := New("median(values)", opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(2, dt); p.Kind != Median5Path {
			t.Fatalf("%v: %v: %s", dt, p.Kind, p)
		}
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		opts.General = true
		general, _ := New("median(values)", opts)
		b, _ := general.Apply(context.Background(), in)
		sameResult(t, "spaced rows on "+dt.String(), a, b)
		pairs := 0
		for _, w := range fast.plans.get([]int{30, 45}, dt).idle {
			switch mw := w.alg.(type) {
			case *median5FWorker[float32]:
				pairs += mw.pairs
			case *median5FWorker[float64]:
				pairs += mw.pairs
			}
		}
		if pairs != 0 {
			t.Errorf("%v: %d lines written ahead, want none", dt, pairs)
		}
	}
}
