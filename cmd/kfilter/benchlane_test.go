package main

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/kfilter/kfilter/compile"
)

// TestBenchLane: bench --json says how the lane program runs (its vector
// kernels and fused chains, as this build and CPU run them) when the
// path is the lane program or hoists into it, and nothing for a fast
// path.
func TestBenchLane(t *testing.T) {
	kernels := "portable"
	switch {
	case compile.Wide():
		kernels = "avx512"
	case compile.Vector():
		kernels = "avx2"
	}
	ew := []string{}
	if compile.Wide() {
		ew = []string{"0-2 elementwise, 8 pixels a step (AVX-512)"}
	}
	for _, c := range []struct {
		args  []string
		lane  bool
		fused []string
	}{
		{[]string{"-e", "mean(filter(values, # >= 0.5))", "--size", "5x5"}, true, []string{"1-2 filter and mean"}},
		{[]string{"-e", "max(abs(values - center) * 2)", "--size", "3x3"}, true, ew},
		{[]string{"-e", "median(values) - mean(filter(values, # > center))", "--size", "3x3"}, true, []string{"1-2 filter and mean"}},
		{[]string{"-e", "min(values)", "--size", "3x3"}, false, nil},
	} {
		args := append([]string{"bench", "--shape", "40x30", "--repeat", "1", "--threads", "1", "--json"}, c.args...)
		code, stdout, stderr := cli(t, nil, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, stderr)
		}
		var res struct {
			Path string
			Lane *laneRun
		}
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatalf("%v: %q", err, stdout)
		}
		if (res.Lane != nil) != c.lane {
			t.Fatalf("%v: path %s, lane %+v, want one %v", c.args, res.Path, res.Lane, c.lane)
		}
		if res.Lane != nil && (res.Lane.Kernels != kernels || !slices.Equal(res.Lane.Fused, c.fused)) {
			t.Errorf("%v: lane %+v, want kernels %s, fused %q", c.args, *res.Lane, kernels, c.fused)
		}
	}
}
