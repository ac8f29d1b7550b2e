package filter

import (
	"context"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/kfilter/kfilter/compile"
)

// benchFilter times f on a size x size float64 array and reports, besides
// -benchmem's figures, the bytes allocated per run beyond the output.
func benchFilter(b *testing.B, src string, fp Footprint, size int) {
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]float64, size*size)
	for i := range data {
		data[i] = r.Float64()
	}
	in, _ := ArrayOf(data, size, size)
	f, err := New(src, Options{Footprint: fp, Params: map[string]compile.Param{"c": compile.Number(0.5)}})
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

func BenchmarkErodeCross2048(b *testing.B) { benchFilter(b, "min(values)", Cross(2), 2048) }
func BenchmarkMAD3x3_1024(b *testing.B) {
	benchFilter(b, "median(abs(values - c))", Box(3, 3), 1024)
}
func BenchmarkMedian5x5_1024(b *testing.B) { benchFilter(b, "median(values)", Box(5, 5), 1024) }
func BenchmarkMean5x5_2048(b *testing.B)   { benchFilter(b, "mean(values)", Box(5, 5), 2048) }

// TestScratchMemory checks that a run allocates no buffer the size of the
// image: its scratch (line buffers, registers) must not grow with the
// number of lines.
func TestScratchMemory(t *testing.T) {
	scratch := func(rows int) uint64 {
		in, _ := Zeros(Float64, rows, 1024)
		out, _ := Zeros(Float64, rows, 1024)
		f, _ := New("median(abs(values - 1))", Options{Footprint: Box(3, 3), Threads: 2})
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
