package filter

import (
	"context"
	"image"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// TestViewPaths filters a view (a window of a larger array) into a view of
// another, on every path, and requires the contiguous result bit for bit,
// with nothing outside the output window touched.
func TestViewPaths(t *testing.T) {
	tests := []struct {
		src  string
		fp   Footprint
		dt   DType
		opts Options
		kind PathKind
	}{
		{"min(values)", Cross(2), Float64, Options{}, DirectPath},
		{"min(values)", Cross(2), Int32, Options{}, RunsPath},
		{"min(values)", Cross(2), Uint8, Options{}, IntRunsPath},
		{"mean(values)", BoxN(2, 5), Uint8, Options{Mode: Reflect}, IntSumPath},
		{"sum(values)", Disk(2), Int16, Options{Mode: Constant, Cval: -7}, IntSumPath},
		{"min(values)", BoxN(2, 3), Uint8, Options{Mode: Mirror}, DirectPath},
		{"max(values)", BoxN(2, 3), Uint8, Options{Mode: Constant, Cval: 9}, DirectPath},
		{"median(values)", BoxN(2, 3), Uint8, Options{Mode: Constant, Cval: 200}, IntMedianPath},
		{"max(values)", BoxN(2, 5), Uint8, Options{Mode: Wrap}, IntRunsPath},
		{"median(values)", BoxN(2, 3), Uint8, Options{}, IntMedianPath},
		{"median(values)", Box(3, 5), Uint16, Options{Mode: Reflect}, IntMedianPath},
		{"median(values)", BoxN(2, 5), Uint16, Options{Mode: Reflect}, TypedRankPath},
		{"median(values)", BoxN(2, 5), Uint8, Options{Mode: Mirror}, IntMedianPath},
		{"median(values)", Disk(10), Uint8, Options{}, HistogramPath},
		{"median(values)", BoxN(2, 9), Uint8, Options{}, map[bool]PathKind{true: CTMedianPath, false: TypedRankPath}[vec.AVX2]},
		{"median(values)", BoxN(2, 15), Uint8, Options{Mode: Wrap}, CTMedianPath},
		{"median(values)", Box(17, 21), Uint8, Options{Mode: Mirror}, CTMedianPath}, // 16-bit counts
		{"median(values)", BoxN(2, 15), Int8, Options{Mode: Constant, Cval: -100}, CTMedianPath},
		{"median(values)", BoxN(2, 17), Int16, Options{Mode: Constant, Cval: -7}, HistogramPath}, // 16-bit, in a band
		{"median(values)", BoxN(2, 9), Int16, Options{Mode: Constant, Cval: -7}, TypedRankPath},
		{"median(values)", BoxN(2, 3), Float64, Options{}, Median3Path},
		{"median(values)", BoxN(2, 2), Float64, Options{Mode: Constant, Cval: math.NaN()}, BoxMedianPath},
		{"median(abs(values - 1))", BoxN(2, 5), Float64, Options{Mode: Mirror}, BoxPairsPath},
		{"median(values)", BoxN(2, 5), Float64, Options{Mode: Mirror}, map[bool]PathKind{true: Median5Path, false: TypedRankPath}[vec.AVX2]},
		{"median(values)", BoxN(2, 5), Float32, Options{Mode: Reflect}, map[bool]PathKind{true: Median5Path, false: TypedRankPath}[vec.AVX2]},
		{"median(values)", Box(3, 5), Float64, Options{Mode: Mirror}, TypedRankPath},
		{"median(abs(values - 1))", Disk(2), Float64, Options{}, RankProgramPath},
		{"center - median(values)", BoxN(2, 3), Float64, Options{}, HoistedPath},
		{"percentile(values, 90)", Disk(2), Float32, Options{Mode: Constant, Cval: 3}, TypedRankPath},
		{"median(values)", Disk(3), Float64, Options{Mode: Reflect}, TypedRankPath},
		{"median(values)", Disk(2), Int16, Options{Mode: Constant, Cval: -7}, TypedRankPath},
		{"percentile(values, 90)", Disk(2), Float32, Options{Mode: Constant, Cval: math.NaN()}, GeneralPath},
		{"(max(values) - min(values)) / (max(values) + min(values) + 1e-9)", BoxN(2, 5), Float64, Options{Mode: Wrap}, HoistedPath}, // hoistBoxAlg
		{"min(values)", Cross(2), Float32, Options{}, DirectPath},
		{"max(values)", BoxN(2, 3), Float32, Options{Mode: Nearest}, DirectPath},
		{"median(values)", BoxN(2, 3), Float32, Options{}, Median3Path},
		{"max(values)", BoxN(2, 5), Float32, Options{Mode: Mirror}, RunsF32Path},
		{"min(values)", Box(15, 15), Float32, Options{Mode: Constant, Cval: math.NaN()}, RunsF32Path}, // boxfold.go
		{"max(values)", Box(5, 4), Uint16, Options{Mode: Reflect}, IntRunsPath},                       // boxfold.go
		{"sum(values)", BoxN(2, 3), Float64, Options{General: true}, GeneralPath},
		{"median(values)", Box(17, 17), Float32, Options{Mode: Mirror}, KeyHistPath},
		{"percentile(values, 30)", Disk(10), Float64, Options{Mode: Constant, Cval: -2}, KeyHistPath},
	}
	const H, W = 37, 53 // the window
	r := rand.New(rand.NewPCG(9, 10))
	for _, tt := range tests {
		opts := tt.opts
		opts.Footprint = tt.fp
		f, err := New(tt.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if k := f.Path(2, tt.dt).Kind; k != tt.kind {
			t.Fatalf("%s (%v): path %v, want %v", tt.src, tt.dt, k, tt.kind)
		}
		// the input: a window at (3, 5) of a 50x70 array, rows 70 apart
		big, _ := Zeros(tt.dt, 50, 70)
		fill(big, r)
		in, err := SubView(big, []int{3, 5}, []int{H, W})
		if err != nil {
			t.Fatal(err)
		}
		want, err := f.Apply(context.Background(), mustCompact(t, in))
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if !sameArrays(got, want) {
			t.Errorf("%s (%v): Apply of a view differs from Apply of its copy", tt.src, tt.dt)
		}
		// the output: a window at (1, 2) of a 40x60 array of sentinels
		outBig, _ := Zeros(tt.dt, 40, 60)
		sentinel := make([]float64, outBig.Len())
		for i := range sentinel {
			sentinel[i] = 7
		}
		fromFloat64(outBig.Data, 0, sentinel)
		out, err := SubView(outBig, []int{1, 2}, []int{H, W})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.ApplyTo(context.Background(), out, in); err != nil {
			t.Fatal(err)
		}
		if !sameArrays(mustCompact(t, out), want) {
			t.Errorf("%s (%v): ApplyTo into a view differs from Apply", tt.src, tt.dt)
		}
		all := make([]float64, outBig.Len())
		toFloat64(all, outBig.Data, 0)
		for i, x := range all {
			y, c := i/60, i%60
			inside := y >= 1 && y < 1+H && c >= 2 && c < 2+W
			if !inside && x != 7 {
				t.Fatalf("%s (%v): element (%d, %d) outside the output window changed to %v", tt.src, tt.dt, y, c, x)
			}
		}
	}
}

// TestGrayView filters a 512x512 window of a 2048x2048 image.Gray into a
// window of another with no copy of either, and equals the contiguous
// result.
func TestGrayView(t *testing.T) {
	src := image.NewGray(image.Rect(0, 0, 2048, 2048))
	r := rand.New(rand.NewPCG(1, 1))
	for i := range src.Pix {
		src.Pix[i] = uint8(r.IntN(256))
	}
	win := image.Rect(700, 300, 1212, 812)
	dst := image.NewGray(src.Rect)
	in, err := GrayView(src.SubImage(win).(*image.Gray))
	if err != nil {
		t.Fatal(err)
	}
	out, err := GrayView(dst.SubImage(win).(*image.Gray))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in.Shape, []int{512, 512}) || !in.IsView() {
		t.Fatalf("view shape %v, IsView %v", in.Shape, in.IsView())
	}
	f, err := New("median(values)", Options{Footprint: BoxN(2, 5)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := f.ApplyTo(ctx, out, in); err != nil {
		t.Fatal(err)
	}
	want, err := f.Apply(ctx, mustCompact(t, in))
	if err != nil {
		t.Fatal(err)
	}
	if !sameArrays(mustCompact(t, out), want) {
		t.Error("the filtered window differs from the filtered copy")
	}
	// No copy: making the views allocates the Array and its shape and
	// strides, never the 256 KiB of pixels.
	var sub *image.Gray = src.SubImage(win).(*image.Gray)
	bytes := testing.Benchmark(func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := GrayView(sub); err != nil {
				b.Fatal(err)
			}
		}
	}).AllocedBytesPerOp()
	if bytes > 256 {
		t.Errorf("GrayView allocates %d bytes per call: a copy?", bytes)
	}
}

func TestViewErrors(t *testing.T) {
	data := make([]float64, 100)
	for _, tt := range []struct {
		shape, strides []int
		msg            string
	}{
		{[]int{5, 5}, []int{10, 2}, "last axis must be contiguous"},
		{[]int{5, 5}, []int{3, 1}, "below the 5 elements"},
		{[]int{11, 10}, []int{10, 1}, "reaches element 109, data has 100"},
		{[]int{5, 5}, []int{10}, "1 strides for a 2-D array"},
	} {
		_, err := ViewOf(data, tt.shape, tt.strides)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ViewOf(%v, %v): %v, want %q", tt.shape, tt.strides, err, tt.msg)
		}
	}
	v, err := ViewOf(data, []int{5, 5}, []int{10, 1})
	if err != nil {
		t.Fatal(err)
	}
	// functions that need C order say so instead of reading it wrong
	if _, err := Convert(v, Float32); err == nil || !strings.Contains(err.Error(), "Compact") {
		t.Errorf("Convert of a view: %v", err)
	}
	if _, err := Data[float64](v); err != nil {
		t.Errorf("Data of a view: %v (it is the backing slice)", err)
	}
	// a view over all of its data in C order is no view
	c, err := ViewOf(make([]float64, 50), []int{5, 10}, []int{10, 1})
	if err != nil || c.IsView() {
		t.Errorf("C-order strides: IsView %v, %v", c.IsView(), err)
	}
	if _, err := Convert(c, Float32); err != nil {
		t.Errorf("Convert of C-order strides: %v", err)
	}
	if _, err := SubView(v, []int{1, 2}, []int{4, 4}); err == nil || !strings.Contains(err.Error(), "does not fit") {
		t.Errorf("SubView past the edge: %v", err)
	}
	// two windows side by side in one array share its span: refused
	f, _ := New("min(values)", Options{Footprint: Cross(2)})
	left, _ := ViewOf(data, []int{5, 5}, []int{10, 1})
	right, _ := ViewOf(data[5:], []int{5, 5}, []int{10, 1})
	if err := f.ApplyTo(context.Background(), right, left); err == nil {
		t.Error("interleaved views: no error")
	}
}

