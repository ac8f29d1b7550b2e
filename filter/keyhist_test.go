package filter

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// keyHistData returns a float32 or float64 array of shape: noise in [0, 1),
// or (smooth) a slowly varying surface with a little noise, or (steps)
// values from a short list, so the band's entries repeat.
func keyHistData(r *rand.Rand, dt DType, kind string, shape ...int) *Array {
	n := 1
	for _, s := range shape {
		n *= s
	}
	d := make([]float64, n)
	for i := range d {
		switch kind {
		case "smooth":
			d[i] = math.Sin(float64(i%shape[len(shape)-1])/40)*math.Cos(float64(i/shape[len(shape)-1])/30) + r.Float64()*1e-3
		case "steps":
			d[i] = float64(r.IntN(5)) / 4
		default:
			d[i] = r.Float64()
		}
	}
	a, _ := ArrayOf(d, shape...)
	out, _ := Convert(a, dt)
	return out
}

func BenchmarkKeyHist(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, dt := range []DType{Float32, Float64} {
		for _, kind := range []string{"noise", "smooth"} {
			in := keyHistData(r, dt, kind, 512, 512)
			for _, fp := range []struct {
				name string
				fp   Footprint
			}{{"21x21", Box(21, 21)}, {"31x31", Box(31, 31)}, {"disk15", Disk(15)}} {
				b.Run(fmt.Sprintf("%v-%s-%s", dt, kind, fp.name), func(b *testing.B) {
					f, err := New("median(values)", Options{Footprint: fp.fp, Threads: 1})
					if err != nil {
						b.Fatal(err)
					}
					if p := f.Path(2, dt); p.Kind != KeyHistPath {
						b.Fatalf("path %v", p)
					}
					b.SetBytes(int64(in.DType.Size() * len(in.Shape) * 512 * 512 / 2))
					for b.Loop() {
						if _, err := f.Apply(context.Background(), in); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// TestKeyHist compares the key histogram with the lane program, bit for
// bit (sameResult): float32 and float64; noise, a smooth surface (the
// rank drifts out of the band and it is rebuilt often) and a few repeated
// values (entries held many times); zeros of both signs, infinities and
// NaN among them; boxes of 257 values and more, disks, a 3-D ball
// through no axes and 3-D arrays through two; every rank kind (medians of
// odd and even counts, percentiles between ranks, sort(values)[k] at both
// ends); every mode, cvals (infinities among them), origins, one to
// three threads, and float32, float64 and int32 outputs. The path is
// asserted: the test cannot pass on another.
func TestKeyHist(t *testing.T) {
	r := rand.New(rand.NewPCG(1401, 1402))
	kinds := []string{"noise", "smooth", "steps"}
	for trial := 0; trial < 60; trial++ {
		dt := []DType{Float32, Float64}[trial%2]
		rank := 2
		if trial%6 == 5 {
			rank = 3
		}
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(20)
		}
		shape[rank-1] += 20 + r.IntN(60)
		in := keyHistData(r, dt, kinds[trial%3], shape...)
		// the odd values: zeros of both signs, infinities, NaN (rarely:
		// a NaN sends its lines to the lane program)
		odd := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1)}
		f64, _ := Convert(in, Float64)
		d := f64.Data.([]float64)
		for i := range d {
			switch x := r.Float64(); {
			case x < 0.1:
				d[i] = odd[r.IntN(len(odd))]
			case x < 0.1005 && trial%5 == 0: // in some trials only: most lines keep the path
				d[i] = math.NaN()
			}
		}
		in, _ = Convert(f64, dt)
		var fp Footprint
		switch trial % 4 {
		case 0:
			fp = Box(17+r.IntN(6), 16+r.IntN(8))
		case 1:
			fp = Disk(9 + r.IntN(4))
		case 2:
			fp = Box(1+r.IntN(2), 260+r.IntN(40)) // one or two long runs
		default:
			fp = Box(31, 31)
		}
		var axes []int
		if rank == 3 {
			if trial%12 == 5 {
				fp = Ball(4) // 257 values over three axes
			} else {
				axes = [][]int{{0, 2}, {1, 2}}[r.IntN(2)]
			}
		}
		n := 0
		for _, m := range fp.Mask {
			if m {
				n++
			}
		}
		origin := make([]int, len(fp.Shape))
		for i, s := range fp.Shape {
			origin[i] = -(s / 2) + r.IntN(s)
		}
		opts := Options{Footprint: fp, Mode: Mode(trial % 8), Axes: axes, Threads: 1 + r.IntN(3), Origin: origin,
			Cval:   []float64{0, math.Copysign(0, -1), math.Inf(-1), 0.5, 7}[r.IntN(5)],
			Output: []DType{0, Float32, Float64, Int32}[r.IntN(4)]}
		if opts.Output == Int32 {
			opts.Cval = 0.5
		}
		var src string
		switch r.IntN(5) {
		case 0:
			src = "median(values)"
		case 1:
			src = fmt.Sprintf("percentile(values, %g)", []float64{0, 100, 37.5, 50, 99.9}[r.IntN(5)])
		case 2:
			src = fmt.Sprintf("sort(values)[%d]", []int{0, n - 1, -1, n / 2}[r.IntN(4)])
		default:
			src = fmt.Sprintf("sort(values)[%d]", r.IntN(n))
		}
		fast, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(rank, dt); p.Kind != KeyHistPath {
			t.Fatalf("%s over %v on %v: %v", src, fp.Shape, dt, p)
		}
		gopts := opts
		gopts.General = true
		general, _ := New(src, gopts)
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		b, err := general.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		sameResult(t, fmt.Sprintf("%s over %v on %v %v, mode %v, cval %v, origin %v, axes %v, threads %d, output %v",
			src, fp.Shape, dt, in.Shape, opts.Mode, opts.Cval, opts.Origin, opts.Axes, opts.Threads, opts.Output), a, b)
	}
}

// TestKeyHistChoice pins what takes the key histogram: float ranks of more
// than typedRankMaxN values without a transform, cval a value of the type
// and not NaN.
func TestKeyHistChoice(t *testing.T) {
	for _, c := range []struct {
		src  string
		fp   Footprint
		dt   DType
		opts Options
		want PathKind
	}{
		{"median(values)", Box(31, 31), Float32, Options{}, KeyHistPath},
		{"median(values)", Box(21, 21), Float64, Options{}, KeyHistPath},
		{"percentile(values, 30)", Disk(15), Float32, Options{Mode: Constant, Cval: -1}, KeyHistPath},
		{"sort(values)[3]", Box(17, 17), Float64, Options{}, KeyHistPath},
		{"median(values)", Box(15, 15), Float32, Options{}, TypedRankPath}, // 225 values
		{"median(values)", Box(31, 31), Float32, Options{Mode: Constant, Cval: math.NaN()}, GeneralPath},
		{"median(values)", Box(31, 31), Float32, Options{Mode: Constant, Cval: 1e300}, GeneralPath}, // not a float32
		{"median(abs(values))", Box(31, 31), Float32, Options{}, RankProgramPath},
		{"median(values)", Box(31, 31), Uint16, Options{}, HistogramPath},
	} {
		opts := c.opts
		opts.Footprint = c.fp
		f, err := New(c.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, c.dt); p.Kind != c.want {
			t.Errorf("%s over %v on %v: %v, want %v", c.src, c.fp.Shape, c.dt, p, c.want)
		}
	}
}

// TestAllocsPerLineKeyHist: the key histogram allocates per worker, not
// per line.
func TestAllocsPerLineKeyHist(t *testing.T) {
	for _, dt := range []DType{Float32, Float64} {
		f, err := New("median(values)", Options{Footprint: Box(17, 17), Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, dt); p.Kind != KeyHistPath {
			t.Fatalf("%v: %v", dt, p)
		}
		allocs := func(rows int) float64 {
			in := keyHistData(rand.New(rand.NewPCG(1, 2)), dt, "noise", rows, 256)
			out, _ := Zeros(dt, rows, 256)
			return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
		}
		if small, large := allocs(128), allocs(1024); large > small+16 {
			t.Errorf("%v: %v allocations for 1024 lines, %v for 128", dt, large, small)
		}
	}
}
