package filter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/kfilter/kfilter/compile"
)

func randomArray(r *rand.Rand, shape ...int) *Array {
	n := 1
	for _, s := range shape {
		n *= s
	}
	data := make([]float64, n)
	for i := range data {
		switch r.IntN(20) {
		case 0:
			data[i] = math.NaN()
		case 1:
			data[i] = math.Inf(1)
		case 2, 3, 4:
			data[i] = float64(r.IntN(4))
		default:
			data[i] = r.NormFloat64()
		}
	}
	a, _ := ArrayOf(data, shape...)
	return a
}

// bruteForce is the engine's specification written the slow way: for each
// output pixel, gather the footprint's values through the boundary mode
// and evaluate the kernel with the reference evaluator.
func bruteForce(t *testing.T, f *Filter, in *Array) []float64 {
	t.Helper()
	data := in.Data.([]float64)
	out := make([]float64, in.Len())
	for i, vals := range neighbourhoods(t, f, in) {
		out[i] = compile.Eval(f.prog.Kernel, f.opts.Params, vals, data[i])
	}
	return out
}

// neighbourhoods returns each output pixel's footprint values, in the
// footprint's C order, gathered through the boundary mode.
func neighbourhoods(t *testing.T, f *Filter, in *Array) [][]float64 {
	t.Helper()
	rank := len(in.Shape)
	axes, err := f.axes(rank)
	if err != nil {
		t.Fatal(err)
	}
	fp := f.opts.Footprint
	data := make([]float64, in.Len())
	toFloat64(data, in.Data, 0)
	out := make([][]float64, in.Len())
	x := make([]int, rank)
	fidx := make([]int, fp.Rank())
	for i := range out {
		rem := i
		for ax := rank - 1; ax >= 0; ax-- {
			x[ax] = rem % in.Shape[ax]
			rem /= in.Shape[ax]
		}
		var vals []float64
		for j, on := range fp.Mask {
			r := j
			for ax := fp.Rank() - 1; ax >= 0; ax-- {
				fidx[ax] = r % fp.Shape[ax]
				r /= fp.Shape[ax]
			}
			if !on {
				continue
			}
			flat, outside := 0, false
			for ax := 0; ax < rank; ax++ {
				pos := x[ax]
				for k, a := range axes {
					if a == ax {
						pos += fidx[k] - (fp.Shape[k]/2 + f.origin[k])
					}
				}
				q := f.opts.Mode.index(pos, in.Shape[ax])
				if q < 0 {
					outside = true
				}
				flat = flat*in.Shape[ax] + q
			}
			if outside {
				vals = append(vals, f.opts.Cval)
			} else {
				vals = append(vals, data[flat])
			}
		}
		out[i] = vals
	}
	return out
}

var engineKernels = []string{
	"min(values)",
	"median(values) - center",
	"sum(values * w) / len(values)",
	"count(values, # > c) + argmax(values) * 100",
	"abs(center - median(values)) > 3 * std(values) ? median(values) : center",
	"mean(filter(values, # >= c))",
	"values[0] - values[-1]",
}

func randomOptions(r *rand.Rand, rank int) Options {
	fr := rank
	var axes []int
	if rank > 1 && r.IntN(3) == 0 {
		fr = 1 + r.IntN(rank-1)
		axes = r.Perm(rank)[:fr]
	}
	shape := make([]int, fr)
	for i := range shape {
		shape[i] = 1 + r.IntN(5)
	}
	fp := Box(shape...)
	for i := range fp.Mask {
		fp.Mask[i] = r.IntN(3) > 0
	}
	fp.Mask[r.IntN(len(fp.Mask))] = true
	origin := make([]int, fr)
	for i, s := range shape {
		origin[i] = -(s / 2) + r.IntN(s)
	}
	w := make([]float64, fp.Count())
	for i := range w {
		w[i] = float64(r.IntN(5))
	}
	return Options{Footprint: fp, Mode: Mode(r.IntN(8)), Cval: float64(r.IntN(5)) - 2, Origin: origin, Axes: axes,
		Params: map[string]Param{"c": Number(0.5), "w": List(w...)}}
}

// TestBruteForce checks the engine against bruteForce on random shapes
// (axes of length 1, footprints larger than the input), footprints, modes,
// origins and axes.
func TestBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 300; trial++ {
		rank := 1 + r.IntN(4)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(7)
		}
		in := randomArray(r, shape...)
		opts := randomOptions(r, rank)
		opts.Threads = 1 + r.IntN(3)
		src := engineKernels[r.IntN(len(engineKernels))]
		f, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		want := bruteForce(t, f, in)
		for i, g := range got.Data.([]float64) {
			if math.Float64bits(g) != math.Float64bits(want[i]) && !(math.IsNaN(g) && math.IsNaN(want[i])) {
				t.Fatalf("%s on %v, footprint %v %v, mode %v, origin %v, axes %v: element %d = %v, want %v",
					src, shape, opts.Footprint.Shape, opts.Footprint.Mask, opts.Mode, opts.Origin, opts.Axes, i, g, want[i])
			}
		}
	}
}

