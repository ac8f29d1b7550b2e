package filter

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/vm"
)

// exprErode is what a Go programmer would write without kfilter: gather
// each pixel's footprint into a buffer (reflect mode) and run expr-lang's
// compiled program on it, once per pixel.
func exprErode(b testing.TB, prog *vm.Program, in []float64, h, w int, out []float64) {
	env := map[string]any{"values": make([]float64, 5)}
	buf := env["values"].([]float64)
	var machine vm.VM
	refl := func(i, n int) int { return Reflect.index(i, n) }
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			buf[0] = in[refl(y-1, h)*w+x]
			buf[1] = in[y*w+refl(x-1, w)]
			buf[2] = in[y*w+x]
			buf[3] = in[y*w+refl(x+1, w)]
			buf[4] = in[refl(y+1, h)*w+x]
			v, err := machine.Run(prog, env)
			if err != nil {
				b.Fatal(err)
			}
			out[y*w+x] = v.(float64)
		}
	}
}

// BenchmarkExprBaseline times the expr-lang loop above (one run) against
// kfilter (the median of five runs after a warm-up) on the erode-cross
// case (2048x2048 float64, min over a cross) and reports the ratio.
func BenchmarkExprBaseline(b *testing.B) {
	const n = 2048
	r := rand.New(rand.NewPCG(1, 2))
	data := make([]float64, n*n)
	for i := range data {
		data[i] = r.Float64()
	}
	prog, err := expr.Compile("min(values)", expr.Env(map[string]any{"values": []float64{}}))
	if err != nil {
		b.Fatal(err)
	}
	in, _ := ArrayOf(data, n, n)
	f, _ := New("min(values)", Options{Footprint: Cross(2)})
	kout, _ := Zeros(Float64, n, n)
	eout := make([]float64, n*n)
	for b.Loop() {
		start := time.Now()
		exprErode(b, prog, data, n, n, eout)
		exprTime := time.Since(start)
		// kfilter: warmed up, the median of five runs
		var times []time.Duration
		for range 6 {
			start = time.Now()
			if err := f.ApplyTo(context.Background(), kout, in); err != nil {
				b.Fatal(err)
			}
			times = append(times, time.Since(start))
		}
		slices.Sort(times[1:])
		kTime := times[3]
		b.ReportMetric(float64(exprTime.Milliseconds()), "expr-ms")
		b.ReportMetric(float64(kTime.Microseconds())/1000, "kfilter-ms")
		b.ReportMetric(float64(exprTime)/float64(kTime), "speedup")
	}
	for i, v := range kout.Data.([]float64) {
		if v != eout[i] {
			b.Fatalf("pixel %d: kfilter %v, expr %v", i, v, eout[i])
		}
	}
}
