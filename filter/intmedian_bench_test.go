package filter

import (
	"context"
	"fmt"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// BenchmarkIntMedian times the uint8 box medians on a 2048x2048 image,
// one thread, mode mirror (frontier.py's u8-median rows): the networks to
// 7x7, the constant-time median at 15x15.
func BenchmarkIntMedian(b *testing.B) {
	for _, size := range []int{3, 5, 7, 15} {
		b.Run(fmt.Sprintf("u8-%dx%d", size, size), func(b *testing.B) {
			data := make([]uint8, 2048*2048)
			for i := range data {
				data[i] = uint8(i*7919 + i>>11*104729)
			}
			in, _ := ArrayOf(data, 2048, 2048)
			f, err := New("median(values)", Options{Footprint: Box(size, size), Mode: Mirror, Threads: 1})
			if err != nil {
				b.Fatal(err)
			}
			var want PathKind
			switch {
			case size >= 15:
				want = CTMedianPath
			case size == 5 || size == 7 && vec.AVX2 || size == 3:
				want = IntMedianPath
			default:
				want = TypedRankPath // 7x7 without AVX2
			}
			if k := f.Path(2, Uint8).Kind; k != want {
				b.Fatalf("path %v", k)
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

// TestIntMedianAllocs: the integer box median allocates per run, not per
// line (the uint8 3x3, 5x5 and 7x7 kernels, and the generic network on int16).
func TestIntMedianAllocs(t *testing.T) {
	for _, k := range []struct {
		fp Footprint
		in DType
	}{{Box(3, 3), Uint8}, {Box(5, 5), Uint8}, {Box(7, 7), Uint8}, {Box(3, 5), Int16}} {
		if k.fp.Shape[0] == 7 && !vec.AVX2 {
			continue // the sliding histogram's, checked in TestAllocsPerLine
		}
		f, err := New("median(values)", Options{Footprint: k.fp, Threads: 1})
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, k.in); p.Kind != IntMedianPath {
			t.Fatalf("%v on %v: %v", k.fp.Shape, k.in, p)
		}
		allocs := func(rows int) float64 {
			in, _ := Zeros(k.in, rows, 256)
			out, _ := Zeros(k.in, rows, 256)
			return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
		}
		if small, large := allocs(128), allocs(1024); large > small+16 {
			t.Errorf("%v on %v: %v allocations for 1024 lines, %v for 128", k.fp.Shape, k.in, large, small)
		}
	}
}