// TestThreadsIdentical: 1, 2 and 7 threads give bit-identical results.
func TestThreadsIdentical(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	in := randomArray(r, 37, 23, 19)
	for _, src := range engineKernels {
		var first []float64
		for _, threads := range []int{1, 2, 7} {
			f, err := New(src, Options{Footprint: Box(3, 3, 3), Threads: threads, Mode: Wrap,
				Params: map[string]Param{"c": Number(0.5), "w": List(make([]float64, 27)...)}})
			if err != nil {
				t.Fatal(err)
			}
			out, err := f.Apply(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			got := out.Data.([]float64)
			if first == nil {
				first = got
				continue
			}
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(first[i]) {
					t.Fatalf("%s: %d threads differ from 1 at %d: %v vs %v", src, threads, i, got[i], first[i])
				}
			}
		}
	}
}

func TestOutputDTypes(t *testing.T) {
	in, _ := ArrayOf([]float64{-300.7, -1.5, -0.5, 0.5, 1.9, 254.9, 300, math.NaN(), math.Inf(1)}, 9)
	tests := []struct {
		dt   DType
		want string
	}{
		{Uint8, "[0 0 0 0 1 254 255 0 255]"},
		{Int8, "[-128 -1 0 0 1 127 127 0 127]"},
		{Int16, "[-300 -1 0 0 1 254 300 0 32767]"},
		{Uint64, "[0 0 0 0 1 254 300 0 18446744073709551615]"},
		{Int64, "[-300 -1 0 0 1 254 300 0 9223372036854775807]"},
		{Bool, "[true true false false true true true true true]"},
		{Float32, "[-300.7 -1.5 -0.5 0.5 1.9 254.9 300 NaN +Inf]"},
	}
	for _, tt := range tests {
		f, err := New("center", Options{Footprint: Box(1), Output: tt.dt})
		if err != nil {
			t.Fatal(err)
		}
		out, err := f.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(out.Data); got != tt.want {
			t.Errorf("%v: %s, want %s", tt.dt, got, tt.want)
		}
	}
}

func TestApplyErrors(t *testing.T) {
	in2, _ := Zeros(Float64, 4, 5)
	in0, _ := Zeros(Float64)
	tests := []struct {
		opts Options
		in   *Array
		msg  string
	}{
		{Options{Footprint: Box(3)}, in2, "the footprint is 1-D, the input 2-D"},
		{Options{Footprint: Box(3), Axes: []int{2}}, in2, "axis 2 is out of range"},
		{Options{Footprint: Box(3, 3), Axes: []int{1, -1}}, in2, "axis 1 is given twice"},
		{Options{Footprint: Box(3), Axes: []int{0, 1}}, in2, "2 axes for a 1-D footprint"},
		{Options{Footprint: Box(3)}, in0, "0-D array"},
		{Options{Footprint: Box(3)}, &Array{Shape: []int{3}, DType: Float64, Data: []float64{1}}, "needs 3 elements, data has 1"},
		{Options{Footprint: Box(3)}, &Array{Shape: []int{1}, DType: Float64, Data: []string{"a"}}, "not a supported slice type"},
		{Options{Footprint: Box(3)}, nil, "nil array"},
	}
	for _, tt := range tests {
		f, err := New("min(values)", tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.Apply(context.Background(), tt.in)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%+v: %v, want an error with %q", tt.opts, err, tt.msg)
		}
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		opts Options
		msg  string
	}{
		{Options{Footprint: Box(3), Origin: []int{2}}, "origin 2 on axis 0 is out of range for footprint size 3 (valid: -1 to 1)"},
		{Options{Footprint: Box(4), Origin: []int{-3}}, "valid: -2 to 1"},
		{Options{Footprint: Box(3, 3), Origin: []int{0, 0, 0}}, "3 origins for a 2-D footprint"},
		{Options{Footprint: Footprint{Shape: []int{2}, Mask: []bool{false, false}}}, "no true element"},
		{Options{Footprint: Footprint{}}, "Options.Footprint is empty"},
		{Options{Footprint: Box(3), Mode: 42}, "unknown mode"},
		{Options{Footprint: Box(3), Threads: -1}, "-1 threads"},
	}
	for _, tt := range tests {
		_, err := New("min(values)", tt.opts)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%+v: %v, want an error with %q", tt.opts, err, tt.msg)
		}
	}
}

func TestZeroSize(t *testing.T) {
	f, _ := New("min(values)", Options{Footprint: Box(3, 3)})
	for _, shape := range [][]int{{0, 5}, {5, 0}, {0, 0}} {
		in, _ := Zeros(Uint8, shape...)
		out, err := f.Apply(context.Background(), in)
		if err != nil || out.Len() != 0 || !equalShape(out.Shape, shape) {
			t.Errorf("%v: %v %v", shape, out, err)
		}
	}
}

// TestCancel stops a long run and checks it returns promptly.
func TestCancel(t *testing.T) {
	in := randomArray(rand.New(rand.NewPCG(1, 1)), 2000, 2000)
	f, err := New("median(values)", Options{Footprint: Box(9, 9), Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stopped time.Time
	go func() {
		time.Sleep(50 * time.Millisecond)
		stopped = time.Now()
		cancel()
	}()
	_, err = f.Apply(ctx, in)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Apply after cancel: %v", err)
	}
	if d := time.Since(stopped); d > 100*time.Millisecond && !raceEnabled {
		t.Errorf("Apply returned %v after the cancel, want < 100ms", d)
	}
}
