package main

import (
	"strings"
	"testing"
)

// TestKernelHints: the library's kernel errors name no flag; the command
// adds the flag that fixes a limit or a missing parameter, and only then.
func TestKernelHints(t *testing.T) {
	tests := []struct {
		args []string
		line string // the first line of stderr
	}{
		{[]string{"-e", strings.Repeat("center + ", 10000) + "1"},
			"kfilter: kernel: 1:1: kernel is 90001 bytes long, over the limit of 65536 (raise it with --max-kernel)"},
		{[]string{"-e", "center + 1000", "--max-kernel", "10"},
			"kfilter: kernel: 1:1: kernel is 13 bytes long, over the limit of 10 (raise it with --max-kernel)"},
		{[]string{"-e", "((((center))))", "--max-depth", "3"},
			"kfilter: kernel: 1:4: kernel nests 4 brackets deep, over the limit of 3 (raise it with --max-depth)"},
		{[]string{"-e", "- - - - - center", "--max-depth", "3"},
			"kfilter: kernel: 1:9: kernel nests 4 levels deep, over the limit of 3 (raise it with --max-depth)"},
		{[]string{"-e", "sum(map(values, count(values < #)))", "--size", "3", "--max-instructions", "10"},
			"kfilter: kernel: 1:1: kernel compiles to more than 10 instructions; simplify it or raise the limit (--max-instructions)"},
		{[]string{"-e", "center > thresh"},
			"kfilter: kernel: 1:10: unknown name thresh: it is neither built in nor a given parameter; give it a value as a parameter (-p thresh=VALUE)"},
		// a likely typo gets a suggestion, not a flag
		{[]string{"-e", "center > cc", "-p", "c=1"},
			"kfilter: kernel: 1:10: unknown name cc; did you mean c?"},
		// no flag raises the node limit
		{[]string{"-e", strings.Repeat("center+", 6000) + "1"},
			"kfilter: kernel: 1:35007: kernel has more than 10000 syntax nodes; simplify it"},
	}
	for _, tt := range tests {
		args := append([]string{"check"}, tt.args...)
		code, _, stderr := cli(t, nil, args...)
		first, _, _ := strings.Cut(stderr, "\n")
		if code != exitUsage || first != tt.line {
			t.Errorf("kfilter %.60q: exit %d\n got %q\nwant %q", args, code, first, tt.line)
		}
	}
}
