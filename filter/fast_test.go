package filter

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// fastKernels are kernels with a fast path. Sums and means of float
// values (sum: true) are the lane program's bit for bit only from 8 values
// or fewer without a transform (read straight from the float64 input, in
// numpy's order); otherwise they are held to the bound of checkSums, for
// the terms pre(values).
var fastKernels = []struct {
	src       string
	sum, mean bool
	pre       func(float64) float64
}{
	{src: "min(values)"},
	{src: "max(values)"},
	{src: "min(abs(values - c))"},
	{src: "max(values * 2 + 1)"},
	{src: "count(values, # > c)"},
	{src: "count(values >= c)"},
	{src: "count(isnan(values))"},
	{src: "sum(values)", sum: true},
	{src: "mean(values)", sum: true, mean: true},
	{src: "sum(values, # * #)", sum: true, pre: func(x float64) float64 { return float64(x * x) }},
	{src: "mean(clip(values, 0, c))", sum: true, mean: true, pre: func(x float64) float64 { return min(max(x, 0), 0.5) }},
	{src: "median(abs(values - c))"},
	{src: "percentile(values * 2, 30)"},
	{src: "sort(abs(values))[0]"},
}

// TestFastPaths runs every fast path and the lane program on the same
// random inputs (NaN and infinities included), for every mode and random
// footprints, and requires the same results: bit for bit, or for the sums
// that say they are not, within the bound of checkSums.
func TestFastPaths(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for trial := 0; trial < 400; trial++ {
		rank := 1 + r.IntN(3)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(9)
		}
		shape[rank-1] += r.IntN(40)
		in := randomArray(r, shape...)
		opts := randomOptions(r, rank)
		if r.IntN(3) == 0 { // long runs: van Herk/Gil-Werman
			fs := make([]int, opts.Footprint.Rank())
			for i := range fs {
				fs[i] = 1 + r.IntN(3)
			}
			fs[len(fs)-1] = 5 + r.IntN(12)
			opts.Footprint = Box(fs...)
			opts.Origin = nil
		}
		opts.Mode = Mode(trial % 8)
		k := fastKernels[r.IntN(len(fastKernels))]
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(rank, in.DType); p.Kind == GeneralPath || p.Kind == HoistedPath {
			t.Fatalf("%s: no fast path: %s", k.src, fast.Path(rank, in.DType))
		}
		opts.General = true
		general, _ := New(k.src, opts)
		exact := !k.sum || k.pre == nil && opts.Footprint.Count() <= 8
		if p := fast.Path(rank, in.DType); exact != p.Exact || exact == strings.Contains(p.Reason, "not bit for bit") {
			t.Fatalf("%s over %v: path %q; bit for bit: %v", k.src, opts.Footprint.Shape, p, exact)
		}
		if !exact {
			checkSums(t, k.src, fast, general, in, k.pre, k.mean)
			continue
		}
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := general.Apply(context.Background(), in)
		for i, x := range a.Data.([]float64) {
			y := b.Data.([]float64)[i]
			if !sameBits(x, y) {
				t.Fatalf("%s on %v, footprint %v %v, mode %v, origin %v, axes %v: element %d: fast %v, general %v",
					k.src, shape, opts.Footprint.Shape, opts.Footprint.Mask, opts.Mode, opts.Origin, opts.Axes, i, x, y)
			}
		}
	}
}

func TestWindows(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for w := 1; w < 80; w += 1 + w/8 {
		for n := 1; n < 50; n += 7 {
			src := make([]float64, n+w-1)
			for i := range src {
				src[i] = r.NormFloat64()
				if r.IntN(30) == 0 {
					src[i] = math.NaN()
				}
			}
			for _, op := range []segOp{opMin, opMax, opAdd} {
				dst := make([]float64, n)
				tmp := [2][]float64{make([]float64, len(src)), make([]float64, len(src))}
				windows(dst, src, w, op, &tmp)
				for i := range dst {
					want := src[i]
					for j := 1; j < w; j++ {
						want = apply(op, want, src[i+j])
					}
					// sums: any order of w-1 additions is within gamma(w-1)·Σ|x|
					if !(dst[i] == want || math.IsNaN(dst[i]) && math.IsNaN(want) || op == opAdd && withinBound(dst[i], src[i:i+w], w-1, false)) {
						t.Fatalf("w=%d n=%d op=%d: dst[%d] = %v, want %v", w, n, op, i, dst[i], want)
					}
				}
			}
		}
	}
}

