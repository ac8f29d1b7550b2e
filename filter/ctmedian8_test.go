package filter

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// ctBytes reports whether the filter's path is the constant-time median
// with 8-bit counts (vec.CTMedianU8), from what explain says runs.
func ctBytes(f *Filter, rank int, dt DType) bool {
	p := f.Path(rank, dt)
	return p.Kind == CTMedianPath && strings.Contains(p.Reason, "8-bit counts")
}

// TestCTMedianBytes compares the constant-time median with 8-bit counts
// (boxes of 9 rows or more and at most 255 values, AVX2; forced, so that
// boxes of fewer than 81 values, the typed rank path's, stay tested) with the lane program, element for
// element: every rank of the box (sort(values)[k], median, percentiles on
// a rank), every mode, cvals, origins, 3-D arrays through axes, one to
// three threads, output of the input's type (in place), float64 and int16, on images of
// the full range, of a narrow one (the rank staying under one coarse bin,
// its fine bins updated column by column) and of flat patches with
// jumps (fine bins summed afresh).
func TestCTMedianBytes(t *testing.T) {
	if !vec.AVX2 {
		t.Skip("8-bit counts run with the AVX2 kernel only")
	}
	defer forceAlgorithm(ctMedianAlg{})()
	r := rand.New(rand.NewPCG(201, 202))
	for trial := 0; trial < 120; trial++ {
		rank := 2 + r.IntN(2)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(14)
		}
		shape[rank-1] += r.IntN(70)
		dt := []DType{Uint8, Int8}[trial%2]
		in, lo, hi := randomInts(r, dt, shape)
		switch trial % 3 {
		case 1: // narrow
			base, span := r.IntN(200), 1+r.IntN(40)
			f64, _ := Convert(in, Float64)
			for i, v := range f64.Data.([]float64) {
				f64.Data.([]float64)[i] = lo + float64(base+int(v-lo)%span)
			}
			in, _ = Convert(f64, dt)
		case 2: // flat patches
			f64, _ := Convert(in, Float64)
			for i := range f64.Data.([]float64) {
				f64.Data.([]float64)[i] = lo + float64(i/(5+trial%7)*37%256)
			}
			in, _ = Convert(f64, dt)
		}
		fs := []int{9 + r.IntN(9), 3 + r.IntN(13)}
		if trial%10 == 3 {
			fs = []int{15, 17} // n = 255
		}
		n := fs[0] * fs[1]
		var axes []int
		if rank == 3 {
			axes = [][]int{{0, 2}, {1, 2}}[r.IntN(2)]
		}
		opts := Options{Footprint: Box(fs...), Mode: Mode(trial % 8), Axes: axes, Threads: 1 + r.IntN(3),
			Origin: []int{-(fs[0] / 2) + r.IntN(fs[0]), -(fs[1] / 2) + r.IntN(fs[1])},
			Cval:   []float64{lo, hi, lo + float64(r.IntN(256))}[r.IntN(3)],
			Output: []DType{0, Float64, Int16}[r.IntN(3)]}
		k := r.IntN(n)
		if trial%4 == 0 {
			k = []int{0, n - 1}[r.IntN(2)]
		}
		src := "sort(values)[" + strconv.Itoa(k) + "]"
		switch r.IntN(4) {
		case 0:
			if n%2 == 1 {
				src = "median(values)"
			}
		case 1:
			src = []string{"percentile(values, 0)", "percentile(values, 100)"}[r.IntN(2)]
		}
		f, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !ctBytes(f, rank, dt) {
			t.Fatalf("%s over %v on %v: %v", src, fs, dt, f.Path(rank, dt))
		}
		sameAsGeneral(t, src, opts, in, CTMedianPath)
	}
}

