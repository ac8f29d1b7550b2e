package compile

import (
	"fmt"
	"testing"
)

// TestFusionsListed: Program.Fusions lists the chains a machine runs
// fused, the elementwise ones only where the AVX-512 kernels run, and
// agrees with the machine's own choice.
func TestFusionsListed(t *testing.T) {
	for _, c := range []struct {
		src       string
		wide, not string
	}{
		{"mean(filter(values, # >= 0.5))", "[1-2 filter and mean]", "[1-2 filter and mean]"},
		{"sum(abs(values - center))", "[0-2 sum of absolute deviations]", "[0-2 sum of absolute deviations]"},
		{"median(abs(values - 0.5) * 2)", "[0-2 elementwise, 8 pixels a step (AVX-512)]", "[]"},
		{"median(values)", "[]", "[]"},
	} {
		p := mustCompile(t, c.src, 9)
		for _, wide := range []bool{true, false} {
			want := map[bool]string{true: c.wide, false: c.not}[wide]
			if got := fmt.Sprint(p.Fusions(wide)); got != want {
				t.Errorf("%s, AVX-512 %v: %s, want %s\n%s", c.src, wide, got, want, p)
			}
		}
		m := p.NewMachine()
		for _, f := range p.Fusions(Wide()) {
			if m.fuse == nil || m.fuse[f.First] == fuseNone {
				t.Errorf("%s: %v listed, the machine does not fuse it", c.src, f)
			}
		}
	}
}
