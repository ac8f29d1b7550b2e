package compile

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkCompile(b *testing.B) {
	for _, src := range []string{
		"median(abs(values - c))",
		"abs(center - median(values)) > 3 * std(values) ? median(values) : center",
	} {
		b.Run(src, func(b *testing.B) {
			for b.Loop() {
				if _, err := Compile(src, Config{N: 9, Params: testParams}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchRun times a program over one 4096-pixel strip of a footprint of n.
func benchRun(b *testing.B, src string, n int) {
	p := mustCompile(b, src, n)
	m := p.NewMachine()
	in := inputs(rand.New(rand.NewPCG(7, 8)), n, 4096)
	for k := range in {
		for i := range in[k] {
			in[k][i] = rand.Float64() // no NaN: the common case
		}
	}
	out := make([]float64, 4096)
	b.SetBytes(4096 * 8)
	b.ReportAllocs()
	for b.Loop() {
		m.Run(out, in, in[n/2])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/4096, "ns/pixel")
}

func BenchmarkRunMAD3x3(b *testing.B)    { benchRun(b, "median(abs(values - c))", 9) }
func BenchmarkRunMin3x3(b *testing.B)    { benchRun(b, "min(values)", 9) }
func BenchmarkRunMean5x5(b *testing.B)   { benchRun(b, "mean(values)", 25) }
func BenchmarkRunCount5x5(b *testing.B)  { benchRun(b, "count(values, # > c)", 25) }
func BenchmarkRunMedian5x5(b *testing.B) { benchRun(b, "median(values)", 25) }
func BenchmarkRunOutlier5x5(b *testing.B) {
	benchRun(b, "abs(center - median(values)) > 3 * std(values) ? median(values) : center", 25)
}
func BenchmarkRunFilterMean3x3(b *testing.B)  { benchRun(b, "mean(filter(values, # >= c))", 9) }
func BenchmarkRunFilterMean5x5(b *testing.B)  { benchRun(b, "mean(filter(values, # >= c))", 25) }
func BenchmarkRunCountCenter5x5(b *testing.B) { benchRun(b, "count(values, # > center)", 25) }
func BenchmarkRunTernary5x5(b *testing.B) {
	benchRun(b, "sum(map(values, # > center ? center : #))", 25)
}