func mustCompact(t *testing.T, a *Array) *Array {
	t.Helper()
	c, err := Compact(a)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func fill(a *Array, r *rand.Rand) {
	v := make([]float64, a.Len())
	for i := range v {
		switch a.DType {
		case Float64, Float32:
			v[i] = math.Round(r.NormFloat64()*400) / 8
			if r.IntN(50) == 0 {
				v[i] = math.NaN()
			}
		default:
			v[i] = float64(r.IntN(120))
		}
	}
	fromFloat64(a.Data, 0, v)
}

func sameArrays(a, b *Array) bool {
	x, y := make([]float64, a.Len()), make([]float64, b.Len())
	toFloat64(x, a.Data, 0)
	toFloat64(y, b.Data, 0)
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(y[i]) && !(x[i] != x[i] && y[i] != y[i]) {
			return false
		}
	}
	return len(x) == len(y)
}

// TestCopyViews copies between views of every dtype, int64 beyond 2^53
// included (no trip through float64), and reads a view's rows.
func TestCopyViews(t *testing.T) {
	big := make([]int64, 60)
	for i := range big {
		big[i] = 1<<60 + int64(i)
	}
	src, err := ViewOf(big[7:], []int{3, 4}, []int{10, 1})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compact(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []int64{}
	for y := range 3 {
		for x := range 4 {
			want = append(want, 1<<60+int64(7+10*y+x))
		}
	}
	if got := c.Data.([]int64); !slices.Equal(got, want) || c.IsView() {
		t.Errorf("Compact: %v, want %v", got, want)
	}
	rows, err := Rows[int64](src)
	if err != nil || !slices.Equal(rows[2], want[8:12]) {
		t.Errorf("Rows of a view: %v, %v", rows, err)
	}
	dstBig := make([]int64, 40)
	dst, _ := ViewOf(dstBig[1:], []int{3, 4}, []int{13, 1})
	if err := Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	back, _ := Compact(dst)
	if !slices.Equal(back.Data.([]int64), want) || dstBig[0] != 0 || dstBig[5] != 0 {
		t.Errorf("Copy into a view: %v", dstBig)
	}
	if err := Copy(dst, c); err != nil {
		t.Errorf("Copy from C order into a view: %v", err)
	}
	f32, _ := Zeros(Float32, 3, 4)
	if err := Copy(f32, src); err == nil {
		t.Error("Copy across dtypes: no error")
	}
}
