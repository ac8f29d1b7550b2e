package filter

import (
	"context"
	"math/rand/v2"
	"testing"
)

// TestIntRuns compares min and max of 8- and 16-bit integer input in its
// own type with the lane program, element for element, on random shapes
// (ranks 1 to 3, lines past a vector's 32 bytes), footprints (long runs
// among them), modes, cvals of the type (its extremes among them),
// origins and axes; into output of the input's type (written in place),
// float64 and int16 output, and hoisted into a larger kernel.
func TestIntRuns(t *testing.T) {
	r := rand.New(rand.NewPCG(71, 72))
	kernels := []struct {
		src  string
		kind PathKind
	}{
		{"min(values)", IntRunsPath},
		{"max(values)", IntRunsPath},
		{"max(values) - min(values)", HoistedPath},
	}
	for trial := 0; trial < 300; trial++ {
		rank := 1 + r.IntN(3)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(6)
		}
		shape[rank-1] += r.IntN(90)
		n := 1
		for _, s := range shape {
			n *= s
		}
		dtype := []DType{Uint8, Int8, Uint16, Int16}[trial%4]
		bounds := map[DType][2]float64{Uint8: {0, 255}, Int8: {-128, 127}, Uint16: {0, 65535}, Int16: {-32768, 32767}}[dtype]
		lo, hi := bounds[0], bounds[1]
		data := make([]float64, n)
		for i := range data {
			data[i] = lo + float64(r.IntN(int(hi-lo)+1))
			if r.IntN(5) == 0 {
				data[i] = []float64{lo, hi}[r.IntN(2)]
			}
		}
		f64, err := ArrayOf(data, shape...)
		if err != nil {
			t.Fatal(err)
		}
		in, err := Convert(f64, dtype)
		if err != nil {
			t.Fatal(err)
		}
		opts := randomOptions(r, rank)
		opts.Params = nil
		opts.Mode = Mode(trial % 8)
		opts.Cval = []float64{lo, hi, lo + float64(r.IntN(int(hi-lo)+1))}[r.IntN(3)]
		if trial%5 == 0 {
			fs := make([]int, opts.Footprint.Rank())
			for i := range fs {
				fs[i] = 1 + r.IntN(3)
			}
			fs[len(fs)-1] = 2 + r.IntN(70) // runs past 32 and 64
			opts.Footprint, opts.Origin = Box(fs...), nil
		}
		k := kernels[r.IntN(len(kernels))]
		opts.Output = []DType{0, Float64, Int16}[r.IntN(3)]
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(rank, dtype); p.Kind != k.kind {
			t.Fatalf("%s over %v: %v: %s", k.src, opts.Footprint.Shape, p.Kind, p)
		}
		opts.General = true
		general, _ := New(k.src, opts)
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		b, err := general.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if a.DType != b.DType {
			t.Fatalf("%s: output %v, general %v", k.src, a.DType, b.DType)
		}
		af, _ := Convert(a, Float64)
		bf, _ := Convert(b, Float64)
		for i, x := range af.Data.([]float64) {
			if y := bf.Data.([]float64)[i]; x != y {
				t.Fatalf("%s on %v %v, footprint %v %v, mode %v, cval %v, output %v: element %d: fast %v, general %v",
					k.src, dtype, shape, opts.Footprint.Shape, opts.Footprint.Mask, opts.Mode, opts.Cval, a.DType, i, x, y)
			}
		}
	}
}
