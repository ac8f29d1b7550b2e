package lang

import (
	"errors"
	"strings"
	"testing"
)

// TestErrorDetails checks the typed details that errors.As finds through
// an *Error, so that a program can act on a limit or a missing parameter
// without reading the message.
func TestErrorDetails(t *testing.T) {
	small := Limits{MaxSource: 100, MaxDepth: 5, MaxNodes: 20}
	tests := []struct {
		src    string
		lim    Limits
		limit  *LimitExceeded
		param  *MissingParam
		errpos string
	}{
		{strings.Repeat("1+", 60) + "1", small, &LimitExceeded{SourceLimit, 121, 100}, nil, "1:1"},
		{"((((((((center))))))))", small, &LimitExceeded{DepthLimit, 8, 5}, nil, "1:6"},
		// nesting without brackets: the converter's depth, stopped at Max+1
		{"- - - - - - - - center", small, &LimitExceeded{DepthLimit, 6, 5}, nil, "1:13"},
		{strings.Repeat("center+", 15) + "1", Limits{MaxSource: 1000, MaxDepth: 50, MaxNodes: 20}, &LimitExceeded{NodeLimit, 21, 20}, nil, ""},
		{"foo + 1", Limits{}, nil, &MissingParam{Name: "foo"}, "1:1"},
		{"median(values) > cc", Limits{}, nil, &MissingParam{Name: "cc", Near: "c"}, "1:18"},
		{"let threshold = 1; treshold", Limits{}, nil, &MissingParam{Name: "treshold", Near: "threshold"}, "1:20"},
	}
	for _, tt := range tests {
		env := testEnv
		env.Limits = tt.lim
		_, err := Check(tt.src, env)
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Check(%.30q) = %v, want a *lang.Error", tt.src, err)
		}
		if tt.errpos != "" && e.Pos.String() != tt.errpos {
			t.Errorf("Check(%.30q) at %s, want %s", tt.src, e.Pos, tt.errpos)
		}
		var le *LimitExceeded
		switch {
		case tt.limit != nil && !errors.As(err, &le):
			t.Errorf("Check(%.30q) = %v: no *LimitExceeded", tt.src, err)
		case tt.limit != nil && *le != *tt.limit:
			t.Errorf("Check(%.30q): %+v, want %+v", tt.src, *le, *tt.limit)
		case tt.limit != nil && e.Kind != LimitError:
			t.Errorf("Check(%.30q): kind %v, want a LimitError", tt.src, e.Kind)
		case tt.limit == nil && errors.As(err, &le):
			t.Errorf("Check(%.30q): unexpected %+v", tt.src, *le)
		}
		var mp *MissingParam
		switch {
		case tt.param != nil && !errors.As(err, &mp):
			t.Errorf("Check(%.30q) = %v: no *MissingParam", tt.src, err)
		case tt.param != nil && *mp != *tt.param:
			t.Errorf("Check(%.30q): %+v, want %+v", tt.src, *mp, *tt.param)
		case tt.param != nil && e.Kind != UnknownName:
			t.Errorf("Check(%.30q): kind %v, want UnknownName", tt.src, e.Kind)
		case tt.param == nil && errors.As(err, &mp):
			t.Errorf("Check(%.30q): unexpected %+v", tt.src, *mp)
		}
	}
	// an unknown function is no missing parameter
	_, err := Check("medain(values)", testEnv)
	var mp *MissingParam
	if err == nil || errors.As(err, &mp) {
		t.Errorf("medain(values): %v, want an error without a *MissingParam", err)
	}
}

// TestNoCommandLineInMessages: lang is a library; its messages name no
// command-line flag (the kfilter command adds its own hints).
func TestNoCommandLineInMessages(t *testing.T) {
	small := Limits{MaxSource: 100, MaxDepth: 5, MaxNodes: 20}
	for _, tt := range []struct {
		src string
		lim Limits
	}{
		{strings.Repeat("1+", 60) + "1", small},
		{"((((((((center))))))))", small},
		{"- - - - - - - - center", small},
		{strings.Repeat("center+", 15) + "1", Limits{MaxSource: 1000, MaxDepth: 50, MaxNodes: 20}},
		{strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200), Limits{}},
		{strings.Repeat("1+", 40000) + "1", Limits{}},
		{"foo + 1", Limits{}},
		{"median(values) +\n  thresh * 2", Limits{}},
		{"cc + 1", Limits{}},
		{"medain(values)", Limits{}},
		{"xyzzy(values)", Limits{}},
		{"upper(values)", Limits{}},
		{"values /* x */", Limits{}},
		{"// 2", Limits{}},
		{"1 +", Limits{}},
		{"", Limits{}},
		{"values[9]", Limits{}},
	} {
		env := testEnv
		env.Limits = tt.lim
		_, err := Check(tt.src, env)
		if err == nil {
			t.Fatalf("Check(%.30q) succeeded", tt.src)
		}
		if msg := err.Error(); strings.Contains(msg, "--") || strings.Contains(msg, "-p ") {
			t.Errorf("Check(%.30q): %q names a command-line flag", tt.src, msg)
		}
	}
}