// TestHistogram compares the sliding-histogram rank path on uint8 input
// with the lane program, for every mode (cval included) and random
// footprints; forced, as the cost order gives small boxes to the networks
// (intMedianAlg).
func TestHistogram(t *testing.T) {
	defer forceAlgorithm(histogramAlg{})()
	r := rand.New(rand.NewPCG(31, 32))
	kernels := []string{"median(values)", "percentile(values, 25)", "percentile(values, 62.5)",
		"sort(values)[0]", "sort(values)[-1]", "median(values)"}
	for trial := 0; trial < 300; trial++ {
		rank := 1 + r.IntN(3)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(8)
		}
		shape[rank-1] += r.IntN(30)
		n := 1
		for _, s := range shape {
			n *= s
		}
		data := make([]uint8, n)
		for i := range data {
			data[i] = uint8(r.IntN(256))
			if r.IntN(4) == 0 {
				data[i] = uint8(r.IntN(4)) // ties
			}
		}
		in, _ := ArrayOf(data, shape...)
		opts := randomOptions(r, rank)
		opts.Mode = Mode(trial % 8)
		opts.Cval = float64(r.IntN(256))
		opts.Output = Float64
		src := kernels[r.IntN(len(kernels))]
		fast, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if fast.Path(rank, in.DType).Kind != HistogramPath {
			t.Fatalf("%s: %s", src, fast.Path(rank, in.DType))
		}
		opts.General = true
		general, _ := New(src, opts)
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := general.Apply(context.Background(), in)
		for i, x := range a.Data.([]float64) {
			if y := b.Data.([]float64)[i]; x != y {
				t.Fatalf("%s on %v, footprint %v %v, mode %v, cval %v: element %d: histogram %v, general %v",
					src, shape, opts.Footprint.Shape, opts.Footprint.Mask, opts.Mode, opts.Cval, i, x, y)
			}
		}
	}
}

// TestMedian3 compares the shared-column 3x3 median with the lane program
// on random data (NaN in some lines), for every mode and origin.
func TestMedian3(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for trial := 0; trial < 200; trial++ {
		shape := []int{1 + r.IntN(9), 1 + r.IntN(40)}
		var axes []int
		if trial%5 == 0 {
			shape = append(shape, 2+r.IntN(3))
			axes = []int{0, 2}
		}
		in := randomArray(r, shape...)
		if trial%2 == 0 { // most lines without NaN
			for i, x := range in.Data.([]float64) {
				if x != x && r.IntN(4) > 0 {
					in.Data.([]float64)[i] = 0.25
				}
			}
		}
		opts := Options{Footprint: Box(3, 3), Mode: Mode(trial % 8), Cval: float64(r.IntN(3)),
			Origin: []int{r.IntN(3) - 1, r.IntN(3) - 1}, Axes: axes}
		src := []string{"median(values)", "median(abs(values - 0.5))"}[trial%2]
		fast, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if fast.Path(len(shape), Float64).Kind != Median3Path {
			t.Fatalf("%s: %s", src, fast.Path(len(shape), Float64))
		}
		opts.General = true
		general, _ := New(src, opts)
		a, _ := fast.Apply(context.Background(), in)
		b, _ := general.Apply(context.Background(), in)
		for i, x := range a.Data.([]float64) {
			y := b.Data.([]float64)[i]
			if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
				t.Fatalf("%s on %v, mode %v, origin %v: element %d: fast %v, general %v", src, shape, opts.Mode, opts.Origin, i, x, y)
			}
		}
	}
}

// TestBoxRank compares the shared-column box median with the lane program,
// forced: the typed rank path, tried first, takes these boxes' untransformed
// medians (TestPathKinds has the ones left to this path).
func TestBoxRank(t *testing.T) {
	defer forceAlgorithm(boxMedianAlg{})()
	r := rand.New(rand.NewPCG(51, 52))
	boxes := [][2]int{{5, 5}, {3, 5}, {5, 3}, {4, 4}, {2, 3}, {3, 2}, {2, 2}, {4, 6}, {6, 4}, {3, 7}}
	paths := map[string]int{}
	for trial := 0; trial < 300; trial++ {
		hw := boxes[trial%len(boxes)]
		shape := []int{1 + r.IntN(9), 1 + r.IntN(40)}
		if trial%5 == 0 { // lines longer than a piece (512 pixels)
			shape = []int{1 + r.IntN(6), 500 + r.IntN(700)}
		}
		in := randomArray(r, shape...)
		if trial%2 == 0 {
			for i, x := range in.Data.([]float64) {
				if x != x && r.IntN(4) > 0 {
					in.Data.([]float64)[i] = -0.0
				}
			}
		}
		opts := Options{Footprint: Box(hw[0], hw[1]), Mode: Mode(trial % 8), Cval: float64(r.IntN(3))}
		opts.Origin = []int{r.IntN(hw[0]) - hw[0]/2, r.IntN(hw[1]) - hw[1]/2}
		if hw[0]%2 == 0 { // scipy's range for an even size is -n/2 .. n/2-1
			opts.Origin[0] = min(opts.Origin[0], hw[0]/2-1)
		}
		if hw[1]%2 == 0 {
			opts.Origin[1] = min(opts.Origin[1], hw[1]/2-1)
		}
		src := []string{"median(values)", "median(abs(values - 0.5))"}[trial%2]
		fast, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		path := fast.Path(2, Float64)
		if path.Kind != BoxMedianPath && path.Kind != BoxPairsPath {
			t.Fatalf("%s %v: %s", src, hw, path)
		}
		paths[fmt.Sprint(path.Kind == BoxPairsPath)]++
		opts.General = true
		general, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := fast.Apply(context.Background(), in)
		b, _ := general.Apply(context.Background(), in)
		for i, x := range a.Data.([]float64) {
			y := b.Data.([]float64)[i]
			if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
				t.Fatalf("%s %v on %v, mode %v, origin %v: element %d: fast %v, general %v", src, hw, shape, opts.Mode, opts.Origin, i, x, y)
			}
		}
	}
	if paths["true"] == 0 || paths["false"] == 0 {
		t.Errorf("paths taken (in pairs?): %v; want both", paths)
	}
}

