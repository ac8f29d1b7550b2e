package filter

import (
	"context"
	"math/rand/v2"
	"testing"
)

// BenchmarkApplySmall times one ApplyTo on a tiny array, one thread: for
// embedders filtering many small images or frames, the cost of a call
// (planning, workers) rather than of its pixels.
func BenchmarkApplySmall(b *testing.B) {
	for _, bc := range []struct {
		name  string
		src   string
		fp    Footprint
		dt    DType
		shape []int
	}{
		{"median3x3/float64/16x16", "median(values)", Box(3, 3), Float64, []int{16, 16}},
		{"ball2-median/float32/8x8x16", "median(values)", Ball(2), Float32, []int{8, 8, 16}},
		{"lee7x7/float64/16x16", leeKernel, Box(7, 7), Float64, []int{16, 16}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			f, err := New(bc.src, Options{Footprint: bc.fp, Threads: 1})
			if err != nil {
				b.Fatal(err)
			}
			// noise without NaNs: lines with a NaN take the lane program
			in, _ := Zeros(bc.dt, bc.shape...)
			r := rand.New(rand.NewPCG(1, 2))
			v := make([]float64, in.Len())
			for i := range v {
				v[i] = r.Float64()
			}
			fromFloat64(in.Data, 0, v)
			out, _ := Zeros(bc.dt, bc.shape...)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := f.ApplyTo(ctx, out, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
