package compile

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// ewKernels have chains of elementwise instructions RunEW does, scalar and
// array ones, next to the other fusions.
var ewKernels = []string{
	"let m = mean(values); let v = mean((values - m) ** 2); m + (center - m) * max(v - 0.01, 0) / (v + 1e-12)",
	"(max(values) - min(values)) / (max(values) + min(values) + 1e-9)",
	"let g = exp(-((values - center) ** 2) / 0.02); sum(g * values) / sum(g)",
	"sum(max(abs(values - c), -values) * w) / min(center, c)",
	"median(-abs(values * 2 - center)) - min(-center, max(center, c))",
}

// absDevKernel's chain is the absolute deviation sum's fusion (fuse.go),
// which elementwise fusion leaves alone.
const absDevKernel = "sum(abs(values - center))"

// fusedMachine is p's machine with the elementwise chains fused whatever
// the CPU (RunEW's portable loop runs them without AVX-512), or with none.
func fusedMachine(p *Program, fuse bool) *Machine {
	m := p.NewMachine()
	m.fuse, m.ew = ewFusions(p, fusions(p), fuse)
	return m
}

// TestEWFusion: with the elementwise chains fused, Run gives the
// instructions' results one by one bit for bit (any NaN for NaN), and
// Eval's, with NaN, ±Inf and -0 among the values, over several strips;
// with AVX-512 and without. Each kernel must have a fused chain.
func TestEWFusion(t *testing.T) {
	r := rand.New(rand.NewPCG(47, 48))
	saved := vec.AVX512
	defer func() { vec.AVX512 = saved }()
	for _, src := range append(ewKernels, absDevKernel) {
		p := mustCompile(t, src, 9)
		fused, plain := fusedMachine(p, true), fusedMachine(p, false)
		chains := 0
		for pc, k := range fused.fuse {
			if k == fuseEW {
				chains++
				if fused.ew[pc].count < 2 {
					t.Errorf("%s: a chain of %d instructions at %d", src, fused.ew[pc].count, pc)
				}
			}
		}
		if src == absDevKernel {
			if chains != 0 || fused.fuse[0] != fuseAbsDevSum {
				t.Fatalf("%s: the elementwise fusion took the absolute deviation sum's chain", src)
			}
		} else if chains == 0 {
			t.Fatalf("%s: no elementwise chain fused:\n%s", src, p)
		}
		for _, wide := range []bool{true, false} {
			vec.AVX512 = wide && saved
			n := 2*p.Strip + 13
			in := inputs(r, 9, n)
			for k := range in {
				for range 3 {
					in[k][r.IntN(n)] = []float64{math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 0}[r.IntN(5)]
				}
			}
			center := in[4]
			got, want := make([]float64, n), make([]float64, n)
			fused.Run(got, in, center)
			plain.Run(want, in, center)
			vals := make([]float64, 9)
			for i := range got {
				for k := range vals {
					vals[k] = in[k][i]
				}
				eval := Eval(p.Kernel, testParams, vals, center[i])
				if !same(got[i], want[i]) || !same(got[i], eval) {
					t.Fatalf("%s (AVX-512 %v): pixel %d: fused %v, one by one %v, Eval %v", src, vec.AVX512, i, got[i], want[i], eval)
				}
			}
		}
	}
}

func TestEWFusionAllocs(t *testing.T) {
	for _, src := range ewKernels {
		p := mustCompile(t, src, 9)
		m := fusedMachine(p, true)
		in := inputs(rand.New(rand.NewPCG(5, 6)), 9, 4096)
		out := make([]float64, 4096)
		if a := testing.AllocsPerRun(5, func() { m.Run(out, in, in[4]) }); a != 0 {
			t.Errorf("%s: %v allocations per Run", src, a)
		}
	}
}

// BenchmarkEWFusion times the Lee filter's program over 4096 pixels with
// its elementwise chain fused and without.
func BenchmarkEWFusion(b *testing.B) {
	p := mustCompile(b, ewKernels[0], 49)
	in := inputs(rand.New(rand.NewPCG(7, 8)), 49, 4096)
	out := make([]float64, 4096)
	for _, fuse := range []bool{false, true} {
		name := map[bool]string{false: "one-by-one", true: "fused"}[fuse]
		b.Run(name, func(b *testing.B) {
			m := fusedMachine(p, fuse)
			for b.Loop() {
				m.Run(out, in, in[24])
			}
		})
	}
}