// TestHoisting compares kernels whose sub-expressions run by fast paths
// (hoisted) with the lane program alone, bit for bit. A mean is hoisted
// only where it is exact (here on int16 input): on float64 input the
// kernel takes the lane program.
func TestHoisting(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	kernels := []struct {
		src string
		in  DType
	}{
		{"abs(center - median(values)) > 3 * std(values) ? median(values) : center", Float64},
		{"count(values, # > median(values))", Float64},
		{"max(values) - min(values)", Float64},
		{"center - mean(values)", Int16},
		{"median(values) > c ? max(abs(values - c)) : count(values > c)", Float64},
	}
	notHoisted, err := New("center - mean(values)", Options{Footprint: Box(3, 3)})
	if err != nil {
		t.Fatal(err)
	}
	if p := notHoisted.Path(2, Float64); p.Kind != GeneralPath {
		t.Errorf("center - mean(values) on float64: %s; want the lane program, whose sum is numpy's", p)
	}
	for trial := 0; trial < 200; trial++ {
		k := kernels[trial%len(kernels)]
		shape := []int{1 + r.IntN(9), 1 + r.IntN(40)}
		in := randomArray(r, shape...)
		if k.in != Float64 {
			in = exactInput(r, k.in, shape[0], shape[1])
		}
		opts := Options{Footprint: Box(2+r.IntN(4), 2+r.IntN(4)), Mode: Mode(trial % 8), Cval: 1,
			Params: map[string]Param{"c": Number(0.5)}, Output: Float64}
		if trial%3 == 0 && !strings.Contains(k.src, "median") {
			opts.Footprint = Cross(2) // no rank path for a cross; min, max, mean have one
		}
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if fast.Path(2, k.in).Kind != HoistedPath {
			t.Fatalf("%s %v: %s", k.src, opts.Footprint.Shape, fast.Path(2, k.in))
		}
		opts.General = true
		general, _ := New(k.src, opts)
		a, _ := fast.Apply(context.Background(), in)
		b, _ := general.Apply(context.Background(), in)
		for i, x := range a.Data.([]float64) {
			if y := b.Data.([]float64)[i]; !sameBits(x, y) {
				t.Fatalf("%s on %v, footprint %v, mode %v: element %d: hoisted %v, general %v",
					k.src, shape, opts.Footprint.Shape, opts.Mode, i, x, y)
			}
		}
	}
}

// TestSignedZeros checks min and max over equal zeros of both signs: every
// path gives Go's answer (-0 for min, +0 for max) whatever the order of
// the operands, as the lane program does. (AVX2's VMINPD and VMAXPD would
// return either zero.)
func TestSignedZeros(t *testing.T) {
	r := rand.New(rand.NewPCG(71, 72))
	negZero := math.Copysign(0, -1)
	for _, fp := range []Footprint{Box(1, 2), Box(3, 3), Box(1, 15), Cross(2), Box(15, 15), Box(3, 12), Disk(3)} {
		for _, src := range []string{"min(values)", "max(values)", "max(values) - min(values)"} {
			data := make([]float64, 40*70)
			for i := range data {
				data[i] = []float64{0, negZero, 1, -1}[r.IntN(4)]
			}
			in, _ := ArrayOf(data, 40, 70)
			opts := Options{Footprint: fp, Mode: Mode(r.IntN(8))}
			fast, err := New(src, opts)
			if err != nil {
				t.Fatal(err)
			}
			opts.General = true
			general, _ := New(src, opts)
			a, _ := fast.Apply(context.Background(), in)
			b, _ := general.Apply(context.Background(), in)
			for i, x := range a.Data.([]float64) {
				if y := b.Data.([]float64)[i]; math.Float64bits(x) != math.Float64bits(y) {
					t.Fatalf("%s over %v (%s): element %d: fast %v, general %v", src, fp.Shape, fast.Path(2, Float64), i, x, y)
				}
			}
		}
	}
}
