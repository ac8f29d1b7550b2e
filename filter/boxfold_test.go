package filter

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// boxFoldFootprint returns a random box over rank data axes whose axis
// on the last data axis but one is minK to minK+13 long (a column the box
// fold takes), with its axes (nil, or a subset holding the last axis but
// one); with one column (1 long on the other axes) when oneCol.
func boxFoldFootprint(r *rand.Rand, rank, minK int, oneCol bool) (Footprint, []int) {
	var axes []int
	fr := rank
	if r.IntN(3) == 0 {
		fr = 1 + r.IntN(rank)
		for {
			axes = r.Perm(rank)[:fr]
			// ascending: permuted axes do not give runs along the line
			slices.Sort(axes)
			if slices.Contains(axes, rank-2) {
				break
			}
		}
	}
	shape := make([]int, fr)
	for i := range shape {
		dataAx := i
		if axes != nil {
			dataAx = axes[i]
		}
		switch dataAx {
		case rank - 2:
			shape[i] = minK + r.IntN(14)
		case rank - 1:
			shape[i] = 1 + r.IntN(20)
		default:
			shape[i] = 1
			if !oneCol {
				shape[i] += r.IntN(3)
			}
		}
	}
	return Box(shape...), axes
}

// TestBoxFold compares min and max over boxes with columns of 4 to 17
// lines, folded by doubling shared between output lines (boxfold.go),
// with the lane program, bit for bit, on the integer and float32 paths:
// random shapes of ranks 2 to 4 (boxes spanning planes: several
// columns), every mode (the edge lines of each), cvals (NaN, -0, the
// infinities, the integer types' extremes), origins, axes and thread
// counts (each worker's lines start their own folds), float data with
// NaN of both signs, both zeros and both infinities at several rates;
// into the input's type (in place), float64 and int16 output, and hoisted
// into a larger kernel. The path's reason must name the box fold.
func TestBoxFold(t *testing.T) {
	r := rand.New(rand.NewPCG(141, 142))
	for trial := 0; trial < 400; trial++ {
		rank := 2 + r.IntN(3)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(4)
		}
		shape[rank-2] = 1 + r.IntN(40)
		shape[rank-1] = 1 + r.IntN(70)
		dtype := []DType{Uint8, Int8, Uint16, Int16, Float32}[trial%5]
		var in *Array
		var cvals []float64
		if dtype == Float32 {
			in = randomF32(t, r, []float64{0, 0.002, 0.05, 0.5}[r.IntN(4)], shape...)
			if r.IntN(3) == 0 {
				for i, x := range in.Data.([]float32) {
					if x != x && r.IntN(2) == 0 {
						in.Data.([]float32)[i] = math.Float32frombits(0xffc00000)
					}
				}
			}
			level := float32(0)
			for i, x := range in.Data.([]float32) {
				if i%shape[rank-1] == 0 {
					level = float32(10 * r.NormFloat64())
				}
				if x == x && x != 0 && !math.IsInf(float64(x), 0) {
					in.Data.([]float32)[i] = x + level
				}
			}
			cvals = []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(-1), math.Inf(1), 1.5, -2}
		} else {
			bounds := map[DType][2]float64{Uint8: {0, 255}, Int8: {-128, 127}, Uint16: {0, 65535}, Int16: {-32768, 32767}}[dtype]
			lo, hi := bounds[0], bounds[1]
			n := 1
			for _, s := range shape {
				n *= s
			}
			data := make([]float64, n)
			// lines of values around a level of their own, so that which
			// lines a window folds shows in its min and max
			level := lo
			for i := range data {
				if i%shape[rank-1] == 0 {
					level = lo + float64(r.IntN(int(hi-lo)-14))
				}
				data[i] = level + float64(r.IntN(16))
				if r.IntN(50) == 0 {
					data[i] = []float64{lo, hi}[r.IntN(2)]
				}
			}
			f64, _ := ArrayOf(data, shape...)
			in, _ = Convert(f64, dtype)
			cvals = []float64{lo, hi, lo + float64(r.IntN(int(hi-lo)+1))}
		}
		minK := minBoxChainPairs
		if dtype == Float32 {
			minK = minBoxChainFolds
		}
		var opts Options
		for opts.Footprint.Count() <= 15 { // float32's direct path takes up to 15
			opts.Footprint, opts.Axes = boxFoldFootprint(r, rank, minK, dtype == Float32)
		}
		if r.IntN(3) > 0 {
			opts.Origin = make([]int, opts.Footprint.Rank())
			for i, s := range opts.Footprint.Shape {
				opts.Origin[i] = -(s / 2) + r.IntN(s)
			}
		}
		opts.Mode = Mode(trial % 8)
		opts.Cval = cvals[r.IntN(len(cvals))]
		opts.Threads = 1 + r.IntN(3)
		opts.Output = []DType{0, Float64, Int16}[r.IntN(3)]
		kind := IntRunsPath
		if dtype == Float32 {
			kind = RunsF32Path
		}
		src := []string{"min(values)", "max(values)", "max(values) - min(values)"}[r.IntN(3)]
		if strings.Contains(src, "-") {
			kind = HoistedPath
		}
		fast, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(rank, dtype); p.Kind == kind && kind != HoistedPath && !strings.Contains(p.Reason, "; a box: ") {
			t.Fatalf("%s over %v, axes %v, on %v: not folded as a box: %s", src, opts.Footprint.Shape, opts.Axes, dtype, p)
		}
		sameAsGeneral(t, src, opts, in, kind)
	}
}

