package lang

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

var testEnv = Env{N: 9, Params: map[string]Type{"c": Number, "q": Number, "w": ArrayOf(9), "k3": ArrayOf(3)}}

func TestCheckTypes(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		// the examples
		{"min(values)", "a number"},
		{"median(abs(values - c))", "a number"},
		{"count(values, # > c)", "a number"},
		{"percentile(values, q)", "a number"},
		{"sqrt(mean(values ** 2))", "a number"},
		{"let m = mean(values); sqrt(mean((values - m) ** 2))", "a number"},
		{"mean(filter(values, # >= c))", "a number"},
		{"sort(values)[1]", "a number"},
		{"sum(map(values, # * #))", "a number"},
		{"abs(center - median(values)) > 3 * std(values) ? median(values) : center", "a number"},
		{"any(values, # > 0.9) ? 1 : (all(values, # < 0.2) ? 2 : 3)", "a number"},
		{"sum(values * w)", "a number"},
		// operators and forms
		{"values[0] > c", "a bool"},
		{"values[-1] + values[-9]", "a number"},
		{"not (center > 1) && !(center < 0) || center == 2", "a bool"},
		{"center > c and center < 2 or false", "a bool"},
		{"any(values > c)", "a bool"},
		{"all(isnan(values))", "a bool"},
		{"any(values)", "a bool"},
		{"count(values > c)", "a number"},
		{"sum(values > c)", "a number"},
		{"len(values)", "a number"},
		{"len(filter(values, # > 0))", "a number"},
		{"sum(values[1:4])", "a number"},
		{"sum(values[-3:])", "a number"},
		{"sum(values[:2] * k3[1:])", "a number"},
		{"sum(values * [1, 2, 1, 2, 4, 2, 1, 2, 1]) / 16", "a number"},
		{"sum(values > c ? values : 0)", "a number"},
		{"mean(filter(values, # > c) - min(values))", "a number"},
		{"let f = filter(values, # > c); sum(f * f) / len(f)", "a number"},
		{"sum(map(values, count(values, # < 0)))", "a number"},
		{"values[argmin(values)]", "a number"},
		{"min(center, c, 1)", "a number"},
		{"max(values, c)[0]", "a number"},
		{"clip(center, 0, 1)", "a number"},
		{"2 ^ 3", "a number"},
		{"-center", "a number"},
		{"values | median()", "a number"},
		{"if center > 0 { 1 } else { 2 }", "a number"},
		{"mode(round(values))", "a number"},
		{"nanstd(values) + nanmedian(values) + nanmean(values) + nansum(values) + nanmin(values) + nanmax(values)", "a number"},
		{"percentile(values, 50) == median(values)", "a bool"},
		{"argmax(values) + prod(values) + var(values)", "a number"},
	}
	for _, tt := range tests {
		k, err := Check(tt.src, testEnv)
		if err != nil {
			t.Errorf("Check(%q): %v", tt.src, err)
			continue
		}
		if got := k.Type.String(); got != tt.want {
			t.Errorf("Check(%q) = %s, want %s", tt.src, got, tt.want)
		}
	}
}

func TestCheckErrors(t *testing.T) {
	tests := []struct {
		src  string
		kind ErrorKind
		pos  string
		msg  string // a fragment of the message
	}{
		{"medain(values)", UnknownName, "1:1", "did you mean median?"},
		{"foo + 1", UnknownName, "1:1", "give it a value as a parameter"},
		{"cc + 1", UnknownName, "1:1", "did you mean c?"},
		{"valuse[0]", UnknownName, "1:1", "did you mean values?"},
		{"values - c", TypeError, "1:8", "kernel must return a number, got an array of 9 values"},
		{"sort(values)", TypeError, "1:1", "got an array of 9 values"},
		{"values[9]", IndexError, "1:8", "index 9 is out of range"},
		{"values[-10]", IndexError, "1:8", "index -10 is out of range"},
		{"values[1.5]", IndexError, "1:8", "must be an integer"},
		{"k3[len(values)]", IndexError, "1:4", "out of range"},
		{"values[center:]", TypeError, "1:8", "slice bounds must be constants"},
		{"filter(values, # > 0)[1:2]", TypeError, "1:22", "varies per pixel"},
		{`"abc"`, Unsupported, "1:1", "strings mean nothing"},
		{"{a: 1}", Unsupported, "1:1", "maps mean nothing"},
		{"nil", Unsupported, "1:1", "nil means nothing"},
		{"values.x", Unsupported, "1:8", "field access"},
		{"upper(values)", Unsupported, "1:1", "expr built-in"},
		{"1 in values", Unsupported, "1:3", "operator in"},
		{"1..3", Unsupported, "1:2", "ranges"},
		{"center ?? 1", Unsupported, "1:8", "??"},
		{"min(1)", TypeError, "1:5", "two or more numbers"},
		{"median(1, 2)", TypeError, "1:1", "median takes 1 argument, got 2"},
		{"clip(values)", TypeError, "1:1", "clip takes 3 arguments"},
		{"center > 1 ? values : 2", TypeError, "1:8", "got an array of 9 values"},
		{"center ? 1 : 2", TypeError, "1:1", "condition of ?: must be a bool"},
		{"center and true", TypeError, "1:1", "and needs bools"},
		{"not center", TypeError, "1:1", "not needs a bool"},
		{"values + k3", TypeError, "1:8", "cannot combine an array of 9 values with an array of 3 values"},
		{"count(values, # + 1)", TypeError, "1:17", "predicate of count must be a bool"},
		{"map(values, values)", TypeError, "1:13", "one number or bool per element"},
		{"median", TypeError, "1:1", "median is a function"},
		{"values(1)", TypeError, "1:1", "values is not a function"},
		{"c(1)", TypeError, "1:1", "parameter c is not a function"},
		{"let values = 1; values", TypeError, "1:5", "cannot redefine the built-in name values"},
		{"let c = 1; c", TypeError, "1:5", "cannot redefine the parameter c"},
		{"percentile(values, 101)", TypeError, "1:20", "q must be in 0..100"},
		{"len(center)", TypeError, "1:5", "len needs an array"},
		{"filter(center, # > 0)", TypeError, "1:8", "filter needs an array"},
		{"#index", SyntaxError, "1:1", "unexpected token"},
		{"1 +", SyntaxError, "1:4", "unexpected end of kernel"},
		{"(1 + 2", SyntaxError, "1:7", "unexpected end of kernel"},
		{"", SyntaxError, "1:1", "empty kernel"},
		{"median(values); 1", Unsupported, "1:17", "only let bindings"},
		{"median(values) +\n  foo", UnknownName, "2:3", "unknown name foo"},
		{"any(values > 0) && any(valuse)", UnknownName, "1:24", "did you mean values?"},
		{"all(center)", TypeError, "1:5", "all needs an array"},
		{strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200), LimitError, "1:129", "nests 200 brackets deep"},
		{strings.Repeat("1+", 40000) + "1", LimitError, "1:1", "over the limit of 65536"},
	}
	for _, tt := range tests {
		_, err := Check(tt.src, testEnv)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Check(%.40q): error %v, want a *lang.Error", tt.src, err)
			continue
		}
		if e.Kind != tt.kind || e.Pos.String() != tt.pos || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("Check(%.40q) = %v %s %q\nwant %v %s ...%q...", tt.src, e.Kind, e.Pos, e.Msg, tt.kind, tt.pos, tt.msg)
		}
	}
}

