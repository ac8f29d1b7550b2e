package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIntSum compares sums, means and counts of integers in integer lanes
// with the lane program, element for element: on 8- and 16-bit input
// (extreme values among them), random shapes (ranks 1 to 3), footprints
// (boxes with long runs, masks), every mode, cvals of the type and not
// (a cval outside the type, or not whole, must not take the path),
// origins, axes, 1 to 3 threads; into the input's type (the table of
// casts), float64, int16 and uint8 output; counts of a comparison on any
// input type; and hoisted into a larger kernel.
func TestIntSum(t *testing.T) {
	r := rand.New(rand.NewPCG(141, 142))
	kernels := []struct {
		src  string
		kind PathKind
		pre  bool // a bool transform: any input dtype
	}{
		{"sum(values)", IntSumPath, false},
		{"mean(values)", IntSumPath, false},
		{"count(values, # > 3)", IntSumPath, true},
		{"sum(values > c)", IntSumPath, true},
		{"mean(values != 0)", IntSumPath, true},
		{"center - mean(values)", HoistedPath, false},
	}
	bounds := map[DType][2]float64{Uint8: {0, 255}, Int8: {-128, 127}, Uint16: {0, 65535}, Int16: {-32768, 32767},
		Int32: {-1 << 31, 1<<31 - 1}, Float64: {-10, 10}, Float32: {-10, 10}}
	seen := map[PathKind]int{}
	for trial := 0; trial < 500; trial++ {
		k := kernels[r.IntN(len(kernels))]
		rank := 1 + r.IntN(3)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(6)
		}
		shape[rank-1] += r.IntN(90)
		n := 1
		for _, s := range shape {
			n *= s
		}
		dtypes := []DType{Uint8, Int8, Uint16, Int16}
		if k.pre {
			dtypes = append(dtypes, Int32, Float64, Float32)
		}
		dtype := dtypes[r.IntN(len(dtypes))]
		lo, hi := bounds[dtype][0], bounds[dtype][1]
		data := make([]float64, n)
		for i := range data {
			data[i] = lo + float64(r.Int64N(int64(hi-lo)+1))
			if r.IntN(4) == 0 {
				data[i] = []float64{lo, hi, 0, 1}[r.IntN(4)]
			}
		}
		f64, err := ArrayOf(data, shape...)
		if err != nil {
			t.Fatal(err)
		}
		in, err := Convert(f64, dtype)
		if err != nil {
			t.Fatal(err)
		}
		opts := randomOptions(r, rank)
		opts.Mode = Mode(trial % 8)
		opts.Threads = 1 + r.IntN(3)
		opts.Cval = []float64{lo, hi, lo + float64(r.Int64N(int64(hi-lo)+1)), 0.5, hi + 1, math.Copysign(0, -1)}[r.IntN(6)]
		if trial%4 == 0 {
			fs := make([]int, opts.Footprint.Rank())
			for i := range fs {
				fs[i] = 1 + r.IntN(3)
			}
			fs[len(fs)-1] = 2 + r.IntN(70)
			opts.Footprint, opts.Origin = Box(fs...), nil
		}
		opts.Output = []DType{0, 0, Float64, Int16, Uint8}[r.IntN(5)]
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		want := k.kind
		pl, err := fast.cachedPlan(shape, dtype)
		if err != nil {
			t.Fatal(err)
		}
		negZero := math.Signbit(opts.Cval) && (opts.Mode == Constant || opts.Mode == GridConstant) && !readsOwnPixel(pl)
		if !k.pre && (negZero || !cvalIs(&plan{mode: opts.Mode, cval: opts.Cval}, dtype)) {
			want = RunsPath // a cval outside the type: float64 lines
			if k.kind == HoistedPath {
				want = HoistedPath
			}
		}
		p := fast.Path(rank, dtype)
		if p.Kind != want {
			t.Fatalf("%s over %v %v, mode %v cval %v: %v: %s", k.src, dtype, opts.Footprint.Shape, opts.Mode, opts.Cval, p.Kind, p)
		}
		seen[p.Kind]++
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
		if a.DType != b.DType {
			t.Fatalf("%s: output %v, general %v", k.src, a.DType, b.DType)
		}
		af, _ := Convert(a, Float64)
		bf, _ := Convert(b, Float64)
		for i, x := range af.Data.([]float64) {
			if y := bf.Data.([]float64)[i]; x != y {
				t.Fatalf("%s on %v %v, footprint %v %v, mode %v, cval %v, output %v: element %d: fast %v, general %v",
					k.src, dtype, shape, opts.Footprint.Shape, opts.Footprint.Mask, opts.Mode, opts.Cval, a.DType, i, x, y)
			}
		}
	}
	if seen[IntSumPath] < 200 {
		t.Errorf("paths taken: %v", seen)
	}
}