// TestBoxFoldPath: boxes with columns of 4 lines or more (integers), 8
// or more (float32) take the fold (in 3-D, one column a plane; float32
// only one column); shorter columns, rows that differ (a disk) and
// columns of different lengths do not.
func TestBoxFoldPath(t *testing.T) {
	disk := Disk(4)
	ragged := Box(2, 9, 3)
	copy(ragged.Mask, []bool{false, false, false}) // the first plane's first row: 8 lines in one column, 9 in the other
	for _, c := range []struct {
		fp   Footprint
		dt   DType
		want bool
	}{
		{Box(15, 15), Uint8, true},
		{Box(15, 15), Float32, true},
		{Box(15, 15), Float64, false}, // the float64 runs path: measured no faster
		{Box(4, 1), Int16, true},
		{Box(3, 30), Uint8, false},
		{Box(5, 5), Uint8, true},
		{Box(7, 7), Float32, false},
		{Box(3, 8, 5), Uint8, true},
		{Box(3, 8, 5), Float32, false}, // float32: one column only
		{Box(1, 8, 5), Float32, true},
		{disk, Uint8, false},
		{ragged, Float32, false},
	} {
		f, err := New("max(values)", Options{Footprint: c.fp})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(c.fp.Rank(), c.dt)
		if p.Kind != IntRunsPath && p.Kind != RunsF32Path && p.Kind != RunsPath {
			t.Fatalf("%v on %v: %s", c.fp.Shape, c.dt, p)
		}
		if got := strings.Contains(p.Reason, "; a box: "); got != c.want {
			t.Errorf("%v (%d elements) on %v: box fold %v, want %v: %s", c.fp.Shape, c.fp.Count(), c.dt, got, c.want, p)
		}
	}
}

// TestBoxFoldReuse: a worker kept by the plan forgets its folds, keyed by
// source line, when it filters another array of the same shape. On one
// line with mode nearest every window's lines are line 0, so that the
// next array's first window is the last one moved by a line.
func TestBoxFoldReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(143, 144))
	for _, dt := range []DType{Uint8, Float32} {
		opts := Options{Footprint: Box(9, 5), Threads: 1, Mode: Nearest}
		f, _ := New("max(values)", opts)
		opts.General = true
		g, _ := New("max(values)", opts)
		for i := 0; i < 6; i++ {
			rows := []int{30, 1}[i%2]
			data := make([]float64, rows*40)
			for j := range data {
				data[j] = float64(r.IntN(256))
			}
			f64, _ := ArrayOf(data, rows, 40)
			in, _ := Convert(f64, dt)
			a, err := f.Apply(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := g.Apply(context.Background(), in)
			sameResult(t, "reused worker", a, b)
		}
	}
}

