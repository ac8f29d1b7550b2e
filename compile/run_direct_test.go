package compile

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRunDirect: Run writes the result register straight into out when
// out shares no memory with the inputs, and through its own register
// otherwise. Both give Eval's results, NaN and ±Inf included, with out
// apart from the inputs, out the very memory of an input, and out the
// center: a result written before the program's last read of that
// input would change it.
func TestRunDirect(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	for _, src := range []string{
		"sum(abs(values - center))",
		"let m = mean(values); let v = mean((values - m) ** 2); m + (center - m) * max(v - 0.01, 0) / (v + 1e-12)",
		"(max(values) - min(values)) / (max(values) + min(values) + 1e-9)",
		"median(values) + values[8]", // the result register written before values[8] is read
		"center",                     // the result is an input: never written
		"c",                          // a constant
	} {
		p := mustCompile(t, src, 9)
		for _, alias := range []string{"apart", "input", "last input", "center"} {
			n := 2*p.Strip + 3
			in := inputs(r, 9, n)
			for k := range in {
				in[k][r.IntN(n)] = math.NaN()
				in[k][r.IntN(n)] = math.Inf(1 - 2*r.IntN(2))
			}
			center := append([]float64(nil), in[4]...)
			want := make([]float64, n)
			vals := make([]float64, 9)
			for i := range want {
				for k := range vals {
					vals[k] = in[k][i]
				}
				want[i] = Eval(p.Kernel, testParams, vals, center[i])
			}
			var out []float64
			switch alias {
			case "apart":
				out = make([]float64, n)
			case "input":
				out = in[0][:n]
			case "last input":
				out = in[8][:n]
			case "center":
				out = center[:n]
			}
			p.NewMachine().Run(out, in, center)
			for i := range want {
				if !same(out[i], want[i]) {
					t.Fatalf("%s, out %s: pixel %d: %v, want %v", src, alias, i, out[i], want[i])
				}
			}
		}
	}
}
