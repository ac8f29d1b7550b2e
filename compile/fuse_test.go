package compile

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFusions: the sub, abs, sum chain and the sub, square, sum or mean
// chain are fused where their arrays die
// with it, not where a later instruction reads them, and the fused
// machine gives the unfused one's bits and Eval's (NaN as any NaN) over
// sums of every size class (sequential below 8, blocks of 8 to 128,
// halved past 128).
func TestFusions(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for _, c := range []struct {
		src   string
		fused uint8
	}{
		{"sum(abs(values - center))", fuseAbsDevSum},
		{"sum(abs(values - values[0]))", fuseAbsDevSum},
		{"sum(abs(values - mean(values))) / len(values)", fuseAbsDevSum},
		{"sum(abs(values - center)) + 1", fuseAbsDevSum},
		{"sum(abs(center - values))", fuseNone}, // the array is B: not the chain
		{"sum(abs(values - center)) + max(values - center)", fuseNone},
		{"sum(abs(values - center)) + max(abs(values - center))", fuseNone},
		{"let d = abs(values - center); sum(d) * d[0]", fuseNone},
		{"sum(abs(values - center * 0 + values))", fuseNone}, // array - array
		{"mean((values - center) ** 2)", fuseSqDevSum},
		{"sum((values - values[-1]) ** 2)", fuseSqDevSum},
		{"let m = mean(values); let v = mean((values - m) ** 2); m + (center - m) * max(v - 0.01, 0) / (v + 1e-12)", fuseSqDevSum},
		{"mean((values - center) ** 2) + min((values - center) ** 2)", fuseNone},
		{"mean((values - center) * (values - 1))", fuseNone},
		{"prod((values - center) ** 2)", fuseNone},
	} {
		for _, N := range []int{1, 3, 7, 8, 9, 25, 49, 129, 200} {
			p := mustCompile(t, c.src, N)
			var fused uint8
			for _, k := range fusions(p) {
				fused = max(fused, k)
			}
			if fused != c.fused {
				t.Fatalf("%s over %d: fused %v, want %v\n%s", c.src, N, fused, c.fused, p)
			}
			n := 1 + r.IntN(40)
			in := inputs(r, N, n)
			center := make([]float64, n)
			for i := range center {
				center[i] = sample(r)
			}
			got, plain := make([]float64, n), make([]float64, n)
			p.NewMachine().Run(got, in, center)
			m := newMachine(p, false) // every register in memory
			m.fuse = nil
			m.Run(plain, in, center)
			vals := make([]float64, N)
			for i := range got {
				for k := range vals {
					vals[k] = in[k][i]
				}
				want := Eval(p.Kernel, nil, vals, center[i])
				for _, x := range []float64{plain[i], want} {
					if math.Float64bits(got[i]) != math.Float64bits(x) && !(got[i] != got[i] && x != x) {
						t.Fatalf("%s over %d, pixel %d: values %v center %v: fused %v, unfused %v, Eval %v\n%s",
							c.src, N, i, vals, center[i], got[i], plain[i], want, p)
					}
				}
			}
		}
	}
}

// TestGeneralRowAllocs: issue 14's general kernels, fused and vector,
// run without allocating.
func TestGeneralRowAllocs(t *testing.T) {
	for _, c := range []struct {
		src string
		n   int
	}{
		{"sum(abs(values - values[4]))", 9},
		{"sum(abs(values - mean(values)))", 200},
		{"let wt = exp(-((values - center) ** 2) / 0.02); sum(wt * values) / sum(wt)", 25},
		{"(max(values) - min(values)) / (max(values) + min(values) + 1e-9)", 25},
	} {
		p := mustCompile(t, c.src, c.n)
		m := p.NewMachine()
		in := inputs(rand.New(rand.NewPCG(5, 6)), c.n, 4096)
		out := make([]float64, 4096)
		if a := testing.AllocsPerRun(10, func() { m.Run(out, in, in[c.n/2]) }); a != 0 {
			t.Errorf("%s: %v allocations per run, want 0", c.src, a)
		}
	}
}