func TestEnvErrors(t *testing.T) {
	for _, tt := range []struct {
		env Env
		msg string
	}{
		{Env{N: 9, Params: map[string]Type{"median": Number}}, "parameter median shadows the built-in name median"},
		{Env{N: 9, Params: map[string]Type{"values": Number}}, "shadows the built-in name values"},
		{Env{N: 9, Params: map[string]Type{"a-b": Number}}, `"a-b" is not an identifier`},
		{Env{N: 9, Params: map[string]Type{"b": Bool}}, "must be a number or an array of numbers"},
		{Env{N: -1}, "footprint size -1 is negative"},
	} {
		_, err := Check("1", tt.env)
		var e *Error
		if !errors.As(err, &e) || e.Kind != ParamError || !strings.Contains(e.Msg, tt.msg) {
			t.Errorf("env %v: %v, want a ParamError with %q", tt.env, err, tt.msg)
		}
	}
}

// TestDiagnosticsGolden renders a set of diagnostics as the command shows
// them: message, source line and caret.
func TestDiagnosticsGolden(t *testing.T) {
	kernels := []string{
		"medain(values)",
		"median(abs(values - cc))",
		"values - c",
		"sum(values * k3)",
		"values[12]",
		"count(values, # + 1)",
		"center > 0 ? 1 : values",
		"median(values) +\n  thresh * 2",
		"mean(values",
		"max(values) - 'abc'",
		"std(values, 1)",
		"\tabs(center - median(values)) > 3 * sdt(values) ? median(values) : center",
		"values[0] ?? 1",
		"let x = 1; x +",
	}
	var b strings.Builder
	for _, src := range kernels {
		_, err := Check(src, testEnv)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Check(%q) = %v, want an error", src, err)
		}
		fmt.Fprintf(&b, "== %q\n%s\n%s\n\n", src, e.Error(), e.Snippet())
	}
	golden(t, "../testdata/lang/diagnostics.golden", b.String())
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update after checking the change):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestPositionsAfterRewrite(t *testing.T) {
	// any(x) is rewritten to any(x, #) before expr's parser sees it; errors
	// after the rewrite must still point at the user's text.
	src := "any(values > 0) and all(values < 1) and nope"
	_, err := Check(src, testEnv)
	var e *Error
	if !errors.As(err, &e) || e.Pos.Col != 41 {
		t.Fatalf("got %v, want an error at column 41", err)
	}
}

func TestNearest(t *testing.T) {
	names := FuncNames()
	for _, tt := range []struct{ in, want string }{
		{"medain", "median"}, {"meen", "mean"}, {"precentile", "percentile"},
		{"sdt", "std"}, {"nanmedain", "nanmedian"}, {"xyzzy", ""}, {"count", "count"},
	} {
		if got := nearest(tt.in, names); got != tt.want {
			t.Errorf("nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	files, _ := filepath.Glob("../testdata/fuzz/FuzzCheck/*")
	if len(files) == 0 {
		f.Fatal("no seed corpus in testdata/fuzz/FuzzCheck")
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, src string) {
		k, err := Check(src, testEnv)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Check(%q): %T %v is not a *lang.Error", src, err, err)
			}
			if e.Pos.IsValid() && (e.Pos.Offset < 0 || e.Pos.Offset > len(src) || e.Pos.Line < 1 || e.Pos.Col < 1) {
				t.Fatalf("Check(%q): bad position %+v", src, e.Pos)
			}
			_ = e.Snippet()
			return
		}
		if !k.Type.IsScalar() {
			t.Fatalf("Check(%q) accepted a kernel of type %s", src, k.Type)
		}
	})
}
