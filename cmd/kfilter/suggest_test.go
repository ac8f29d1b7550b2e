package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClosest(t *testing.T) {
	flags := []string{"footprint", "size", "mode", "cval", "origin", "axes", "dtype", "threads",
		"max-bytes", "max-kernel", "max-depth", "max-instructions"}
	tests := []struct {
		word       string
		candidates []string
		want       string
	}{
		{"explian", commands, "explain"},
		{"bnech", commands, "bench"},
		{"chek", commands, "check"},
		{"verison", commands, "version"},
		{"Explian", commands, "explain"}, // case is forgiven
		{"foo", commands, ""},
		{"camera", commands, ""},
		{"mdoe", flags, "mode"},
		{"sise", flags, "size"},
		{"foot", flags, "footprint"},     // the only flag it starts
		{"max", flags, ""},               // starts four flags: no guess
		{"max-byte", flags, "max-bytes"}, // one edit
		{"x", flags, ""},
		{"reflct", modeNames(), "reflect"},
		{"grid-wrp", modeNames(), "grid-wrap"},
		{"sideways", modeNames(), ""},
		{"flot32", dtypeNames(), "float32"},
		{"unit8", dtypeNames(), "uint8"},
		{"mdoes", []string{"kernels", "footprints", "modes"}, "modes"},
	}
	for _, tt := range tests {
		if got := closest(tt.word, tt.candidates); got != tt.want {
			t.Errorf("closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	// dtypes allow one edit only: float128 is a real numpy dtype, not a typo
	if got := closestWithin("float128", dtypeNames(), 1); got != "" {
		t.Errorf("float128 suggests %q", got)
	}
}

func TestParseByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string
	}{
		{"1048576", 1 << 20, ""},
		{"1", 1, ""},
		{"100B", 100, ""},
		{"512k", 512 << 10, ""},
		{"512K", 512 << 10, ""},
		{"512KiB", 512 << 10, ""},
		{"512KB", 512000, ""},
		{"1M", 1 << 20, ""},
		{"1mib", 1 << 20, ""},
		{"1MB", 1000000, ""},
		{"1G", 1 << 30, ""},
		{"1GiB", 1 << 30, ""},
		{"1GB", 1000000000, ""},
		{"2 G", 2 << 30, ""},
		{"1.5G", 3 << 29, ""},
		{"0.5K", 512, ""},
		{"1T", 1 << 40, ""},
		{"1TB", 1000000000000, ""},
		{"8388607T", 8388607 << 40, ""},
		{"8388608T", 0, "larger than"},
		{"99999999999999999999", 0, "larger than"},
		{"0", 0, "1 byte or more"},
		{"0.1B", 0, "1 byte or more"},
		{"-1", 0, "1 byte or more"},
		{"1Q", 0, "unknown unit \"Q\""},
		{"1GiBs", 0, "unknown unit"},
		{"G", 0, "not a size"},
		{"", 0, "not a size"},
		{"1.2.3M", 0, "not a size"},
	}
	for _, tt := range tests {
		got, err := parseByteSize(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("parseByteSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("parseByteSize(%q) = %d, %v; want an error with %q", tt.in, got, err, tt.err)
		}
	}
}

// TestMaxBytesUnits: --max-bytes takes a unit, and the limit it sets is the
// one that holds. camera.png is 512x512: a decoded image may have
// max-bytes/32 pixels, so 8M (262144 pixels) admits it and 8MB does not.
func TestMaxBytesUnits(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o.png")
	tests := []struct {
		size string
		code int
		msg  string
	}{
		{"8M", 0, ""},
		{"8MiB", 0, ""},
		{"8388608", 0, ""},
		{"8MB", 1, "--max-bytes"},
		{"1G", 0, ""},
		{"1Q", 2, `--max-bytes 1Q: unknown unit "Q"`},
	}
	for _, tt := range tests {
		code, _, stderr := cli(t, nil, "-e", "min(values)", "--size", "3", "--max-bytes", tt.size, camera, out)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("--max-bytes %s: exit %d, %q; want exit %d with %q", tt.size, code, stderr, tt.code, tt.msg)
		}
	}
}

// TestCommandOrInput: without a command, the first word is run's INPUT if
// it could be a file name; otherwise it is an unknown command.
func TestCommandOrInput(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("chek", []byte("not an image"), 0o644) // exists, so it is a file
	tests := []struct {
		word string
		want bool
	}{
		{"explian", true},
		{"foo", true},
		{"chek", false},
		{"in.png", false},
		{"nothere.png", false},
		{"./explian", false},
		{"data/in", false},
		{"-", false},
		{"-e", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := commandLike(tt.word); got != tt.want {
			t.Errorf("commandLike(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
	// the existing file chek is read as the input, not taken for check
	code, _, stderr := cli(t, nil, "chek", "-e", "min(values)", "--size", "3", "o.png")
	if code != 2 || strings.Contains(stderr, "command") || !strings.Contains(stderr, "chek") {
		t.Errorf("existing file chek: exit %d, %q", code, stderr)
	}
	// a typo of a command, with the flags of that command
	code, _, stderr = cli(t, nil, "bnech", "-e", "min(values)", "--size", "3", "--shape", "20x20")
	if code != 2 || !strings.Contains(stderr, `unknown command "bnech"; did you mean bench?`) {
		t.Errorf("bnech: exit %d, %q", code, stderr)
	}
}
