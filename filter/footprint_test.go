package filter

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestNamedFootprints compares the named footprints with skimage's and
// scipy's drawings, committed under testdata/footprints.
func TestNamedFootprints(t *testing.T) {
	files, _ := filepath.Glob("../testdata/footprints/*.npy")
	if len(files) < 20 {
		t.Fatalf("only %d footprint fixtures", len(files))
	}
	for _, file := range files {
		var name string
		var n int
		base := strings.TrimSuffix(filepath.Base(file), ".npy")
		if _, err := fmt.Sscanf(strings.Replace(base, "-", " ", 1), "%s %d", &name, &n); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var got Footprint
		switch name {
		case "disk":
			got = Disk(n)
		case "diamond":
			got = Diamond(n)
		case "ball":
			got = Ball(n)
		case "cross":
			got = Cross(n)
		default:
			t.Fatalf("unknown fixture %s", file)
		}
		want, err := FootprintOf(readArray(t, file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: got %v, want %v", base, got, want)
		}
	}
}

func TestParseFootprint(t *testing.T) {
	tests := []struct {
		spec string
		rank int
		want string // Footprint.String()
	}{
		{"cross", 2, "0,1,0;1,1,1;0,1,0"},
		{"cross", 1, "1,1,1"},
		{"box:2", 2, "1,1;1,1"},
		{"3", 1, "1,1,1"},
		{"2x3", 2, "1,1,1;1,1,1"},
		{"3", 2, "1,1,1;1,1,1;1,1,1"},
		{"diamond:1", 2, "0,1,0;1,1,1;0,1,0"},
		{"disk:1", 2, "0,1,0;1,1,1;0,1,0"},
		{"0,1,0;1,1,1;0,1,0", 2, "0,1,0;1,1,1;0,1,0"},
		{"1,0,1", 1, "1,0,1"},
		{"1,0,1", 2, "1,0,1"},
		{" 1, 1 ; 0, 1 ", 2, "1,1;0,1"},
	}
	for _, tt := range tests {
		f, err := ParseFootprint(tt.spec, tt.rank)
		if err != nil {
			t.Errorf("ParseFootprint(%q, %d): %v", tt.spec, tt.rank, err)
			continue
		}
		if got := f.String(); got != tt.want {
			t.Errorf("ParseFootprint(%q, %d) = %s, want %s", tt.spec, tt.rank, got, tt.want)
		}
	}
	if f, _ := ParseFootprint("box:3", 3); len(f.Shape) != 3 || f.Count() != 27 {
		t.Errorf("box:3 in 3-D: %v", f.Shape)
	}
	if f, _ := ParseFootprint("ball:1", 3); f.Count() != 7 {
		t.Errorf("ball:1 has %d elements, want 7", f.Count())
	}
}

func TestParseFootprintErrors(t *testing.T) {
	for _, tt := range []struct {
		spec string
		rank int
		msg  string
	}{
		{"", 2, "unknown footprint"},
		{"star", 2, "unknown footprint"},
		{"box:0", 2, "positive size"},
		{"box:x", 2, "positive size"},
		{"box", 2, "unknown footprint"},
		{"disk:-1", 2, "radius"},
		{"disk:2", 3, "disk is 2-D, the input is 3-D"},
		{"ball:2", 2, "ball is 3-D"},
		{"0x3", 2, "positive integers"},
		{"0,0;0,0", 2, "no true element"},
		{"1,0;1", 2, "row 2 has 1 values"},
		{"1,2;1,1", 2, `"2", want 0 or 1`},
		{"100000x100000", 2, "positive integers"},
		{"2000x2000", 2, "over the limit"},
	} {
		_, err := ParseFootprint(tt.spec, tt.rank)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Error(), tt.msg) {
			t.Errorf("ParseFootprint(%q, %d) = %v, want an error with %q", tt.spec, tt.rank, err, tt.msg)
		}
	}
}

func TestFootprintOf(t *testing.T) {
	a, _ := ArrayOf([]uint8{0, 1, 0, 1, 1, 1}, 2, 3)
	f, err := FootprintOf(a)
	if err != nil || f.String() != "0,1,0;1,1,1" {
		t.Errorf("FootprintOf(uint8) = %v, %v", f, err)
	}
	b, _ := ArrayOf([]float64{0, 2}, 2)
	if _, err := FootprintOf(b); err == nil || !strings.Contains(err.Error(), "must be 0 or 1") {
		t.Errorf("FootprintOf with a 2: %v", err)
	}
}
