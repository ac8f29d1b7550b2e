package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/tiff"
)

// TestStream: an input past --memory, or past --max-bytes, is filtered
// band by band from the file instead of refused, and the output file is
// the in-memory run's byte for byte; no temporary file is left behind.
func TestStream(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(3, 4))
	data := make([]float32, 300*70)
	for i := range data {
		data[i] = float32(r.NormFloat64())
	}
	in, _ := filter.ArrayOf(data, 300, 70)
	inPath := filepath.Join(dir, "in.npy")
	writeNPY(t, inPath, in)
	for _, tt := range []struct{ kernel, mode string }{
		{"median(values)", "reflect"}, {"sum(values)", "wrap"}, {"max(values)", "constant"}, {"percentile(values, 30)", "grid-wrap"},
	} {
		want, got := filepath.Join(dir, "want.npy"), filepath.Join(dir, "got.npy")
		args := []string{"-e", tt.kernel, "--size", "5", "--mode", tt.mode, "--cval", "0.5", "--origin", "1"}
		if code, _, stderr := cli(t, nil, append(args, inPath, want)...); code != 0 {
			t.Fatal(stderr)
		}
		for _, limit := range [][]string{{"--memory", "40K"}, {"--max-bytes", "10K"}} {
			os.Remove(got)
			if code, _, stderr := cli(t, nil, append(append(args, limit...), inPath, got)...); code != 0 {
				t.Fatalf("%s %v: %s", tt.kernel, limit, stderr)
			}
			a, _ := os.ReadFile(want)
			b, _ := os.ReadFile(got)
			if !bytes.Equal(a, b) {
				t.Errorf("%s %s %v: the streamed output differs from the in-memory one", tt.kernel, tt.mode, limit)
			}
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "kfilter-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestStreamErrors: an input past --memory cut short fails naming the file,
// and leaves no output.
func TestStreamErrors(t *testing.T) {
	dir := t.TempDir()
	in, _ := filter.Zeros(filter.Float64, 100, 50)
	inPath, out := filepath.Join(dir, "in.npy"), filepath.Join(dir, "out.npy")
	writeNPY(t, inPath, in)
	b, _ := os.ReadFile(inPath)
	os.WriteFile(inPath, b[:len(b)-100], 0o644)
	code, _, stderr := cli(t, nil, "-e", "min(values)", "--size", "3", "--memory", "20K", inPath, out)
	if code == 0 || !strings.Contains(stderr, "in.npy") || !strings.Contains(stderr, "truncated") {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an output was written")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

// TestStreamTIFF: a TIFF stack of grey pages and a single page past
// --memory stream by pages and by rows into a .npy, byte for byte as in
// memory.
func TestStreamTIFF(t *testing.T) {
	dir := t.TempDir()
	for _, shape := range [][]int{{12, 30, 20}, {90, 40}} {
		a, _ := filter.Zeros(filter.Uint16, shape...)
		for i, d := 0, a.Data.([]uint16); i < len(d); i++ {
			d[i] = uint16(i * 7919 % 1000)
		}
		var buf bytes.Buffer
		if err := tiff.Write(&buf, a, &tiff.Options{RowsPerStrip: 3}); err != nil {
			t.Fatal(err)
		}
		in, want, got := filepath.Join(dir, "in.tif"), filepath.Join(dir, "want.npy"), filepath.Join(dir, "got.npy")
		os.WriteFile(in, buf.Bytes(), 0o644)
		args := []string{"-e", "median(values)", "--size", "3", "--mode", "wrap"}
		if code, _, stderr := cli(t, nil, append(args, in, want)...); code != 0 {
			t.Fatal(stderr)
		}
		if code, _, stderr := cli(t, nil, append(args, "--memory", "8K", in, got)...); code != 0 {
			t.Fatal(stderr)
		}
		x, _ := os.ReadFile(want)
		y, _ := os.ReadFile(got)
		if !bytes.Equal(x, y) {
			t.Errorf("%v: the streamed output differs", shape)
		}
	}
}
