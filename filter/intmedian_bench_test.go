package filter

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkIntMedian times the integer box median on a 2048x2048 uint8
// image, one thread, mode mirror (frontier.py's u8-median rows).
func BenchmarkIntMedian(b *testing.B) {
	for _, size := range []int{3, 5} {
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
			if k := f.Path(2, Uint8).Kind; k != IntMedianPath {
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