// TestAllocsPerLineIntSum checks that the integer sums allocate nothing
// per line.
func TestAllocsPerLineIntSum(t *testing.T) {
	for _, k := range []struct {
		src string
		fp  Footprint
		dt  DType
	}{
		{"mean(values)", Box(5, 5), Uint8},
		{"sum(values)", Box(15, 15), Uint16},
		{"count(values, # > 128)", Box(5, 5), Uint8},
		{"mean(values)", Disk(3), Int16},
	} {
		f, err := New(k.src, Options{Footprint: k.fp, Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, k.dt); p.Kind != IntSumPath {
			t.Fatalf("%s over %v: %v", k.src, k.dt, p)
		}
		allocs := func(rows int) float64 {
			in, _ := Zeros(k.dt, rows, 256)
			out, _ := Zeros(k.dt, rows, 256)
			return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
		}
		if small, large := allocs(128), allocs(1024); large > small+16 {
			t.Errorf("%s (%v): %v allocations for 1024 lines, %v for 128", k.src, k.dt, large, small)
		}
	}
}

// BenchmarkIntSum is the uint8 5x5 mean, uint16 15x15 sum and uint8 5x5
// count on a 1024x1024 image, one thread.
func BenchmarkIntSum(b *testing.B) {
	for _, k := range []struct {
		name, src string
		fp        Footprint
		dt        DType
	}{
		{"mean5x5u8", "mean(values)", Box(5, 5), Uint8},
		{"sum15x15u16", "sum(values)", Box(15, 15), Uint16},
		{"count5x5u8", "count(values, # > 128)", Box(5, 5), Uint8},
	} {
		b.Run(k.name, func(b *testing.B) {
			f, err := New(k.src, Options{Footprint: k.fp, Threads: 1, Mode: Reflect})
			if err != nil {
				b.Fatal(err)
			}
			in, _ := Zeros(k.dt, 1024, 1024)
			fill(in, rand.New(rand.NewPCG(1, 2)))
			out, _ := Zeros(k.dt, 1024, 1024)
			b.ResetTimer()
			for b.Loop() {
				if err := f.ApplyTo(context.Background(), out, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestIntSumReuse runs one filter on two inputs in turn: the sums slid
// from line to line must start afresh on the second (on one row, every
// line reads the same input lines, so a stale sum would look shifted).
func TestIntSumReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(143, 144))
	for _, shape := range [][]int{{1, 40}, {2, 33}, {9, 70}} {
		for _, dt := range []DType{Uint8, Int16} {
			opts := Options{Footprint: Box(3, 5), Mode: Reflect, Threads: 1}
			fast, err := New("sum(values)", opts)
			if err != nil {
				t.Fatal(err)
			}
			if p := fast.Path(2, dt); p.Kind != IntSumPath || !strings.Contains(p.Reason, "slid") {
				t.Fatalf("%v: %v", dt, p)
			}
			opts.General = true
			general, _ := New("sum(values)", opts)
			for run := 0; run < 3; run++ {
				in, _ := Zeros(dt, shape...)
				fill(in, r)
				a, _ := fast.Apply(context.Background(), in)
				b, _ := general.Apply(context.Background(), in)
				af, _ := Convert(a, Float64)
				bf, _ := Convert(b, Float64)
				for i, x := range af.Data.([]float64) {
					if y := bf.Data.([]float64)[i]; x != y {
						t.Fatalf("%v %v run %d: element %d: fast %v, general %v", dt, shape, run, i, x, y)
					}
				}
			}
		}
	}
}
