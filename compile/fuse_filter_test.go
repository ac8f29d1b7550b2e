package compile

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFilterSums: a filter whose packed array only the sum or mean after
// it reads is fused with it, not where anything else reads the array,
// and the fused machine gives the unfused one's bits and Eval's (NaN as
// any NaN), on NaN, infinities and zeros of both signs, over sums of
// every size class (one by one below 8, blocks of 8, up to 128).
func TestFilterSums(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for _, c := range []struct {
		src   string
		fused bool
	}{
		{"mean(filter(values, # >= 0.5))", true},
		{"sum(filter(values, # > center))", true},
		{"mean(filter(values, center > 0))", true}, // one predicate per pixel
		{"mean(filter(values, isnan(#) || # < 0)) + center", true},
		{"sum(filter(values * 2, # > 0)) / 2", true},
		{"let f = filter(values, # > 0); sum(f) + max(f)", false},
		{"let f = filter(values, # > 0); sum(f) / len(f)", true}, // the count is written all the same
		{"sum(filter(filter(values, # > 0), # < 1))", false},     // the outer one's length varies
		{"median(filter(values, # > 0))", false},
		{"prod(filter(values, # > 0))", false},
	} {
		for _, N := range []int{1, 3, 7, 8, 9, 25, 49, 128, 129} {
			p := mustCompile(t, c.src, N)
			var fused bool
			for _, k := range filterSums(p, fusions(p)) {
				fused = fused || k == fuseFilterSum
			}
			if want := c.fused && N <= 128; fused != want {
				t.Fatalf("%s over %d: fused %v, want %v\n%s", c.src, N, fused, want, p)
			}
			n := 1 + r.IntN(40)
			in := inputs(r, N, n)
			center := make([]float64, n)
			for i := range center {
				center[i] = sample(r)
			}
			got, plain := make([]float64, n), make([]float64, n)
			m := p.NewMachine()
			m.Run(got, in, center)
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

// TestFilterSumAllocs: the fused filter and mean runs without allocating.
func TestFilterSumAllocs(t *testing.T) {
	p := mustCompile(t, "mean(filter(values, # >= 0.5))", 25)
	m := p.NewMachine()
	in := inputs(rand.New(rand.NewPCG(5, 6)), 25, 4096)
	out := make([]float64, 4096)
	if a := testing.AllocsPerRun(10, func() { m.Run(out, in, in[12]) }); a != 0 {
		t.Errorf("%v allocations per run, want 0", a)
	}
}

// TestEWAfterFilterSum: a filter-and-sum pair is two instructions, so the
// elementwise chain right after it is fused as it is without the pair
// (ewFusions once stepped over three).
func TestEWAfterFilterSum(t *testing.T) {
	for _, src := range []string{
		"mean(filter(values, # >= 0.5)) * 2 + 1",
		"sum(filter(values, # > center)) * center - center",
	} {
		p := mustCompile(t, src, 25)
		fuse := filterSums(p, fusions(p))
		_, with := ewFusions(p, fuse, true)
		_, without := ewFusions(p, fusions(p), true)
		count := func(chains []ewChain) (n int) {
			for _, c := range chains {
				if c.count > 0 {
					n++
				}
			}
			return n
		}
		if count(without) == 0 {
			t.Fatalf("%s: no elementwise chain to test\n%s", src, p)
		}
		if a, b := count(with), count(without); a != b {
			t.Errorf("%s: %d elementwise chains after the filter-and-sum pair, %d without it\n%s", src, a, b, p)
		}
	}
}
