package compile

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/lang"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var testParams = map[string]Param{
	"c": Number(0.5), "q": Number(25), "i": Number(-2),
	"w": Array(1, 2, 1, 2, 4, 2, 1, 2, 1),
}

func mustCompile(t testing.TB, src string, n int) *Program {
	t.Helper()
	p, err := Compile(src, Config{N: n, Params: testParams})
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	return p
}

func countOps(p *Program, op Op) int {
	n := 0
	for _, in := range p.Instrs {
		if in.Op == op {
			n++
		}
	}
	return n
}

func TestOptimisations(t *testing.T) {
	tests := []struct {
		src    string
		op     Op
		count  int // instructions with op
		instrs int // all instructions, -1 to skip
	}{
		// common subexpressions are computed once
		{"abs(center - median(values)) > 3 * std(values) ? median(values) : center", OpMedian, 1, -1},
		{"median(abs(values - c)) + median(abs(values - c))", OpSub, 1, 4},
		{"count(values, # > c) + count(values > c)", OpGt, 1, 3},
		// constants fold, parameters included
		{"len(values) * 2 + 1", OpInvalid, 0, 0},
		{"sum(w) / len(w) + c ** 2", OpInvalid, 0, 0},
		{"median(w) + percentile(w, q)", OpInvalid, 0, 0},
		{"sum(w // 2) + i // c + len(values) // 2", OpInvalid, 0, 0},
		{"values[len(values) // 2]", OpInvalid, 0, 0},
		{"c > 1 ? median(values) : min(values)", OpMedian, 0, 1},
		{"values[i]", OpGather, 0, 0},
		{"sort(w)[0] + center", OpSort, 0, 1},
		// x ** 2 is a multiplication
		{"sum(values ** 2)", OpPow, 0, 2},
		// an elementwise predicate runs once over the array
		{"sum(map(values, # * # + c))", OpMul, 1, 3},
		// dead code goes
		{"let unused = median(values); min(values)", OpMedian, 0, 1},
		// a predicate that is not elementwise in # unrolls: one count per element
		{"sum(map(values, count(values < #)))", OpCount, 9, -1},
	}
	for _, tt := range tests {
		p := mustCompile(t, tt.src, 9)
		if got := countOps(p, tt.op); tt.op != OpInvalid && got != tt.count {
			t.Errorf("%s: %d %s instructions, want %d\n%s", tt.src, got, tt.op, tt.count, p)
		}
		if tt.instrs >= 0 && len(p.Instrs) != tt.instrs {
			t.Errorf("%s: %d instructions, want %d\n%s", tt.src, len(p.Instrs), tt.instrs, p)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		src    string
		params map[string]Param
		kind   lang.ErrorKind
		msg    string
	}{
		{"values[i]", map[string]Param{"i": Number(9)}, lang.IndexError, "index 9 is out of range for an array of 9 values"},
		{"values[i]", map[string]Param{"i": Number(0.5)}, lang.IndexError, "index 0.5 is out of range"},
		{"percentile(values, q)", map[string]Param{"q": Number(120)}, lang.TypeError, "q must be in 0..100, got 120"},
		{"sum(values * w)", map[string]Param{"w": Array(1, 2)}, lang.TypeError, "cannot combine an array of 9 values with an array of 2 values"},
		{"c + 1", map[string]Param{"c": {Values: []float64{1, 2}}}, lang.ParamError, "needs exactly one value"},
		{"sum(values) + x", nil, lang.UnknownName, "unknown name x"},
		{"sum(map(values, count(values < #)))", nil, lang.LimitError, "more than 10 instructions"},
	}
	for _, tt := range tests {
		cfg := Config{N: 9, Params: tt.params}
		if tt.kind == lang.LimitError {
			cfg.MaxInstrs = 10
		}
		_, err := Compile(tt.src, cfg)
		var e *lang.Error
		if !errors.As(err, &e) || e.Kind != tt.kind || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("Compile(%q): %v, want %v with %q", tt.src, err, tt.kind, tt.msg)
		}
	}
}

// TestDisassembly keeps the disassembly of a few kernels in a golden file:
// it shows what the compiler makes of them, and changes show in review.
func TestDisassembly(t *testing.T) {
	var b strings.Builder
	for _, src := range []string{
		"min(values)",
		"median(abs(values - c))",
		"abs(center - median(values)) > 3 * std(values) ? median(values) : center",
		"mean(filter(values, # >= c))",
		"any(values, # > 0.9) ? 1 : (all(values, # < 0.2) ? 2 : 3)",
		"sum(values * w)",
		"sort(values)[1]",
		"values[argmax(values)] - values[-1]",
		"sum(map(values[:3], count(values < #)))",
		"values[len(values) // 2] + sum(values // c) - sort(filter(values, # > c))[len(filter(values, # > c)) // 2]",
	} {
		fmt.Fprintf(&b, "== %s\n%s\n", src, mustCompile(t, src, 9))
	}
	path := "../testdata/compile/disasm.golden"
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("disassembly changed (run go test -update after checking):\n%s", b.String())
	}
}

// TestStrips runs a program over more pixels than one strip holds and
// over odd lengths: the result must not depend on where strips break.
func TestStrips(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	p := mustCompile(t, "abs(center - median(values)) > 3 * std(values) ? median(values) : center", 9)
	for _, n := range []int{0, 1, 7, p.Strip - 1, p.Strip, p.Strip + 1, 3*p.Strip + 5} {
		in := inputs(r, 9, n)
		center := in[4]
		out := make([]float64, n)
		p.NewMachine().Run(out, in, center)
		vals := make([]float64, 9)
		for i := range out {
			for k := range vals {
				vals[k] = in[k][i]
			}
			if want := Eval(p.Kernel, testParams, vals, center[i]); !same(out[i], want) {
				t.Fatalf("n=%d pixel %d: %v, want %v", n, i, out[i], want)
			}
		}
	}
}

func TestRunAllocs(t *testing.T) {
	for _, src := range []string{
		"median(abs(values - c))",
		"mean(filter(values, # >= c))",
		"abs(center - median(values)) > 3 * std(values) ? median(values) : center",
		"sum(map(values, count(values < #)))",
		"mode(round(values))",
	} {
		p := mustCompile(t, src, 9)
		m := p.NewMachine()
		in := inputs(rand.New(rand.NewPCG(5, 6)), 9, 4096)
		out := make([]float64, 4096)
		if a := testing.AllocsPerRun(10, func() { m.Run(out, in, in[4]) }); a != 0 {
			t.Errorf("%s: %v allocations per run, want 0", src, a)
		}
	}
}
