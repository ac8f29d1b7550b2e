package filter

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// BenchmarkPortOrder times each pattern algorithm that applies, forced
// (forceAlgorithm), on the rank and min/max rows: 1024x1024 noise (128^3
// for ball:2), one thread, mirror mode. It reports the median of the runs
// in ms ("med-ms"): run it with -benchtime=5x, under -tags purego for the
// order without vector kernels (portorder.go has the numbers).
func BenchmarkPortOrder(b *testing.B) {
	type fpRow struct {
		name  string
		fp    Footprint
		shape []int
	}
	fps := []fpRow{
		{"3x3", Box(3, 3), []int{1024, 1024}}, {"5x5", Box(5, 5), []int{1024, 1024}},
		{"7x7", Box(7, 7), []int{1024, 1024}}, {"9x9", Box(9, 9), []int{1024, 1024}},
		{"15x15", Box(15, 15), []int{1024, 1024}}, {"disk:3", Disk(3), []int{1024, 1024}},
		{"disk:7", Disk(7), []int{1024, 1024}}, {"4x4", Box(4, 4), []int{1024, 1024}}, {"3x5", Box(3, 5), []int{1024, 1024}}, {"ball:2", Ball(2), []int{128, 128, 128}},
	}
	kernels := []string{"median(values)", "min(values)", "percentile(values, 25)"}
	algs := append(slices.Clone(patternAlgorithms), generalAlg{})
	for _, dt := range []DType{Uint8, Int16, Uint16, Float32, Float64} {
		for _, fr := range fps {
			r := rand.New(rand.NewPCG(5, 6))
			var in *Array
			if dt == Float32 || dt == Float64 {
				n := 1
				for _, s := range fr.shape {
					n *= s
				}
				data := make([]float64, n)
				for i := range data {
					data[i] = r.Float64()
				}
				f64, _ := ArrayOf(data, fr.shape...)
				in, _ = Convert(f64, dt)
			} else {
				in, _, _ = randomInts(r, dt, fr.shape)
			}
			for _, k := range kernels {
				opts := Options{Footprint: fr.fp, Mode: Mirror, Threads: 1}
				for _, a := range algs {
					restore := forceAlgorithm(a)
					f, err := New(k, opts)
					if err != nil {
						b.Fatal(err)
					}
					kind := f.Path(len(fr.shape), dt).Kind
					_, isGeneral := a.(generalAlg)
					if kind == GeneralPath && !isGeneral || isGeneral && fr.fp.Count() > 81 {
						restore()
						continue
					}
					name := fmt.Sprintf("%v/%s/%s/%v", dt, fr.name, k[:3], kind)
					b.Run(name, func(b *testing.B) {
						out, _ := Zeros(f.OutputDType(dt), fr.shape...)
						var ms []float64
						for b.Loop() {
							t0 := time.Now()
							if err := f.ApplyTo(context.Background(), out, in); err != nil {
								b.Fatal(err)
							}
							ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
						}
						slices.Sort(ms)
						b.ReportMetric(ms[len(ms)/2], "med-ms")
						b.ReportMetric(ms[0], "min-ms")
						b.ReportMetric(ms[len(ms)-1], "max-ms")
					})
					restore()
				}
			}
		}
	}
}
