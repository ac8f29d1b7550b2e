package filter

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/kfilter/kfilter/filter/npy"
)

// conformanceCase is one directory of testdata/scipy/cases: scipy's
// generic_filter output for a kernel's numpy equivalent.
type conformanceCase struct {
	Kernel string                     `json:"kernel"`
	Params map[string]json.RawMessage `json:"params"`
	Mode   string                     `json:"mode"`
	Cval   float64                    `json:"cval"`
	Origin []int                      `json:"origin"`
	Axes   []int                      `json:"axes"`
	DType  string                     `json:"dtype"`
	Exact  bool                       `json:"exact"`
	Note   string                     `json:"note"`

	dir                    string
	input, footprint, want *Array
}

func readArray(t testing.TB, path string) *Array {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := npy.Read(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &Array{Shape: a.Shape, DType: a.DType, Data: a.Data}
}

func loadConformance(t testing.TB) []*conformanceCase {
	t.Helper()
	dirs, err := filepath.Glob("../testdata/scipy/cases/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 150 {
		t.Fatalf("only %d conformance cases", len(dirs))
	}
	var cases []*conformanceCase
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, "case.json"))
		if err != nil {
			t.Fatal(err)
		}
		c := &conformanceCase{dir: dir}
		if err := json.Unmarshal(data, c); err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		c.input = readArray(t, filepath.Join(dir, "input.npy"))
		c.footprint = readArray(t, filepath.Join(dir, "footprint.npy"))
		c.want = readArray(t, filepath.Join(dir, "want.npy"))
		cases = append(cases, c)
	}
	return cases
}

// options turns a case into Options.
func (c *conformanceCase) options(t testing.TB) Options {
	t.Helper()
	fp, err := FootprintOf(c.footprint)
	if err != nil {
		t.Fatalf("%s: footprint: %v", c.dir, err)
	}
	mode, err := ParseMode(c.Mode)
	if err != nil {
		t.Fatal(err)
	}
	dt, err := ParseDType(c.DType)
	if err != nil {
		t.Fatal(err)
	}
	params := map[string]Param{}
	for name, raw := range c.Params {
		var one float64
		var many []float64
		switch {
		case json.Unmarshal(raw, &one) == nil:
			params[name] = Number(one)
		case json.Unmarshal(raw, &many) == nil:
			params[name] = List(many...)
		default:
			t.Fatalf("%s: param %s: %s", c.dir, name, raw)
		}
	}
	return Options{Footprint: fp, Params: params, Mode: mode, Cval: c.Cval, Origin: c.Origin, Axes: c.Axes, Output: dt}
}

// compare checks got against want element by element: exactly (NaN equal
// to NaN) or within rtol 1e-10.
func compare(t testing.TB, name string, got, want *Array, exact bool) {
	t.Helper()
	if got.DType != want.DType || !equalShape(got.Shape, want.Shape) {
		t.Fatalf("%s: got %v %v, want %v %v", name, got.DType, got.Shape, want.DType, want.Shape)
	}
	g := make([]float64, got.Len())
	w := make([]float64, want.Len())
	toFloat64(g, got.Data, 0)
	toFloat64(w, want.Data, 0)
	bad := 0
	for i := range g {
		ok := g[i] == w[i] || (math.IsNaN(g[i]) && math.IsNaN(w[i]))
		if !ok && !exact {
			ok = math.Abs(g[i]-w[i]) <= 1e-10*math.Abs(w[i])
		}
		if !ok {
			if bad < 5 {
				t.Errorf("%s: element %d = %v, want %v", name, i, g[i], w[i])
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%s: %d of %d elements differ", name, bad, len(g))
	}
}

func TestConformance(t *testing.T) {
	for _, c := range loadConformance(t) {
		t.Run(filepath.Base(c.dir), func(t *testing.T) {
			f, err := New(c.Kernel, c.options(t))
			if err != nil {
				t.Fatalf("%s: %v", c.Kernel, err)
			}
			got, err := f.Apply(context.Background(), c.input)
			if err != nil {
				t.Fatal(err)
			}
			compare(t, c.Kernel+" ("+c.Note+")", got, c.want, c.Exact)
		})
	}
}