// TestCTMedianWide is TestCTMedianBytes for boxes of more than 255
// values: 16-bit counts (vec.CTMedianU16), boxes of 10 to 40 rows.
func TestCTMedianWide(t *testing.T) {
	if !vec.AVX2 {
		t.Skip("16-bit counts in vectors run with the AVX2 kernel only")
	}
	r := rand.New(rand.NewPCG(203, 204))
	for trial := 0; trial < 60; trial++ {
		rank := 2 + r.IntN(2)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(12)
		}
		shape[rank-1] += r.IntN(60)
		dt := []DType{Uint8, Int8}[trial%2]
		in, lo, hi := randomInts(r, dt, shape)
		if trial%3 == 1 {
			base, span := r.IntN(200), 1+r.IntN(40)
			f64, _ := Convert(in, Float64)
			for i, v := range f64.Data.([]float64) {
				f64.Data.([]float64)[i] = lo + float64(base+int(v-lo)%span)
			}
			in, _ = Convert(f64, dt)
		}
		fs := []int{10 + r.IntN(31), 26 + r.IntN(10)}
		n := fs[0] * fs[1]
		var axes []int
		if rank == 3 {
			axes = [][]int{{0, 2}, {1, 2}}[r.IntN(2)]
		}
		opts := Options{Footprint: Box(fs...), Mode: Mode(trial % 8), Axes: axes, Threads: 1 + r.IntN(3),
			Origin: []int{-(fs[0] / 2) + r.IntN(fs[0]), -(fs[1] / 2) + r.IntN(fs[1])},
			Cval:   []float64{lo, hi, lo + float64(r.IntN(256))}[r.IntN(3)],
			Output: []DType{0, Float64, Int16}[r.IntN(3)]}
		k := r.IntN(n)
		if trial%4 == 0 {
			k = []int{0, n - 1}[r.IntN(2)]
		}
		src := "sort(values)[" + strconv.Itoa(k) + "]"
		if r.IntN(3) == 0 && n%2 == 1 {
			src = "median(values)"
		}
		f, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(rank, dt); !strings.Contains(p.Reason, "16-bit counts") {
			t.Fatalf("%s over %v on %v: %v", src, fs, dt, p)
		}
		sameAsGeneral(t, src, opts, in, CTMedianPath)
	}
}

// TestCTMedianCounts pins where 8-bit counts stop: a box of 255 values
// takes them, one of 256 the 16-bit lanes (and so does every box without
// AVX2), both the constant-time median; from 9 rows with AVX2, else from
// 15 (the sliding histogram below), and from 81 values (the typed rank
// path below).
func TestCTMedianCounts(t *testing.T) {
	for _, c := range []struct {
		fp        Footprint
		ct, bytes bool
	}{
		{Box(15, 17), true, true}, {Box(41, 2), true, true}, {Box(255, 1), true, true}, {Box(10, 25), vec.AVX2, true},
		{Box(16, 16), true, false}, {Box(31, 31), true, false}, {Box(256, 1), true, false},
		{Box(9, 9), vec.AVX2, true}, {Box(10, 26), vec.AVX2, false}, {Box(14, 19), vec.AVX2, false},
		{Box(8, 11), false, false}, {Box(15, 2), false, false}, {Box(9, 8), false, false}, {Box(20, 4), false, false},
	} {
		f, err := New("sort(values)[14]", Options{Footprint: c.fp})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(2, Uint8)
		wide := c.ct && !c.bytes && vec.AVX2
		if (p.Kind == CTMedianPath) != c.ct || ctBytes(f, 2, Uint8) != (c.bytes && vec.AVX2) || strings.Contains(p.Reason, "16-bit counts") != wide {
			t.Errorf("%v: %v", c.fp.Shape, p)
		}
	}
}

// TestCTMedianAllocs: the constant-time median allocates per run, not per
// line, with either count width.
func TestCTMedianAllocs(t *testing.T) {
	for _, fp := range []Footprint{Box(15, 15), Box(17, 17)} {
		f, err := New("median(values)", Options{Footprint: fp, Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, Uint8); p.Kind != CTMedianPath {
			t.Fatalf("%v: %v", fp.Shape, p)
		}
		allocs := func(rows int) float64 {
			in, _ := Zeros(Uint8, rows, 256)
			out, _ := Zeros(Uint8, rows, 256)
			return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
		}
		if small, large := allocs(128), allocs(1024); large > small+16 {
			t.Errorf("%v: %v allocations for 1024 lines, %v for 128", fp.Shape, large, small)
		}
	}
}

// BenchmarkCTMedian times the constant-time median on a 2048x2048 uint8
// image, one thread, mode mirror: 15x15 with 8-bit counts (frontier.py's
// u8-median-15x15), 31x31 with 16-bit ones.
func BenchmarkCTMedian(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]uint8, 2048*2048)
	for i := range data {
		data[i] = uint8(r.Uint32())
	}
	in, _ := ArrayOf(data, 2048, 2048)
	for _, size := range []int{15, 31} {
		b.Run(fmt.Sprintf("u8-%dx%d", size, size), func(b *testing.B) {
			f, err := New("median(values)", Options{Footprint: Box(size, size), Mode: Mirror, Threads: 1})
			if err != nil {
				b.Fatal(err)
			}
			if p := f.Path(2, Uint8); p.Kind != CTMedianPath {
				b.Fatalf("path %v", p)
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := f.Apply(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
