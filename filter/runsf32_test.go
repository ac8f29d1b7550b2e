package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// f32Footprint returns a random footprint of rank fr with more than 15
// elements (past the float32 direct path): boxes with runs past 8 (the
// windows by doubling), balls, or random masks.
func f32Footprint(r *rand.Rand, fr int) Footprint {
	for {
		var fp Footprint
		switch r.IntN(4) {
		case 0:
			shape := make([]int, fr)
			for i := range shape {
				shape[i] = 1 + r.IntN(3)
			}
			shape[fr-1] = 9 + r.IntN(30)
			fp = Box(shape...)
		case 1:
			switch fr {
			case 3:
				fp = Ball(2)
			case 2:
				fp = Disk(2 + r.IntN(2))
			default:
				shape := make([]int, fr)
				for i := range shape {
					shape[i] = 1
				}
				shape[fr-1] = 16 + r.IntN(10)
				fp = Box(shape...)
			}
		default:
			shape := make([]int, fr)
			for i := range shape {
				shape[i] = 2 + r.IntN(5)
			}
			fp = Box(shape...)
			for i := range fp.Mask {
				fp.Mask[i] = r.IntN(4) > 0
			}
		}
		if fp.Count() > 15 {
			return fp
		}
	}
}

// TestRunsF32 compares min and max of float32 input over runs, in
// float32 from end to end, with the lane program, bit for bit, on random
// shapes (ranks 1 to 4, lines shorter and longer than a vector),
// footprints past 15 elements (3-D balls, runs past 8, random masks),
// every mode, cvals (NaN, -0 and infinities among them), origins, axes and
// thread counts, with NaN (of both signs), both zeros and both
// infinities in the data at several rates (clean lines, a few dirty
// ones, all dirty); into float32 output (written in place), float64 and
// int16 output, and hoisted into a larger kernel.
func TestRunsF32(t *testing.T) {
	r := rand.New(rand.NewPCG(91, 92))
	kernels := []struct {
		src  string
		kind PathKind
	}{
		{"min(values)", RunsF32Path},
		{"max(values)", RunsF32Path},
		{"max(values) - min(values)", HoistedPath},
	}
	for trial := 0; trial < 500; trial++ {
		rank := 1 + r.IntN(4)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(7)
		}
		shape[rank-1] += r.IntN(60)
		in := randomF32(t, r, []float64{0, 0.002, 0.05, 0.5}[trial%4], shape...)
		if trial%8 == 1 { // negative NaNs too
			for i, x := range in.Data.([]float32) {
				if x != x && r.IntN(2) == 0 {
					in.Data.([]float32)[i] = math.Float32frombits(0xffc00000)
				}
			}
		}
		opts := randomOptions(r, rank)
		opts.Params = nil
		opts.Footprint = f32Footprint(r, opts.Footprint.Rank())
		opts.Origin = nil
		if r.IntN(2) == 0 {
			opts.Origin = make([]int, opts.Footprint.Rank())
			for i, s := range opts.Footprint.Shape {
				opts.Origin[i] = -(s / 2) + r.IntN(s)
			}
		}
		opts.Mode = Mode(trial % 8)
		opts.Cval = []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(-1), math.Inf(1), 1.5, -2}[r.IntN(7)]
		opts.Threads = 1 + r.IntN(3)
		k := kernels[r.IntN(len(kernels))]
		opts.Output = []DType{0, Float64, Float32, Int16}[r.IntN(4)]
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		p := fast.Path(rank, Float32)
		if p.Kind != k.kind || !strings.Contains(p.Reason, "of float32 over") {
			t.Fatalf("%s over %v: %v: %s", k.src, opts.Footprint.Shape, p.Kind, p)
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
		sameResult(t, k.src+" over "+opts.Footprint.String(), a, b)
	}
}

