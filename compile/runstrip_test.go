package compile

import (
	"math/rand/v2"
	"testing"
)

// layoutKernels: fused deviation sums (whose arrays get no registers),
// elementwise chains, networks, a filter (whose layout stays whole).
var layoutKernels = append(append([]string(nil), ewKernels...),
	absDevKernel,
	"sum(abs(values - values[0])) / len(values)",
	"mean((values - center) ** 2) + max(values)",
	"median(values) - mean(abs(values - center))",
	"mean(filter(values, # > center)) + sum(abs(values - center))",
	"sort(values)[1] * sum((values - center) ** 2)",
)

// TestRunLayout: a machine whose fused chains leave array registers
// unstored gives them no memory and runs longer strips than
// Program.Strip (the Lee filter's and the absolute deviation sum's; a
// program with a filter keeps the whole layout), and gives the whole
// layout's results bit for bit (any NaN for NaN) and Eval's over several
// strips of values with NaN, ±Inf and -0.
func TestRunLayout(t *testing.T) {
	r := rand.New(rand.NewPCG(61, 62))
	for _, c := range []struct {
		src    string
		N      int
		longer bool
	}{
		{ewKernels[0], 49, true},
		{absDevKernel, 9, true},
		{"median(values)", 9, false},
		{"mean(filter(values, # > center)) + sum(abs(values - center))", 9, false},
	} {
		p := mustCompile(t, c.src, c.N)
		m := p.NewMachine()
		nils := 0
		for _, s := range m.slots[p.N:] {
			if s == nil {
				nils++
			}
		}
		if p.RunStrip() != m.strip {
			t.Errorf("%s over %d: RunStrip %d, the machine's strip %d", c.src, c.N, p.RunStrip(), m.strip)
		}
		if got := m.strip > p.Strip && nils > 0; got != c.longer {
			t.Errorf("%s over %d: strip %d (the program's %d), %d registers without memory; want longer %v",
				c.src, c.N, m.strip, p.Strip, nils, c.longer)
		}
	}
	for _, src := range layoutKernels {
		for _, N := range []int{9, 25, 49} {
			p, err := Compile(src, Config{N: N, Params: testParams})
			if err != nil && N != 9 {
				continue // w has 9 values
			} else if err != nil {
				t.Fatalf("Compile(%q): %v", src, err)
			}
			compact, whole := p.NewMachine(), newMachine(p, false)
			n := 2*compact.strip + 13
			in := inputs(r, N, n)
			center := in[N/2]
			got, want := make([]float64, n), make([]float64, n)
			compact.Run(got, in, center)
			whole.Run(want, in, center)
			vals := make([]float64, N)
			for i := range got {
				for k := range vals {
					vals[k] = in[k][i]
				}
				eval := Eval(p.Kernel, testParams, vals, center[i])
				if !same(got[i], want[i]) || !same(got[i], eval) {
					t.Fatalf("%s over %d: pixel %d: compact %v, whole %v, Eval %v\n%s", src, N, i, got[i], want[i], eval, p)
				}
			}
		}
	}
}

// TestRunUnreadInputs: Run reads only the footprint values an instruction
// reads: a program whose sub-expressions over the values are hoisted
// runs with none of them given (nil), as the hoisting paths would hand it.
func TestRunUnreadInputs(t *testing.T) {
	const N, n = 25, 300
	p := mustCompile(t, "(max(values) - min(values)) / (max(values) + min(values) + 1e-9)", N)
	hp, subs, err := p.Hoist(Config{N: N}, func(s Sub) bool { return s.Pattern.Kind == MinPattern || s.Pattern.Kind == MaxPattern })
	if err != nil || len(subs) != 2 {
		t.Fatalf("Hoist: %v, %d sub-expressions", err, len(subs))
	}
	r := rand.New(rand.NewPCG(63, 64))
	ext := inputs(r, 2, n)
	in := make([][]float64, N+2)
	copy(in[N:], ext)
	got := make([]float64, n)
	hp.NewMachine().Run(got, in, nil)
	full := inputs(r, N, n)
	copy(full[:N:N], full[:N])
	full = append(full, ext...)
	want := make([]float64, n)
	newMachine(hp, false).Run(want, full, nil)
	for i := range got {
		if !same(got[i], want[i]) {
			t.Fatalf("pixel %d: %v without the values, %v with them", i, got[i], want[i])
		}
	}
}
