package compile

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// numpyCase is one case of testdata/numpy/cases.json: a kernel, one
// pixel's inputs and numpy's answer.
type numpyCase struct {
	Name   string                     `json:"name"`
	Kernel string                     `json:"kernel"`
	Values []string                   `json:"values"`
	Center string                     `json:"center"`
	Params map[string]json.RawMessage `json:"params"`
	Want   string                     `json:"want"`
}

func parseF(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("bad number %q: %v", s, err)
	}
	return v
}

func loadNumpyCases(t *testing.T) []numpyCase {
	t.Helper()
	data, err := os.ReadFile("../testdata/numpy/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Cases []numpyCase }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 500 {
		t.Fatalf("only %d numpy cases", len(file.Cases))
	}
	return file.Cases
}

// ulpClose reports whether got is within a few units in the last place of
// want: libm and Go's math package may round transcendental functions
// differently.
func ulpClose(got, want float64) bool {
	if same(got, want) {
		return true
	}
	return math.Abs(got-want) <= 1e-13*math.Abs(want)
}

// same is bitwise equality, except that every NaN equals every NaN.
func same(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Float64bits(got) == math.Float64bits(want)
}

// inexact lists the case families whose numpy values come from libm
// (transcendental functions, pow with a fractional exponent), compared
// within a relative 1e-13 rather than bit for bit.
var inexact = []string{"exp/", "log/", "log2/", "log10/", "sin/", "cos/", "tan/", "pow/"}

func TestNumpyCases(t *testing.T) {
	for _, tc := range loadNumpyCases(t) {
		t.Run(tc.Name, func(t *testing.T) {
			values := make([]float64, len(tc.Values))
			for i, s := range tc.Values {
				values[i] = parseF(t, s)
			}
			center := parseF(t, tc.Center)
			want := parseF(t, tc.Want)
			params := map[string]Param{}
			for name, raw := range tc.Params {
				var one string
				var many []string
				switch {
				case json.Unmarshal(raw, &one) == nil:
					params[name] = Number(parseF(t, one))
				case json.Unmarshal(raw, &many) == nil:
					vs := make([]float64, len(many))
					for i, s := range many {
						vs[i] = parseF(t, s)
					}
					params[name] = Array(vs...)
				default:
					t.Fatalf("param %s: %s", name, raw)
				}
			}
			p, err := Compile(tc.Kernel, Config{N: len(values), Params: params})
			if err != nil {
				t.Fatalf("%s: %v", tc.Kernel, err)
			}
			eq := same
			for _, f := range inexact {
				if strings.HasPrefix(tc.Name, f) {
					eq = ulpClose
				}
			}
			if strings.HasPrefix(tc.Name, "mode/") && want == 0 {
				// numpy's sort leaves the sign of a zero tie to chance
				eq = func(got, want float64) bool { return got == want }
			}
			if got := Eval(p.Kernel, params, values, center); !eq(got, want) {
				t.Errorf("%s: Eval = %v (%x), numpy %v (%x)", tc.Kernel, got, math.Float64bits(got), want, math.Float64bits(want))
			}
			// The lane program, on a strip of 3 pixels with the case at
			// pixel 1 and other data around it.
			in := make([][]float64, len(values))
			for k, v := range values {
				in[k] = []float64{float64(k), v, -float64(k)}
			}
			out := make([]float64, 3)
			p.NewMachine().Run(out, in, []float64{1, center, 2})
			if !eq(out[1], want) {
				t.Errorf("%s: program = %v (%x), numpy %v (%x)\n%s", tc.Kernel, out[1], math.Float64bits(out[1]), want, math.Float64bits(want), p)
			}
		})
	}
}