// TestRunsF32Path: float32 min and max past 15 elements take the float32
// runs path; a sum, a transform, other dtypes, and a cval that is no
// float32 do not.
func TestRunsF32Path(t *testing.T) {
	for _, c := range []struct {
		src  string
		fp   Footprint
		dt   DType
		cval float64
		want PathKind
	}{
		{"min(values)", Ball(2), Float32, 0, RunsF32Path},
		{"max(values)", Box(5, 5), Float32, math.NaN(), RunsF32Path},
		{"min(values)", Cross(2), Float32, 0, DirectPath},
		{"min(values)", Ball(2), Float64, 0, RunsPath},
		{"sum(values)", Ball(2), Float32, 0, RunsPath},
		{"min(values * 2)", Ball(2), Float32, 0, RunsPath},
		{"min(values)", Ball(2), Float32, 0.1, RunsPath},
	} {
		f, err := New(c.src, Options{Footprint: c.fp, Mode: Constant, Cval: c.cval})
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(c.fp.Rank(), c.dt); p.Kind != c.want {
			t.Errorf("%s over %v (%v), cval %v: %s; want %v", c.src, c.fp.Shape, c.dt, c.cval, p, c.want)
		}
	}
}

// TestRunsF32Cache: a 3-D footprint over planes small enough keeps every
// line of the planes it spans (f32Slots), and results do not depend on
// it: the 5x5x5 ball over 40x40 planes with a worker keeping that many
// lines and one keeping only twice what an output line reads.
func TestRunsF32Cache(t *testing.T) {
	r := rand.New(rand.NewPCG(93, 94))
	in := randomF32(t, r, 0.001, 9, 40, 40)
	f, err := New("min(values)", Options{Footprint: Ball(2), Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.plan(in.Shape, Float32)
	if err != nil {
		t.Fatal(err)
	}
	if n, want := f32Slots(p, 2), 4*40+4+2*13+1; n < want {
		t.Fatalf("f32Slots: %d, want at least %d", n, want)
	}
	if n := f32Slots(&plan{shape: []int{9, 4000, 4000}, groups: p.groups, length: 4000, padL: 2, padR: 2}, 2); n != 2*13+1 {
		t.Fatalf("f32Slots on 4000x4000 planes: %d, want %d", n, 2*13+1)
	}
	general, _ := New("min(values)", Options{Footprint: Ball(2), General: true})
	want, _ := general.Apply(context.Background(), in)
	got, err := f.Apply(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, "ball over 40x40 planes", got, want)
}

// TestAllocsPerLineRunsF32 is TestAllocsPerLine for the float32 runs
// path: no allocation per line, in 2-D and in 3-D.
func TestAllocsPerLineRunsF32(t *testing.T) {
	for _, c := range []struct {
		fp    Footprint
		shape func(rows int) []int
	}{
		{Box(5, 5), func(rows int) []int { return []int{rows, 256} }},
		{Ball(2), func(rows int) []int { return []int{rows / 16, 16, 256} }},
	} {
		for _, out := range []DType{Float32, Float64} {
			f, err := New("min(values)", Options{Footprint: c.fp, Threads: 1})
			if err != nil {
				t.Fatal(err)
			}
			if p := f.Path(c.fp.Rank(), Float32); p.Kind != RunsF32Path {
				t.Fatalf("path %s", p)
			}
			allocs := func(rows int) float64 {
				in, _ := Zeros(Float32, c.shape(rows)...)
				o, _ := Zeros(out, c.shape(rows)...)
				return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), o, in) })
			}
			if small, large := allocs(128), allocs(1024); large > small+16 {
				t.Errorf("%v into %v: %v allocations for 1024 lines, %v for 128", c.fp.Shape, out, large, small)
			}
		}
	}
}

// BenchmarkRunsF32Ball2 is the 3d-min-ball2 row: min over the 5x5x5 ball
// of a 128^3 float32 volume, one thread.
func BenchmarkRunsF32Ball2(b *testing.B) {
	in := randomF32(b, rand.New(rand.NewPCG(1, 2)), 0, 128, 128, 128)
	f, err := New("min(values)", Options{Footprint: Ball(2), Threads: 1})
	if err != nil {
		b.Fatal(err)
	}
	out, _ := Zeros(Float32, 128, 128, 128)
	for b.Loop() {
		if err := f.ApplyTo(context.Background(), out, in); err != nil {
			b.Fatal(err)
		}
	}
}
