package filter

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

// TestApplyToOverlap checks that ApplyTo refuses an output sharing memory
// with its input (the same array, sub-slices of one backing array that
// overlap either way, views of another dtype over the same bytes), and
// filters normally into the part of the backing array right next to the
// input.
func TestApplyToOverlap(t *testing.T) {
	f, err := New("min(values)", Options{Footprint: Cross(2)})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	buf := make([]float64, 213) // room for 2 arrays of 100 and a byte view past them
	for i := range buf {
		buf[i] = r.NormFloat64()
	}
	bytes := unsafe.Slice((*uint8)(unsafe.Pointer(&buf[0])), 8*len(buf))
	arr := func(data any) *Array {
		a, err := ArrayOf(data, 10, 10)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	cases := []struct {
		name    string
		out, in *Array
		overlap bool
	}{
		{"the same array", arr(buf[:100]), arr(buf[:100]), true},
		{"output starts inside the input", arr(buf[50:150]), arr(buf[:100]), true},
		{"input starts inside the output", arr(buf[:100]), arr(buf[50:150]), true},
		{"one element shared, output after", arr(buf[99:199]), arr(buf[:100]), true},
		{"one element shared, input after", arr(buf[:100]), arr(buf[99:199]), true},
		{"uint8 output over the input's bytes", arr(bytes[400:500]), arr(buf[:100]), true},
		{"uint8 output over the input's last byte", arr(bytes[799:899]), arr(buf[:100]), true},
		{"adjacent, output after", arr(buf[100:200]), arr(buf[:100]), false},
		{"adjacent, input after", arr(buf[:100]), arr(buf[100:200]), false},
		{"uint8 output right after the input", arr(bytes[800:900]), arr(buf[:100]), false},
	}
	for _, c := range cases {
		in := append([]float64(nil), c.in.Data.([]float64)...)
		want, err := f.Apply(context.Background(), &Array{Shape: c.in.Shape, DType: Float64, Data: in})
		if err != nil {
			t.Fatal(err)
		}
		err = f.ApplyTo(context.Background(), c.out, c.in)
		if !c.overlap {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			got, _ := Zeros(c.out.DType, c.out.Shape...)
			wantOut, _ := Zeros(c.out.DType, c.out.Shape...)
			convertInto(got, c.out)
			convertInto(wantOut, want)
			g, w := make([]float64, 100), make([]float64, 100)
			toFloat64(g, got.Data, 0)
			toFloat64(w, wantOut.Data, 0)
			for i := range g {
				if math.Float64bits(g[i]) != math.Float64bits(w[i]) {
					t.Errorf("%s: element %d = %v, want %v", c.name, i, g[i], w[i])
					break
				}
			}
			continue
		}
		var fe *Error
		if !errors.Is(err, ErrOverlap) || !errors.As(err, &fe) || fe.Kind != OutputError || !strings.Contains(err.Error(), "overlaps the input") {
			t.Errorf("%s: got %v, want an output *Error wrapping ErrOverlap", c.name, err)
		}
		for i, x := range c.in.Data.([]float64) {
			if math.Float64bits(x) != math.Float64bits(in[i]) {
				t.Errorf("%s: the refused call changed input element %d", c.name, i)
				break
			}
		}
	}
}

// convertInto copies src's values into dst (same shape) through float64.
func convertInto(dst, src *Array) {
	tmp := make([]float64, src.Len())
	toFloat64(tmp, src.Data, 0)
	fromFloat64(dst.Data, 0, tmp)
}

// TestCancelledBeforeApply runs one kernel per execution path with a
// context cancelled beforehand: every path returns context.Canceled and
// no result, and ApplyTo leaves its output untouched. Each row asserts its
// path, so that a change of plan cannot make it test another one.
func TestCancelledBeforeApply(t *testing.T) {
	paths := []struct {
		src  string
		fp   Footprint
		in   DType
		path string // in the path's String
		kind PathKind
		opts Options
	}{
		{src: "min(values)", fp: Cross(2), in: Float64, path: "fast: min of 5 values read straight", kind: DirectPath},
		{src: "max(values)", fp: Box(3, 3), in: Float64, path: "fast: max of 9 values read straight", kind: DirectPath},
		{src: "sum(values)", fp: Box(2, 2), in: Float64, path: "fast: sum of 4 values read straight", kind: DirectPath},
		{src: "min(values)", fp: Box(3, 15), in: Float64, path: "fast: min over 3 runs", kind: RunsPath},
		{src: "max(values)", fp: Box(2, 70), in: Float64, path: "fast: max over 2 runs of lengths [70]", kind: RunsPath},
		{src: "sum(values)", fp: Box(3, 15), in: Float64, path: "fast: sum over 3 runs", kind: RunsPath},
		{src: "mean(values)", fp: Box(5, 5), in: Uint8, path: "fast: mean of uint8 over 5 runs", kind: IntSumPath},
		{src: "count(values, # > 1)", fp: Box(5, 5), in: Float64, path: "fast: count of a bool transform", kind: IntSumPath},
		{src: "median(values)", fp: Box(3, 3), in: Float64, path: "fast: 3x3 median", kind: Median3Path},
		{src: "median(abs(values - 0.5))", fp: Box(5, 5), in: Float64, path: "windows taken in pairs", kind: BoxPairsPath},
		{src: "median(abs(values - 0.5))", fp: Box(2, 2), in: Float64, path: "2x2 median: columns sorted", kind: BoxMedianPath},
		{src: "median(values)", fp: Box(3, 5), in: Float64, path: "fast: median of 15 float64 values in float64", kind: TypedRankPath},
		{src: "percentile(abs(values - 1), 30)", fp: Disk(1), in: Float64, path: "fast: the transform once per input pixel", kind: RankProgramPath},
		{src: "median(values)", fp: Box(5, 60), in: Uint8, path: "sliding 256-bin histogram", kind: HistogramPath},
		{src: "max(values) - min(values) + std(values)", fp: Box(3, 3), in: Float64, path: "hoisted: ", kind: HoistedPath},
		{src: "mean(filter(values, # > 0.5))", fp: Box(3, 3), in: Float64, path: "general: ", kind: GeneralPath},
		{src: "min(values)", fp: Cross(2), in: Float64, path: "general: ", kind: GeneralPath, opts: Options{General: true}},
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := rand.New(rand.NewPCG(5, 6))
	for _, k := range paths {
		opts := k.opts
		opts.Footprint = k.fp
		f, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, k.in); p.Kind != k.kind || !strings.Contains(p.String(), k.path) {
			t.Fatalf("%s over %v (%v): path %q, want %q", k.src, k.fp.Shape, k.in, p, k.path)
		}
		in, _ := Zeros(k.in, 64, 80)
		data := make([]float64, in.Len())
		for i := range data {
			data[i] = float64(1 + r.IntN(200))
		}
		fromFloat64(in.Data, 0, data)
		res, err := f.Apply(ctx, in)
		if !errors.Is(err, context.Canceled) || res != nil {
			t.Errorf("%s over %v (%v): Apply gave %v, %v; want no result and context.Canceled", k.src, k.fp.Shape, k.in, res != nil, err)
		}
		out, _ := Zeros(k.in, 64, 80)
		err = f.ApplyTo(ctx, out, in)
		got := make([]float64, out.Len())
		toFloat64(got, out.Data, 0)
		written := false
		for _, x := range got {
			written = written || x != 0
		}
		if !errors.Is(err, context.Canceled) || written {
			t.Errorf("%s over %v (%v): ApplyTo gave %v and wrote the output: %v; want context.Canceled and no writes", k.src, k.fp.Shape, k.in, err, written)
		}
	}
}
