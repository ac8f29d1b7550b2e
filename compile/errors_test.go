package compile

import (
	"errors"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/lang"
)

// TestErrorDetails: Compile's errors carry lang's typed details, its own
// instruction limit included, and name no command-line flag.
func TestErrorDetails(t *testing.T) {
	tests := []struct {
		src   string
		cfg   Config
		limit *lang.LimitExceeded
		param *lang.MissingParam
	}{
		{"sum(map(values, count(values < #)))", Config{N: 9, MaxInstrs: 10}, &lang.LimitExceeded{Limit: lang.InstrLimit, Value: 11, Max: 10}, nil},
		{"((center))", Config{N: 9, Limits: lang.Limits{MaxDepth: 1}}, &lang.LimitExceeded{Limit: lang.DepthLimit, Value: 2, Max: 1}, nil},
		{"center + 1", Config{N: 9, Limits: lang.Limits{MaxSource: 5}}, &lang.LimitExceeded{Limit: lang.SourceLimit, Value: 10, Max: 5}, nil},
		{"count(values, # > t)", Config{N: 9}, nil, &lang.MissingParam{Name: "t"}},
		{"count(values, # > tt)", Config{N: 9, Params: map[string]Param{"t": Number(1)}}, nil, &lang.MissingParam{Name: "tt", Near: "t"}},
		{"values[i]", Config{N: 9, Params: map[string]Param{"i": Number(9)}}, nil, nil},
		{"c + 1", Config{N: 9, Params: map[string]Param{"c": {Values: []float64{1, 2}}}}, nil, nil},
		{"sum(values * w)", Config{N: 9, Params: map[string]Param{"w": Array(1, 2)}}, nil, nil},
		{"percentile(values, q)", Config{N: 9, Params: map[string]Param{"q": Number(120)}}, nil, nil},
	}
	for _, tt := range tests {
		_, err := Compile(tt.src, tt.cfg)
		if err == nil {
			t.Fatalf("Compile(%q) succeeded", tt.src)
		}
		if msg := err.Error(); strings.Contains(msg, "--") || strings.Contains(msg, "-p ") {
			t.Errorf("Compile(%q): %q names a command-line flag", tt.src, msg)
		}
		var le *lang.LimitExceeded
		if got := errors.As(err, &le); got != (tt.limit != nil) || got && *le != *tt.limit {
			t.Errorf("Compile(%q) = %v: LimitExceeded %v %+v, want %+v", tt.src, err, got, le, tt.limit)
		}
		var mp *lang.MissingParam
		if got := errors.As(err, &mp); got != (tt.param != nil) || got && *mp != *tt.param {
			t.Errorf("Compile(%q) = %v: MissingParam %v %+v, want %+v", tt.src, err, got, mp, tt.param)
		}
	}
}
