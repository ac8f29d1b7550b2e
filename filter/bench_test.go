package filter

import (
	"context"
	"math/rand/v2"
	"runtime"
	"testing"
)

// benchFilter times f on a size x size float64 array and reports, besides
// -benchmem's figures, the bytes allocated per run beyond the output.
func benchFilter(b *testing.B, src string, fp Footprint, size int) {
	benchFilterOpts(b, src, Options{Footprint: fp}, size)
}

func benchFilterOpts(b *testing.B, src string, opts Options, size int) {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]float64, size*size)
	for i := range data {
		data[i] = r.Float64()
	}
	in, _ := ArrayOf(data, size, size)
	opts.Params = map[string]Param{"c": Number(0.5)}
	f, err := New(src, opts)
	if err != nil {
		b.Fatal(err)
	}
	out, _ := Zeros(Float64, size, size)
	ctx := context.Background()
	b.ReportAllocs()
	b.SetBytes(int64(8 * size * size))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		if err := f.ApplyTo(ctx, out, in); err != nil {
			b.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N), "scratchB/op")
}

// One benchmark per path (see pathKernels), and the general path alone.
func BenchmarkErodeCross2048(b *testing.B) { benchFilter(b, "min(values)", Cross(2), 2048) }
func BenchmarkMin15x15_2048(b *testing.B)  { benchFilter(b, "min(values)", Box(15, 15), 2048) }
func BenchmarkMAD3x3_1024(b *testing.B) {
	benchFilter(b, "median(abs(values - c))", Box(3, 3), 1024)
}
func BenchmarkMedian3x3_1024(b *testing.B) { benchFilter(b, "median(values)", Box(3, 3), 1024) }
func BenchmarkMedian5x5_1024(b *testing.B) { benchFilter(b, "median(values)", Box(5, 5), 1024) }
func BenchmarkMedian2x2_1024(b *testing.B) { benchFilter(b, "median(values)", Box(2, 2), 1024) }
func BenchmarkMax2x70_1024(b *testing.B)   { benchFilter(b, "max(values)", Box(2, 70), 1024) }
func BenchmarkMean5x5_2048(b *testing.B)   { benchFilter(b, "mean(values)", Box(5, 5), 2048) }
func BenchmarkCount5x5_1024(b *testing.B)  { benchFilter(b, "count(values, # > c)", Box(5, 5), 1024) }
func BenchmarkOutlier5x5_1024(b *testing.B) {
	benchFilter(b, "abs(center - median(values)) > 3 * std(values) ? median(values) : center", Box(5, 5), 1024)
}
func BenchmarkMedianDisk2_1024(b *testing.B) { benchFilter(b, "median(values)", Disk(2), 1024) }
func BenchmarkGeneralOutlier5x5_1024(b *testing.B) {
	benchFilterOpts(b, "abs(center - median(values)) > 3 * std(values) ? median(values) : center",
		Options{Footprint: Box(5, 5), General: true}, 1024)
}

func BenchmarkHistogramMedian7x7_2048(b *testing.B) {
	benchUint8(b, "median(values)", Box(7, 7))
}

// BenchmarkHistogramMedianDisk10_2048: 317 values, past the typed rank
// path's uint8 footprints, the sliding histogram's.
func BenchmarkHistogramMedianDisk10_2048(b *testing.B) {
	if f, _ := New("median(values)", Options{Footprint: Disk(10)}); f.Path(2, Uint8).Kind != HistogramPath {
		b.Fatal(f.Path(2, Uint8))
	}
	benchUint8(b, "median(values)", Disk(10))
}

// uint8 in, uint8 out: integer runs (before them, runs over float64 lines)
func BenchmarkErodeCrossUint8_2048(b *testing.B) { benchUint8(b, "min(values)", Cross(2)) }
func BenchmarkMin15x15Uint8_2048(b *testing.B)   { benchUint8(b, "min(values)", Box(15, 15)) }

func benchUint8(b *testing.B, src string, fp Footprint) {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]uint8, 2048*2048)
	for i := range data {
		data[i] = uint8(r.IntN(256))
	}
	in, _ := ArrayOf(data, 2048, 2048)
	f, _ := New(src, Options{Footprint: fp})
	out, _ := Zeros(Uint8, 2048, 2048)
	b.ReportAllocs()
	for b.Loop() {
		if err := f.ApplyTo(context.Background(), out, in); err != nil {
			b.Fatal(err)
		}
	}
}

