package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// randomF32 returns float32 data of shape with NaN, both zeros and both
// infinities among normal values at rate special.
func randomF32(t testing.TB, r *rand.Rand, special float64, shape ...int) *Array {
	n := 1
	for _, s := range shape {
		n *= s
	}
	data := make([]float32, n)
	odd := []float32{float32(math.NaN()), 0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.Inf(-1))}
	for i := range data {
		data[i] = float32(r.NormFloat64())
		if r.Float64() < special {
			data[i] = odd[r.IntN(len(odd))]
		}
	}
	a, err := ArrayOf(data, shape...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// sameResult fails unless a and b are the same array, bit for bit (any
// NaN equal to any other).
func sameResult(t *testing.T, what string, a, b *Array) {
	t.Helper()
	if a.DType != b.DType {
		t.Fatalf("%s: output %v, general %v", what, a.DType, b.DType)
	}
	af, _ := Convert(a, Float64)
	bf, _ := Convert(b, Float64)
	for i, x := range af.Data.([]float64) {
		if y := bf.Data.([]float64)[i]; !sameBits(x, y) {
			t.Fatalf("%s: element %d: fast %v (%#x), general %v (%#x)", what, i, x, math.Float64bits(x), y, math.Float64bits(y))
		}
	}
}

// TestDirectF32 compares min and max of float32 input read straight in
// its own type with the lane program, bit for bit, on random shapes (ranks
// 1 to 3, lines past the eight-lane block), footprints of 1 to 15
// elements (cross and box among them, two fused passes past 8), modes,
// cvals (NaN, -0 and infinities among them), origins and axes, with NaN,
// both zeros and both infinities in the data; into float32 output
// (written in place), float64 output, and hoisted into a larger kernel.
func TestDirectF32(t *testing.T) {
	r := rand.New(rand.NewPCG(81, 82))
	kernels := []struct {
		src  string
		kind PathKind
	}{
		{"min(values)", DirectPath},
		{"max(values)", DirectPath},
		{"max(values) - min(values)", HoistedPath},
	}
	for trial := 0; trial < 400; trial++ {
		rank := 1 + r.IntN(3)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(6)
		}
		shape[rank-1] += r.IntN(90)
		in := randomF32(t, r, []float64{0, 0.01, 0.2}[trial%3], shape...)
		opts := randomOptions(r, rank)
		opts.Params = nil
		opts.Mode = Mode(trial % 8)
		opts.Cval = []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(-1), 1.5, -2}[r.IntN(6)]
		switch trial % 4 {
		case 0:
			opts.Footprint, opts.Origin, opts.Axes = Cross(rank), nil, nil
		case 1:
			fs := make([]int, opts.Footprint.Rank())
			for i := range fs {
				fs[i] = 1
			}
			fs[len(fs)-1] = 1 + r.IntN(15)
			if len(fs) > 1 && fs[len(fs)-1] <= 7 {
				fs[0] = 2
			}
			opts.Footprint, opts.Origin = Box(fs...), nil
		}
		if opts.Footprint.Count() > 15 {
			continue
		}
		k := kernels[r.IntN(len(kernels))]
		opts.Output = []DType{0, Float64, Float32}[r.IntN(3)]
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(rank, Float32); p.Kind != k.kind {
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
		sameResult(t, k.src+" on "+in.DType.String(), a, b)
	}
}

// TestDirectF32Path: float32 min and max of up to 15 elements take the
// direct path; 16 elements, a sum, or a cval that is no float32 do not.
func TestDirectF32Path(t *testing.T) {
	for _, c := range []struct {
		src  string
		fp   Footprint
		cval float64
		want bool
	}{
		{"min(values)", Cross(2), 0, true},
		{"max(values)", Box(3, 5), math.NaN(), true},
		{"min(values)", Box(4, 4), 0, false},
		{"sum(values)", Cross(2), 0, false},
		{"min(values)", Cross(2), 0.1, false},
	} {
		f, err := New(c.src, Options{Footprint: c.fp, Mode: Constant, Cval: c.cval})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(2, Float32)
		if got := p.Kind == DirectPath; got != c.want {
			t.Errorf("%s over %v, cval %v: %s; want direct %v", c.src, c.fp.Shape, c.cval, p, c.want)
		}
	}
}

// TestAllocsPerLineF32 is TestAllocsPerLine for the float32 direct path.
func TestAllocsPerLineF32(t *testing.T) {
	for _, out := range []DType{Float32, Float64} {
		f, err := New("min(values)", Options{Footprint: Cross(2), Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, Float32); p.Kind != DirectPath {
			t.Fatalf("%s", p)
		}
		allocs := func(rows int) float64 {
			in, _ := Zeros(Float32, rows, 256)
			o, _ := Zeros(out, rows, 256)
			return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), o, in) })
		}
		if small, large := allocs(128), allocs(1024); large > small+16 {
			t.Errorf("float32 min over a cross into %v: %v allocations for 1024 lines, %v for 128", out, large, small)
		}
	}
}

// BenchmarkDirectF32: min over a cross of a 2048x2048 float32 image, one
// thread, into float32 (the f32-erode-cross row).
func BenchmarkDirectF32(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	in := randomF32(b, r, 0, 2048, 2048)
	out, _ := Zeros(Float32, 2048, 2048)
	f, err := New("min(values)", Options{Footprint: Cross(2), Mode: Mirror, Threads: 1})
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

// BenchmarkDirectF64Cross: the float64 twin, min over a cross, one thread
// (the memory-speed row).
func BenchmarkDirectF64Cross(b *testing.B) {
	in, _ := Zeros(Float64, 2048, 2048)
	out, _ := Zeros(Float64, 2048, 2048)
	f, err := New("min(values)", Options{Footprint: Cross(2), Threads: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * 8 * 2048 * 2048)
	for b.Loop() {
		if err := f.ApplyTo(context.Background(), out, in); err != nil {
			b.Fatal(err)
		}
	}
}
