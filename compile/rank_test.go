package compile

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/kfilter/kfilter/compile/network"
)

// TestSortRanks checks that a sort read only at some ranks runs the
// selection network for those ranks, and that it gives Eval's numbers bit
// for bit (NaN, infinities and signed zeros among the values).
func TestSortRanks(t *testing.T) {
	tests := []struct {
		src       string
		n         int
		exchanges int // of the sort's network; full sorts of 29 take 171
	}{
		{"sort(values)[len(values) * 90 // 100]", 29, 121},
		{"sort(values)[floor(len(values) * 90 / 100)]", 29, 121},
		{"sort(values)[len(values) // 2]", 16, len(network.Selection(16, 8, 8))},
		{"sort(values)[0]", 29, len(network.Selection(29, 0, 0))},
		{"sort(values)[-1]", 29, len(network.Selection(29, 28, 28))},
		{"sort(values)[3] + sort(values)[-1] + sort(values)[0]", 29, 137},
		{"sum(sort(values)[0:3])", 29, 110},
		{"let s = sort(values); s[1] - s[7]", 25, len(network.Selection(25, 1, 7))},
		{"sort(values)[floor(abs(center)) % 29]", 29, 171}, // a gather: any rank
		{"median(sort(values))", 29, 171},                  // read whole
		{"sort(abs(values - center))[4]", 9, len(network.Selection(9, 4, 4))},
	}
	r := rand.New(rand.NewPCG(5, 6))
	for _, tt := range tests {
		p := mustCompile(t, tt.src, tt.n)
		got := -1
		for _, in := range p.Instrs {
			if in.Op == OpSort {
				got = len(p.Nets[in.Net])
			}
		}
		if got != tt.exchanges {
			t.Errorf("%s: sort network of %d exchanges, want %d\n%s", tt.src, got, tt.exchanges, p)
		}
		in := inputs(r, tt.n, 500)
		center := make([]float64, 500)
		for i := range center {
			center[i] = sample(r)
		}
		out := make([]float64, 500)
		p.NewMachine().Run(out, in, center)
		vals := make([]float64, tt.n)
		for i := range out {
			for k := range vals {
				vals[k] = in[k][i]
			}
			want := Eval(p.Kernel, nil, vals, center[i])
			if math.Float64bits(out[i]) != math.Float64bits(want) && !(out[i] != out[i] && want != want) {
				t.Fatalf("%s: pixel %d, values %v: program %v, Eval %v", tt.src, i, vals, out[i], want)
			}
		}
	}
}

// TestRankProgram checks that the rank program built from a pattern is
// the program of the kernel that is the statistic of values, and that it
// runs to the same numbers.
func TestRankProgram(t *testing.T) {
	tests := []struct {
		pat  Pattern
		n    int
		src  string // the same statistic as a kernel
		fail bool
	}{
		{Pattern{Kind: RankPattern, Median: true}, 9, "median(values)", false},
		{Pattern{Kind: RankPattern, Median: true}, 24, "median(values)", false},
		{Pattern{Kind: RankPattern, Percent: true, Q: 90}, 29, "percentile(values, 90)", false},
		{Pattern{Kind: RankPattern, Percent: true, Q: 12.5}, 9, "percentile(values, 12.5)", false},
		{Pattern{Kind: RankPattern, Index: 3}, 9, "sort(values)[3]", false},
		{Pattern{Kind: RankPattern, Index: -2}, 9, "sort(values)[-2]", false},
		{Pattern{Kind: RankPattern, Index: 9}, 9, "", true},
		{Pattern{Kind: RankPattern, Percent: true, Q: 101}, 9, "", true},
		{Pattern{Kind: MinPattern}, 9, "", true},
	}
	r := rand.New(rand.NewPCG(7, 8))
	for _, tt := range tests {
		p, err := tt.pat.RankProgram(tt.n)
		if tt.fail {
			if err == nil {
				t.Errorf("%+v over %d: no error", tt.pat, tt.n)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		want := mustCompile(t, tt.src, tt.n)
		if p.Source != tt.src || p.Kernel != nil {
			t.Errorf("%s: source %q, kernel %v", tt.src, p.Source, p.Kernel)
		}
		if _, ok := p.Recognize(nil); ok {
			t.Errorf("%s: a pattern recognised in a program with no kernel", tt.src)
		}
		if h, subs, err := p.Hoist(Config{N: tt.n}, func(Sub) bool { return true }); h != nil || subs != nil || err != nil {
			t.Errorf("%s: hoisted %v %v %v from a program with no kernel", tt.src, h, subs, err)
		}
		if got, w := p.String(), want.String(); got != w {
			t.Errorf("%s: program\n%s\nwant\n%s", tt.src, got, w)
		}
		in := inputs(r, tt.n, 300)
		got, exp := make([]float64, 300), make([]float64, 300)
		p.NewMachine().Run(got, in, nil)
		want.NewMachine().Run(exp, in, nil)
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(exp[i]) {
				t.Fatalf("%s: pixel %d: %v, want %v", tt.src, i, got[i], exp[i])
			}
		}
	}
}

// TestHoist checks the sub-expressions Program.Hoist offers and takes,
// and that the program with them as inputs computes the kernel.
func TestHoist(t *testing.T) {
	const src = "abs(center - median(values)) > 3 * std(values) ? median(values) : center"
	p := mustCompile(t, src, 9)
	var offered []string
	prog, subs, err := p.Hoist(Config{N: 9}, func(s Sub) bool {
		offered = append(offered, s.Text)
		return s.Pattern.Kind == RankPattern
	})
	if err != nil {
		t.Fatal(err)
	}
	// std has no pattern: offered are the median, once, and nothing else
	if len(offered) != 1 || offered[0] != "median(values)" || len(subs) != 1 || !subs[0].Pattern.Median || prog.Ext != 1 {
		t.Fatalf("offered %q, took %+v, %d inputs", offered, subs, prog.Ext)
	}
	r := rand.New(rand.NewPCG(9, 10))
	in := inputs(r, 9, 300)
	center := make([]float64, 300)
	for i := range center {
		center[i] = sample(r)
	}
	med := make([]float64, 300)
	mp, err := subs[0].Pattern.RankProgram(9)
	if err != nil {
		t.Fatal(err)
	}
	mp.NewMachine().Run(med, in, nil)
	got, want := make([]float64, 300), make([]float64, 300)
	prog.NewMachine().Run(got, append(in[:9:9], med), center)
	p.NewMachine().Run(want, in, center)
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("pixel %d: hoisted %v, kernel %v", i, got[i], want[i])
		}
	}
	if prog, subs, err := p.Hoist(Config{N: 9}, func(Sub) bool { return false }); prog != nil || subs != nil || err != nil {
		t.Fatalf("none taken: %v %v %v", prog, subs, err)
	}
}