// pathKernels is one kernel per execution path, for the allocation test.
var pathKernels = []struct {
	src string
	fp  Footprint
	in  DType
}{
	{"min(values)", Cross(2), Float64},                              // direct
	{"min(values)", Box(3, 15), Float64},                            // runs, doubling
	{"max(values)", Box(3, 40), Uint8},                              // integer runs, bytes
	{"min(values)", Cross(2), Int16},                                // integer runs, 16 bits
	{"max(values)", Box(2, 70), Float64},                            // runs, van Herk/Gil-Werman
	{"sum(values)", Box(3, 15), Float64},                            // runs, van Herk/Gil-Werman sums
	{"count(values, # > 1)", Box(5, 5), Float64},                    // runs with a transform
	{"median(values)", Box(3, 3), Float64},                          // 3x3 median
	{"median(values)", Box(5, 5), Float64},                          // box median, windows in pairs
	{"median(values)", Box(2, 2), Float64},                          // box median, one window at a time
	{"percentile(abs(values - 1), 30)", Disk(1), Float64},           // transform, then the rank's program
	{"median(values)", Box(7, 7), Uint8},                            // histogram
	{"max(values) - min(values) + std(values)", Box(3, 3), Float64}, // hoisting
	{"mean(filter(values, # > 0.5))", Box(3, 3), Float64},           // general
}

// TestAllocsPerLine checks every path allocates per call (and lazily per
// cached line slot), never per line or strip: one worker allocates about
// as much for 128 lines as for 1024 (a per-line allocation would add 896;
// the slack is for the runtime's own, which the race detector adds).
func TestAllocsPerLine(t *testing.T) {
	for _, k := range pathKernels {
		f, err := New(k.src, Options{Footprint: k.fp, Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		allocs := func(rows int) float64 {
			in, _ := Zeros(k.in, rows, 256)
			out, _ := Zeros(k.in, rows, 256)
			return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
		}
		if small, large := allocs(128), allocs(1024); large > small+16 {
			t.Errorf("%s (%s): %v allocations for 1024 lines, %v for 128", k.src, f.Path(2, k.in), large, small)
		}
	}
}

// TestScratchMemory checks that a run allocates no buffer the size of the
// image: its scratch (line buffers, registers) must not grow with the
// number of lines. One thread: with two, a goroutine that starts after
// the other finished takes its worker from the plan rather than making
// one, so the number of workers would vary from run to run.
func TestScratchMemory(t *testing.T) {
	scratch := func(rows int) uint64 {
		in, _ := Zeros(Float64, rows, 1024)
		out, _ := Zeros(Float64, rows, 1024)
		f, _ := New("median(abs(values - 1))", Options{Footprint: Box(3, 3), Threads: 1})
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if err := f.ApplyTo(context.Background(), out, in); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := scratch(256), scratch(4096)
	if large > small*5/4 || large > 8*4096*1024/8 {
		t.Errorf("scratch %d bytes for 4096 lines, %d for 256: it grows with the image", large, small)
	}
}

// The box sums' costs: the fast path, and the general path that sums in
// numpy's order.
func BenchmarkMean15x15_2048(b *testing.B) { benchFilter(b, "mean(values)", Box(15, 15), 2048) }
func BenchmarkGeneralMean5x5_2048(b *testing.B) {
	benchFilterOpts(b, "mean(values)", Options{Footprint: Box(5, 5), General: true}, 2048)
}
func BenchmarkGeneralMean15x15_2048(b *testing.B) {
	benchFilterOpts(b, "mean(values)", Options{Footprint: Box(15, 15), General: true}, 2048)
}
func BenchmarkSumCross2048(b *testing.B) { benchFilter(b, "sum(values)", Cross(2), 2048) }
func BenchmarkMean2x4_2048(b *testing.B) { benchFilter(b, "mean(values)", Box(2, 4), 2048) }
func BenchmarkCenterMinusMean5x5_2048(b *testing.B) {
	benchFilter(b, "center - mean(values)", Box(5, 5), 2048)
}