// TestAllocsPerLineBoxFold is TestAllocsPerLine for the box fold: no
// allocation per line, in 2-D and 3-D, integer and float32.
func TestAllocsPerLineBoxFold(t *testing.T) {
	for _, c := range []struct {
		fp    Footprint
		shape func(rows int) []int
		dts   []DType
	}{
		{Box(15, 15), func(rows int) []int { return []int{rows, 256} }, []DType{Uint8, Int16, Float32}},
		{Box(3, 9, 5), func(rows int) []int { return []int{rows / 32, 32, 256} }, []DType{Uint8, Int16}},
		{Box(1, 9, 5), func(rows int) []int { return []int{rows / 32, 32, 256} }, []DType{Float32}},
	} {
		for _, dt := range c.dts {
			f, err := New("min(values)", Options{Footprint: c.fp, Threads: 1})
			if err != nil {
				t.Fatal(err)
			}
			if p := f.Path(c.fp.Rank(), dt); !strings.Contains(p.Reason, "; a box: ") {
				t.Fatalf("path %s", p)
			}
			allocs := func(rows int) float64 {
				in, _ := Zeros(dt, c.shape(rows)...)
				o, _ := Zeros(dt, c.shape(rows)...)
				return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), o, in) })
			}
			if small, large := allocs(128), allocs(1024); large > small+16 {
				t.Errorf("%v on %v: %v allocations for 1024 lines, %v for 128", c.fp.Shape, dt, large, small)
			}
		}
	}
}

// BenchmarkBoxFold is the box max rows: 2048x2048, one thread, uint8
// and float32 15x15, float32 5x5 (no box fold: columns under 8 lines),
// and float64 15x15 (the float64 runs path, no box fold).
func BenchmarkBoxFold(b *testing.B) {
	for _, c := range []struct {
		dt DType
		k  int
	}{{Uint8, 15}, {Float32, 15}, {Float32, 5}, {Float64, 15}} {
		b.Run(fmt.Sprintf("%v-%dx%d", c.dt, c.k, c.k), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			data := make([]float64, 2048*2048)
			for j := range data {
				data[j] = float64(r.IntN(256))
			}
			f64, _ := ArrayOf(data, 2048, 2048)
			in, _ := Convert(f64, c.dt)
			f, err := New("max(values)", Options{Footprint: Box(c.k, c.k), Threads: 1})
			if err != nil {
				b.Fatal(err)
			}
			out, _ := Zeros(c.dt, 2048, 2048)
			for b.Loop() {
				if err := f.ApplyTo(context.Background(), out, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBoxFoldMin runs the BenchmarkBoxFold rows on 256 lines of
// 2048 (with the frontier's min-15x15 row, float64, and the 5x5x5 ball
// on 32 planes of 128x128, neither folded; and the 9x9x9 box, nine
// columns, folded on uint8 but not float32) and reports the fastest run's
// time, which a loaded machine disturbs the least.
func BenchmarkBoxFoldMin(b *testing.B) {
	for _, c := range []struct {
		src   string
		fp    Footprint
		dt    DType
		shape []int
	}{
		{"max(values)", Box(15, 15), Uint8, []int{256, 2048}},
		{"max(values)", Box(15, 15), Float32, []int{256, 2048}},
		{"max(values)", Box(5, 5), Float32, []int{256, 2048}},
		{"max(values)", Box(15, 15), Float64, []int{256, 2048}},
		{"min(values)", Box(15, 15), Float64, []int{256, 2048}},
		{"min(values)", Ball(2), Float32, []int{32, 128, 128}},
		{"min(values)", Box(9, 9, 9), Uint8, []int{16, 64, 512}},
		{"min(values)", Box(9, 9, 9), Float32, []int{16, 64, 512}},
	} {
		b.Run(fmt.Sprintf("%s-%v-%v", c.src[:3], c.fp.Shape, c.dt), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, 2))
			n := 1
			for _, s := range c.shape {
				n *= s
			}
			data := make([]float64, n)
			for j := range data {
				data[j] = float64(r.IntN(256))
			}
			f64, _ := ArrayOf(data, c.shape...)
			in, _ := Convert(f64, c.dt)
			f, err := New(c.src, Options{Footprint: c.fp, Threads: 1})
			if err != nil {
				b.Fatal(err)
			}
			out, _ := Zeros(c.dt, c.shape...)
			best := time.Duration(math.MaxInt64)
			for b.Loop() {
				t0 := time.Now()
				if err := f.ApplyTo(context.Background(), out, in); err != nil {
					b.Fatal(err)
				}
				best = min(best, time.Since(t0))
			}
			b.ReportMetric(float64(best.Microseconds()), "best-µs")
		})
	}
}
