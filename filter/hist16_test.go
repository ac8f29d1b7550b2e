package filter

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestHist16 compares the 16-bit sliding histogram with the lane program,
// element for element: uint16 and int16, boxes and disks of 50 values or
// more, every rank (sort(values)[k], median, percentiles on a rank),
// every mode, cvals of the type, origins, 3-D arrays through axes, one to
// three threads, outputs of the input type, float64 and int32, on noise
// over the whole range (the rank's band rebuilt often), a narrow range
// (the band kept) and flat patches with jumps. Forced: the typed rank
// path, tried first, takes footprints of up to 256 values (TestHist16Choice
// pins the ones left here).
func TestHist16(t *testing.T) {
	defer forceAlgorithm(hist16Alg{})()
	r := rand.New(rand.NewPCG(301, 302))
	for trial := 0; trial < 120; trial++ {
		dt := []DType{Uint16, Int16}[trial%2]
		rank := 2 + r.IntN(2)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(12)
		}
		shape[rank-1] += r.IntN(60)
		in, lo, hi := randomInts(r, dt, shape)
		f64, _ := Convert(in, Float64)
		d := f64.Data.([]float64)
		switch trial % 3 {
		case 1: // narrow
			base, span := lo+float64(r.IntN(60000)), 1+r.IntN(3000)
			for i := range d {
				d[i] = base + float64(r.IntN(span))
			}
		case 2: // flat patches
			for i := range d {
				d[i] = lo + float64((i/(3+trial%9)*7919)%int(hi-lo+1))
			}
		}
		in, _ = Convert(f64, dt)
		fp := Box(7+r.IntN(6), 8+r.IntN(5))
		if trial%4 == 3 {
			fp = Disk(5 + r.IntN(2))
		}
		if trial%8 == 1 { // past the typed rank path's 256 values
			fp = Box(17, 16+r.IntN(3))
		}
		n := 0
		for _, m := range fp.Mask {
			if m {
				n++
			}
		}
		var axes []int
		if rank == 3 {
			axes = [][]int{{0, 2}, {1, 2}}[r.IntN(2)]
		}
		opts := Options{Footprint: fp, Mode: Mode(trial % 8), Axes: axes, Threads: 1 + r.IntN(3),
			Origin: []int{-(fp.Shape[0] / 2) + r.IntN(fp.Shape[0]), -(fp.Shape[1] / 2) + r.IntN(fp.Shape[1])},
			Cval:   []float64{lo, hi, lo + float64(r.IntN(int(hi-lo)+1))}[r.IntN(3)],
			Output: []DType{0, Float64, Int32}[r.IntN(3)]}
		k := r.IntN(n)
		if trial%5 == 0 {
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
		if p := f.Path(rank, dt); !strings.Contains(p.Reason, "band") {
			t.Fatalf("%s over %v on %v, %+v: %v", src, fp.Shape, dt, opts, p)
		}
		sameAsGeneral(t, src, opts, in, HistogramPath)
	}
}

// TestHist16Choice pins which footprints take the 16-bit sliding
// histogram: one rank of more than 256 values (fewer go to the typed rank
// path, measured faster: uint16 noise 9x9 48 ms against 465, on a photo
// 80 against 261).
func TestHist16Choice(t *testing.T) {
	for _, c := range []struct {
		src  string
		fp   Footprint
		dt   DType
		want bool
	}{
		{"median(values)", Box(7, 7), Uint16, false},
		{"sort(values)[3]", Box(5, 10), Int16, false}, // typed rank
		{"sort(values)[3]", Box(5, 60), Int16, true},
		{"median(values)", Box(17, 17), Uint16, true},
		{"median(values)", Disk(9), Uint16, false}, // 253 values: typed rank
		{"median(values)", Disk(10), Int16, true},  // 317 values
		{"median(values)", Box(31, 31), Uint16, true},
		{"median(values)", Box(8, 8), Uint16, false},         // two ranks averaged
		{"percentile(values, 33)", Box(9, 9), Uint16, false}, // between two ranks
		{"median(abs(values))", Box(9, 9), Int16, false},
		{"median(values)", Box(9, 9), Uint8, false},
	} {
		f, err := New(c.src, Options{Footprint: c.fp})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(2, c.dt)
		if got := p.Kind == HistogramPath && strings.Contains(p.Reason, "band"); got != c.want {
			t.Errorf("%s over %v on %v: %v", c.src, c.fp.Shape, c.dt, p)
		}
	}
}

// TestHist16Allocs: the 16-bit sliding histogram allocates per run, not
// per line.
func TestHist16Allocs(t *testing.T) {
	for _, dt := range []DType{Uint16, Int16} {
		f, err := New("median(values)", Options{Footprint: Box(17, 17), Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, dt); p.Kind != HistogramPath {
			t.Fatalf("%v: %v", dt, p)
		}
		allocs := func(rows int) float64 {
			in, _ := Zeros(dt, rows, 256)
			out, _ := Zeros(dt, rows, 256)
			return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
		}
		if small, large := allocs(128), allocs(1024); large > small+16 {
			t.Errorf("%v: %v allocations for 1024 lines, %v for 128", dt, large, small)
		}
	}
}

// BenchmarkHist16 times 16-bit medians by the three-level sliding
// histogram on a 1024x1024 uint16 image of noise, one thread, mode mirror.
func BenchmarkHist16(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]uint16, 1024*1024)
	for i := range data {
		data[i] = uint16(r.Uint32())
	}
	in, _ := ArrayOf(data, 1024, 1024)
	for _, size := range []int{17, 31} {
		b.Run(fmt.Sprintf("u16-%dx%d", size, size), func(b *testing.B) {
			f, err := New("median(values)", Options{Footprint: Box(size, size), Mode: Mirror, Threads: 1})
			if err != nil {
				b.Fatal(err)
			}
			if p := f.Path(2, Uint16); p.Kind != HistogramPath {
				b.Fatalf("path %v", p)
			}
			b.SetBytes(int64(2 * len(data)))
			for b.Loop() {
				if _, err := f.Apply(context.Background(), in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
