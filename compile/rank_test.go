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
