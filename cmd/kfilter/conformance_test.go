package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConformanceCLI replays the scipy conformance corpus through the
// command line: footprint files, modes, cval, origin, axes, dtypes and
// parameters all as a user would type them.
func TestConformanceCLI(t *testing.T) {
	dirs, _ := filepath.Glob("../../testdata/scipy/cases/*")
	if len(dirs) < 150 {
		t.Fatalf("only %d conformance cases", len(dirs))
	}
	tmp := t.TempDir()
	for _, dir := range dirs {
		name := filepath.Base(dir)
		var c struct {
			Kernel string                     `json:"kernel"`
			Params map[string]json.RawMessage `json:"params"`
			Mode   string                     `json:"mode"`
			Cval   float64                    `json:"cval"`
			Origin []int                      `json:"origin"`
			Axes   []int                      `json:"axes"`
			DType  string                     `json:"dtype"`
			Exact  bool                       `json:"exact"`
		}
		raw, err := os.ReadFile(filepath.Join(dir, "case.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(tmp, name+".npy")
		args := []string{"-e", c.Kernel, "--footprint", filepath.Join(dir, "footprint.npy"),
			"--mode", c.Mode, "--cval", fmt.Sprint(c.Cval), "--origin", joinInts(c.Origin), "--dtype", c.DType,
			filepath.Join(dir, "input.npy"), out}
		if c.Axes != nil {
			args = append(args, "--axes", joinInts(c.Axes))
		}
		for p, v := range c.Params {
			var list []float64
			if json.Unmarshal(v, &list) == nil {
				s := make([]string, len(list))
				for i, x := range list {
					s[i] = fmt.Sprint(x)
				}
				args = append(args, "-p", p+"="+strings.Join(s, ","))
			} else {
				args = append(args, "-p", p+"="+string(v))
			}
		}
		code, _, stderr := cli(t, nil, args...)
		if code != 0 {
			t.Errorf("%s: exit %d: %s", name, code, stderr)
			continue
		}
		got, want := readNPY(t, out), readNPY(t, filepath.Join(dir, "want.npy"))
		if got.DType != want.DType || !equalInts(got.Shape, want.Shape) {
			t.Errorf("%s: got %v %v, want %v %v", name, got.DType, got.Shape, want.DType, want.Shape)
			continue
		}
		g, w := make([]float64, got.Len()), make([]float64, want.Len())
		toFloats(g, got)
		toFloats(w, want)
		for i := range g {
			ok := g[i] == w[i] || (math.IsNaN(g[i]) && math.IsNaN(w[i]))
			if !ok && !c.Exact {
				ok = math.Abs(g[i]-w[i]) <= 1e-10*math.Abs(w[i])
			}
			if !ok {
				t.Errorf("%s: element %d = %v, want %v", name, i, g[i], w[i])
				break
			}
		}
	}
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}
