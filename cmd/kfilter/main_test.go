package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

const camera = "../../testdata/images/camera.png"
const coins = "../../testdata/images/coins.png"

// cli runs the command in-process, as main does.
func cli(t *testing.T, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, bytes.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeNPY(t *testing.T, path string, a *filter.Array) {
	t.Helper()
	var b bytes.Buffer
	if err := npy.Write(&b, &npy.Array{Shape: a.Shape, DType: a.DType, Data: a.Data}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readNPY(t *testing.T, path string) *filter.Array {
	t.Helper()
	a, err := readArrayFile(path, limits{maxBytes: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func readImage(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// library runs the same filter through the Go API, as the reference for
// the command's output.
func library(t *testing.T, kernel string, opts filter.Options, in *filter.Array) *filter.Array {
	t.Helper()
	f, err := filter.New(kernel, opts)
	if err != nil {
		t.Fatal(err)
	}
	out, err := f.Apply(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameArray(a, b *filter.Array) bool {
	return a.DType == b.DType && equalInts(a.Shape, b.Shape) && bytes.Equal([]byte(fmtData(a)), []byte(fmtData(b)))
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func fmtData(a *filter.Array) string {
	var b bytes.Buffer
	npy.Write(&b, &npy.Array{Shape: a.Shape, DType: a.DType, Data: a.Data})
	return b.String()
}

func cameraArray(t *testing.T) *filter.Array {
	chans, _ := filter.FromImage(readImage(t, camera))
	return chans[0]
}

func TestRunPNG(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.png")
	// flags after the file names, --flag=value form
	code, stdout, stderr := cli(t, nil, camera, out, "-e", "min(values)", "--footprint=cross")
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	got, _ := filter.FromImage(readImage(t, out))
	want := library(t, "min(values)", filter.Options{Footprint: filter.Cross(2)}, cameraArray(t))
	if !sameArray(got[0], want) {
		t.Error("kfilter's PNG differs from the library's result")
	}
}

// TestFloorDivKernels runs the two kernels: sum(values)//9 is a
// floored mean (not sum(values) with a comment), and values[len(values)//2]
// over a 3x3 box is the centre pixel.
func TestFloorDivKernels(t *testing.T) {
	dir := t.TempDir()
	cam := cameraArray(t)
	for _, tt := range []struct{ kernel, same string }{
		// sums of integers below 2**53: true division never rounds across
		// an integer, so floor of it is floor_divide
		{"sum(values)//9", "floor(sum(values) / 9)"},
		{"values[len(values)//2]", "center"},
	} {
		out := filepath.Join(dir, "o.png")
		code, _, stderr := cli(t, nil, "-e", tt.kernel, "--size", "3x3", camera, out)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.kernel, code, stderr)
		}
		got, _ := filter.FromImage(readImage(t, out))
		want := library(t, tt.same, filter.Options{Footprint: filter.Box(3, 3)}, cam)
		if !sameArray(got[0], want) {
			t.Errorf("%s differs from %s", tt.kernel, tt.same)
		}
	}
}

func TestFormats(t *testing.T) {
	dir := t.TempDir()
	cam := cameraArray(t)
	want := library(t, "median(values)", filter.Options{Footprint: filter.Box(3, 3)}, cam)
	// every format in and out, through a chain of conversions
	steps := []struct{ in, out string }{
		{camera, "a.npy"},
		{"a.npy", "b.tif"},
		{"b.tif", "c.pgm"},
		{"c.pgm", "d.png"},
	}
	for i, s := range steps {
		in := s.in
		if i > 0 {
			in = filepath.Join(dir, s.in)
		}
		kernel := "center"
		if i == 0 {
			kernel = "median(values)"
		}
		code, _, stderr := cli(t, nil, "-e", kernel, "--size", "3", in, filepath.Join(dir, s.out))
		if code != 0 {
			t.Fatalf("%s -> %s: exit %d: %s", s.in, s.out, code, stderr)
		}
	}
	if got := readNPY(t, filepath.Join(dir, "a.npy")); !sameArray(got, want) {
		t.Error("npy output differs")
	}
	got, _ := filter.FromImage(readImage(t, filepath.Join(dir, "d.png")))
	if !sameArray(got[0], want) {
		t.Error("png after tif and pgm differs")
	}
	// 16-bit and float outputs
	if code, _, stderr := cli(t, nil, "-e", "center * 256", "--size", "1", "--dtype", "uint16", camera, filepath.Join(dir, "e.png")); code != 0 {
		t.Fatal(stderr)
	}
	if img := readImage(t, filepath.Join(dir, "e.png")); img.ColorModel() != color.Gray16Model {
		t.Errorf("uint16 output is %T", img)
	}
	if code, _, stderr := cli(t, nil, "-e", "mean(values)", "--size", "2x2", "--dtype", "float32", camera, filepath.Join(dir, "f.npy")); code != 0 {
		t.Fatal(stderr)
	} else if a := readNPY(t, filepath.Join(dir, "f.npy")); a.DType != filter.Float32 {
		t.Errorf("float32 output is %v", a.DType)
	}
}

func TestColourAndJPEG(t *testing.T) {
	dir := t.TempDir()
	img := image.NewNRGBA(image.Rect(0, 0, 16, 12))
	for y := 0; y < 12; y++ {
		for x := 0; x < 16; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 16), uint8(y * 20), uint8(x * y), uint8(255 - x)})
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	in := filepath.Join(dir, "in.png")
	os.WriteFile(in, b.Bytes(), 0o644)
	out := filepath.Join(dir, "out.png")
	if code, _, stderr := cli(t, nil, "-e", "max(values)", "--size", "3", in, out); code != 0 {
		t.Fatal(stderr)
	}
	res := readImage(t, out).(*image.NRGBA)
	// alpha untouched, each channel filtered alone
	if a := res.NRGBAAt(5, 5).A; a != 255-5 {
		t.Errorf("alpha = %d, want %d", a, 255-5)
	}
	if r := res.NRGBAAt(5, 5).R; r != 6*16 {
		t.Errorf("red = %d, want %d", r, 6*16)
	}
	// colour to .npy is HxWxC
	if code, _, stderr := cli(t, nil, "-e", "center", "--size", "1", in, filepath.Join(dir, "c.npy")); code != 0 {
		t.Fatal(stderr)
	} else if a := readNPY(t, filepath.Join(dir, "c.npy")); !equalInts(a.Shape, []int{12, 16, 4}) {
		t.Errorf("colour npy shape %v", a.Shape)
	}
	b.Reset()
	jpeg.Encode(&b, img, nil)
	jin := filepath.Join(dir, "in.jpg")
	os.WriteFile(jin, b.Bytes(), 0o644)
	if code, _, stderr := cli(t, nil, "-e", "min(values)", "--size", "3", jin, filepath.Join(dir, "j.ppm")); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, _ := cli(t, nil, "-e", "min(values)", "--size", "3", jin, filepath.Join(dir, "j.jpg")); code != 2 {
		t.Errorf("jpg output: exit %d, want 2", code)
	}
}

func TestStdio(t *testing.T) {
	var b bytes.Buffer
	a, _ := filter.ArrayOf([]float64{1, 5, 2, 8, 3}, 5)
	npy.Write(&b, &npy.Array{Shape: a.Shape, DType: a.DType, Data: a.Data})
	code, stdout, stderr := cli(t, b.Bytes(), "-e", "max(values)", "--size", "3", "--mode", "nearest", "--format", "npy", "-", "-")
	if code != 0 {
		t.Fatal(stderr)
	}
	got, err := npy.Read(strings.NewReader(stdout))
	if err != nil {
		t.Fatal(err)
	}
	if s := fmt.Sprint(got.Data); s != "[5 5 8 8 8]" {
		t.Errorf("stdout array %s", s)
	}
}

// TestGolden runs each subcommand and error class and keeps exit status,
// stdout and stderr in testdata/cli/*.golden.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "existing.png")
	os.WriteFile(existing, []byte("precious"), 0o644)
	notPNG := filepath.Join(dir, "fake.png")
	os.WriteFile(notPNG, []byte("this is not a png"), 0o644)
	floats := filepath.Join(dir, "floats.npy")
	f3, _ := filter.Zeros(filter.Float64, 2, 3, 5)
	writeNPY(t, floats, f3)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"help", []string{"help"}, 0},
		{"help-modes", []string{"help", "modes"}, 0},
		{"help-kernels", []string{"help", "kernels"}, 0},
		{"help-unknown", []string{"help", "colours"}, 2},
		{"check-ok", []string{"check", "-e", "median(abs(values - c))", "-p", "c=1", "--size", "5x5"}, 0},
		{"check-typo", []string{"check", "-e", "median(abs(values - cc))", "-p", "c=1"}, 2},
		{"check-type", []string{"check", "-e", "values - 1", "--footprint", "cross"}, 2},
		{"check-multiline", []string{"check", "-e", "let m = median(values);\nmedian(abs(values - m)) +\n  sdt(values)"}, 2},
		{"explain-mad", []string{"explain", "-e", "median(abs(values - c))", "-p", "c=0.5", "--size", "3x3"}, 0},
		{"explain-outlier", []string{"explain", "-e", "abs(center - median(values)) > 3 * std(values) ? median(values) : center", "--size", "5"}, 0},
		{"explain-filter", []string{"explain", "-e", "mean(filter(values, # >= t))", "-p", "t=0.5", "--footprint", "0,1,0;1,1,1;0,1,0"}, 0},
		{"explain-floordiv", []string{"explain", "-e", "values[len(values)//2] - sum(values)//9", "--size", "3x3"}, 0},
		{"check-comment", []string{"check", "-e", "median(values) /* the median */", "--size", "3"}, 2},
		{"unknown-flag", []string{"-e", "min(values)", "--sise", "3", camera, "$TMP/o.png"}, 2},
		{"flag-no-value", []string{"-e", "min(values)", camera, "$TMP/o.png", "--size"}, 2},
		{"no-kernel", []string{"--size", "3", camera, "$TMP/o.png"}, 2},
		{"no-footprint", []string{"-e", "min(values)", camera, "$TMP/o.png"}, 2},
		{"one-file", []string{"-e", "min(values)", "--size", "3", camera}, 2},
		{"unknown-mode", []string{"-e", "min(values)", "--size", "3", "--mode", "reflekt", camera, "$TMP/o.png"}, 2},
		{"bad-footprint", []string{"-e", "min(values)", "--footprint", "star", camera, "$TMP/o.png"}, 2},
		{"footprint-rank", []string{"-e", "min(values)", "--footprint", "ball:1", camera, "$TMP/o.png"}, 2},
		{"origin-range", []string{"-e", "min(values)", "--size", "3", "--origin", "2", camera, "$TMP/o.png"}, 2},
		{"origin-not-int", []string{"-e", "min(values)", "--size", "3", "--origin", "a", camera, "$TMP/o.png"}, 2},
		{"kernel-error", []string{"-e", "median(values) +", "--size", "3", camera, "$TMP/o.png"}, 2},
		{"param-missing", []string{"-e", "count(values, # > t)", "--size", "3", camera, "$TMP/o.png"}, 2},
		{"param-not-number", []string{"-e", "count(values, # > t)", "-p", "t=high", "--size", "3", camera, "$TMP/o.png"}, 2},
		{"param-shadows", []string{"-e", "center", "-p", "median=1", "--size", "3", camera, "$TMP/o.png"}, 2},
		{"param-array-length", []string{"-e", "sum(values * w)", "-p", "w=1,2", "--size", "3", camera, "$TMP/o.png"}, 2},
		{"dtype-unknown", []string{"-e", "min(values)", "--size", "3", "--dtype", "float128", camera, "$TMP/o.png"}, 2},
		{"dtype-format", []string{"-e", "min(values)", "--size", "3", "--dtype", "float64", camera, "$TMP/o.png"}, 2},
		{"missing-input", []string{"-e", "min(values)", "--size", "3", "$TMP/nothere.png", "$TMP/o.png"}, 1},
		{"not-a-png", []string{"-e", "min(values)", "--size", "3", notPNG, "$TMP/o.png"}, 1},
		{"unknown-extension", []string{"-e", "min(values)", "--size", "3", camera, "$TMP/o.bmp"}, 2},
		{"output-dir-missing", []string{"-e", "min(values)", "--size", "3", camera, "$TMP/no/such/dir/o.png"}, 1},
		{"not-an-image", []string{"-e", "min(values)", "--size", "3", floats, existing}, 2},
		{"not-an-image-uint8", []string{"-e", "min(values)", "--size", "3", "--dtype", "uint8", floats, existing}, 1},
		{"stdin-no-format", []string{"-e", "min(values)", "--size", "3", "-", "$TMP/o.npy"}, 1},
		// did you mean, for commands, flags, modes, dtypes, sizes and help topics
		{"command-typo", []string{"explian"}, 2},
		{"command-typo-flags", []string{"chekc", "-e", "min(values)", "--size", "3"}, 2},
		{"command-unknown", []string{"sharpen", "-e", "min(values)", "--size", "3"}, 2},
		{"flag-typo", []string{"-e", "min(values)", "--size", "3", "--mdoe", "nearest", camera, "$TMP/o.png"}, 2},
		{"flag-prefix", []string{"-e", "min(values)", "--foot", "cross", camera, "$TMP/o.png"}, 2},
		{"flag-not-bool", []string{"-e", "min(values)", "--size", "3", "--quiet=maybe", camera, "$TMP/o.png"}, 2},
		{"flag-not-number", []string{"-e", "min(values)", "--size", "3", "--threads", "all", camera, "$TMP/o.png"}, 2},
		{"mode-typo", []string{"-e", "min(values)", "--size", "3", "--mode", "reflct", camera, "$TMP/o.png"}, 2},
		{"mode-unknown", []string{"-e", "min(values)", "--size", "3", "--mode", "sideways", camera, "$TMP/o.png"}, 2},
		{"dtype-typo", []string{"-e", "min(values)", "--size", "3", "--dtype", "flot32", camera, "$TMP/o.png"}, 2},
		{"size-comma", []string{"-e", "min(values)", "--size", "1,5", camera, "$TMP/o.png"}, 2},
		{"size-named", []string{"-e", "min(values)", "--size", "disk:3", camera, "$TMP/o.png"}, 2},
		{"max-bytes-unit", []string{"-e", "min(values)", "--size", "3", "--max-bytes", "2GBs", camera, "$TMP/o.png"}, 2},
		{"help-typo", []string{"help", "mdoes"}, 2},
		{"explain-dtype", []string{"explain", "-e", "min(values)", "--size", "3", "--dtype", "uint8"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "$TMP", dir)
			}
			code, stdout, stderr := cli(t, nil, args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstderr: %s", code, tt.code, stderr)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Errorf("stack trace on stderr:\n%s", stderr)
			}
			got := "$ kfilter " + strings.ReplaceAll(strings.Join(args, " "), dir, "$TMP") + "\n--- exit\n" + strconv.Itoa(code) + "\n--- stdout\n" + stdout + "--- stderr\n" + strings.ReplaceAll(stderr, dir, "$TMP")
			path := filepath.Join("../../testdata/cli", tt.name+".golden")
			// without the vector kernels some paths differ (filter's
			// portableOrder): a .portable.golden has those
			if portable := filepath.Join("../../testdata/cli", tt.name+".portable.golden"); !compile.Vector() {
				if _, err := os.Stat(portable); err == nil {
					path = portable
				}
			}
			golden(t, path, got)
		})
	}
	// no failure touched the existing output or left a temporary file
	if b, _ := os.ReadFile(existing); string(b) != "precious" {
		t.Errorf("existing output changed to %q", b)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".kfilter-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
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
		t.Errorf("%s differs (check, then go test -update):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
