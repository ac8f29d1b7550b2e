package lang

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestFloorDivParse checks that // is an operator of the precedence and
// associativity of * / %, never a comment, and that the node sits at the
// user's // (prepare turns it into "% " for expr's parser).
func TestFloorDivParse(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"center // c", "(center // c)"},
		{"center//c", "(center // c)"},
		{"center //c", "(center // c)"},
		{"center //\n c", "(center // c)"},
		{"sum(values)//9", "(sum(values) // 9)"},
		{"values[len(values)//2]", "values[(len(values) // 2)]"},
		{"center // c // 2", "((center // c) // 2)"},
		{"center // c * 2", "((center // c) * 2)"},
		{"center * c // 2", "((center * c) // 2)"},
		{"center / c // 2", "((center / c) // 2)"},
		{"center % c // 2", "((center % c) // 2)"},
		{"center // c % 2", "((center // c) % 2)"},
		{"center + c // 2", "(center + (c // 2))"},
		{"center // c - 2", "((center // c) - 2)"},
		{"center ** c // 2", "((center ** c) // 2)"},
		{"center // c ** 2", "(center // (c ** 2))"},
		{"-center // c", "(-(center) // c)"},
		{"center // -c", "(center // -(c))"},
		{"center // c > 1", "((center // c) > 1)"},
		{"any(values // c > 1)", "any(((values // c) > 1), #)"},
		{"count(values, # // c == 1)", "count(values, ((# // c) == 1))"},
		{"center // 2 % c", "((center // 2) % c)"},
	} {
		e, err := Parse(tt.src)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.src, err)
			continue
		}
		if got := Format(e); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
	// The Binary sits at its //, on the line where it is.
	e, err := Parse("center +\n  c // 2")
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := e.(*Binary); !ok || b.Y.(*Binary).Op != "//" || b.Y.Pos().String() != "2:5" {
		t.Errorf("position of //: got %s", Format(e))
	}
}

// TestFloorDivCheck checks the types and the constant folding of //: a
// constant index or slice bound made with // is known when checking.
func TestFloorDivCheck(t *testing.T) {
	for _, tt := range []struct {
		src   string
		typ   string
		index int // the constant index of the outermost Index, or -1
	}{
		{"values[len(values) // 2]", "a number", 4},
		{"values[9 // 2]", "a number", 4},
		{"values[-7 // 2]", "a number", 5},  // -4 from the end
		{"values[7 // -2]", "a number", 5},  // -4, not -3 as truncation gives
		{"values[9 // 2.5]", "a number", 3}, // 3.0 is an integer
		{"sum(values // c)", "a number", -1},
		{"min(c // values)", "a number", -1},
		{"sum(values // w)", "a number", -1},
		{"sum(values // 2 == 1)", "a number", -1},
		{"sort(filter(values, # > c))[len(filter(values, # > c)) // 2]", "a number", -1},
		{"sum(values[:len(values) // 2])", "a number", -1},
	} {
		k, err := Check(tt.src, testEnv)
		if err != nil {
			t.Errorf("Check(%q): %v", tt.src, err)
			continue
		}
		if got := k.Type.String(); got != tt.typ {
			t.Errorf("Check(%q) = %s, want %s", tt.src, got, tt.typ)
		}
		if tt.index >= 0 {
			ix, ok := k.Root.(*Index)
			if !ok || !ix.Const || ix.K != tt.index {
				t.Errorf("Check(%q): index %+v, want the constant %d", tt.src, k.Root, tt.index)
			}
		}
	}
	k, err := Check("sum(values[:len(values) // 2])", testEnv)
	if err == nil {
		s := k.Root.(*Call).Args[0].(*Slice)
		if s.From != 0 || s.To != 4 {
			t.Errorf("values[:len(values) // 2] slices %d:%d, want 0:4", s.From, s.To)
		}
	}
}

// TestFloorDivErrors: // is never a comment, and /* is refused rather than
// taken for one; errors point at the user's text and name //, not the %
// that stands for it.
func TestFloorDivErrors(t *testing.T) {
	for _, tt := range []struct {
		src  string
		kind ErrorKind
		pos  string
		msg  string
	}{
		{"values /* x */", SyntaxError, "1:8", "kernels have no comments"},
		{"median(values) /* the median */", SyntaxError, "1:16", "kernels have no comments"},
		{"median(values)/*2", SyntaxError, "1:15", "/* is not an operator"},
		{"// 2", SyntaxError, "1:1", `unexpected token Operator("//")`},
		{"1 +// 2", SyntaxError, "1:4", `unexpected token Operator("//")`},
		{"median(values) // comment", UnknownName, "1:19", "unknown name comment"},
		{"median(values) //", SyntaxError, "1:18", "unexpected end of kernel"},
		{"center /// 2", SyntaxError, "1:10", "unexpected token"},
		{"values[len(values) // 0]", IndexError, "1:20", "index must be an integer, got +Inf"},
		{"values[len(values) // 2 + 5]", IndexError, "1:25", "index 9 is out of range"},
		{"center // 'a//b'", Unsupported, "1:11", "strings mean nothing"},
		{`center // "a/*b"`, Unsupported, "1:11", "strings mean nothing"},
		{"center // `x//y/*`", Unsupported, "1:11", "strings mean nothing"},
		{"values // k3", TypeError, "1:8", "cannot combine an array of 9 values with an array of 3 values"},
		{"(center > 1) // true and true", TypeError, "1:14", "and needs bools"},
	} {
		_, err := Check(tt.src, testEnv)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Check(%q): error %v, want a *lang.Error", tt.src, err)
			continue
		}
		if e.Kind != tt.kind || e.Pos.String() != tt.pos || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("Check(%q) = %v %s %q\nwant %v %s ...%q...", tt.src, e.Kind, e.Pos, e.Msg, tt.kind, tt.pos, tt.msg)
		}
	}
}

// TestFloorDivNumpy checks FloorDiv and Mod bit for bit against numpy
// 1.24's np.floor_divide and np.mod on float64, from the table that
// testdata/numpy/floordiv.py writes: every pair of a grid of special values
// (signed zeros, subnormals, infinities, NaN), near-multiples and random
// pairs.
func TestFloorDivNumpy(t *testing.T) {
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
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("bad number %q", s)
		}
		return v
	}
	same := func(got, want float64) bool {
		if math.IsNaN(want) {
			return math.IsNaN(got)
		}
		return math.Float64bits(got) == math.Float64bits(want)
	}
	for _, c := range file.Cases {
		a, b, div, mod := num(c[0]), num(c[1]), num(c[2]), num(c[3])
		if got := FloorDiv(a, b); !same(got, div) {
			t.Errorf("FloorDiv(%v, %v) = %v, numpy %v", a, b, got, div)
		}
		if got := Mod(a, b); !same(got, mod) {
			t.Errorf("Mod(%v, %v) = %v, numpy %v", a, b, got, mod)
		}
	}
}
