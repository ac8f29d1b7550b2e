package compile

import (
	"encoding/json"
	"os"
	"testing"
)

// TestFloorDivTable runs numpy's np.floor_divide table
// (testdata/numpy/floordiv.json: special values, near-multiples, random
// pairs) through the three ways a // b is computed: folded when both
// operands are known when compiling, the lane program's floordiv
// instruction, and Eval. All three must give numpy's bits.
func TestFloorDivTable(t *testing.T) {
	data, err := os.ReadFile("../testdata/numpy/floordiv.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Cases [][4]string }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 1000 {
		t.Fatalf("only %d cases", len(file.Cases))
	}
	for _, c := range file.Cases {
		a, b, want := parseF(t, c[0]), parseF(t, c[1]), parseF(t, c[2])
		params := map[string]Param{"a": Number(a), "b": Number(b)}

		folded := mustCompileParams(t, "a // b", 1, params)
		if len(folded.Instrs) != 0 {
			t.Fatalf("a // b of two parameters is not folded:\n%s", folded)
		}
		out := make([]float64, 1)
		folded.NewMachine().Run(out, [][]float64{{0}}, []float64{0})
		if !same(out[0], want) {
			t.Errorf("folded %v // %v = %v, numpy %v", a, b, out[0], want)
		}

		p := mustCompileParams(t, "center // b", 1, params)
		if countOps(p, OpFloorDiv) != 1 {
			t.Fatalf("center // b: want a floordiv instruction:\n%s", p)
		}
		// the pair among other pixels of the strip
		centers := []float64{a, 1, a, -2, a}
		out = make([]float64, len(centers))
		p.NewMachine().Run(out, [][]float64{centers}, centers)
		for _, i := range []int{0, 2, 4} {
			if !same(out[i], want) {
				t.Errorf("program %v // %v = %v at pixel %d, numpy %v", a, b, out[i], i, want)
			}
		}
		if got := Eval(p.Kernel, params, []float64{a}, a); !same(got, want) {
			t.Errorf("Eval %v // %v = %v, numpy %v", a, b, got, want)
		}
	}
}

func mustCompileParams(t *testing.T, src string, n int, params map[string]Param) *Program {
	t.Helper()
	p, err := Compile(src, Config{N: n, Params: params})
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	return p
}
