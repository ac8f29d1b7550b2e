package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/imageio"
)

const tiffFixtures = "../../testdata/tiff/"

// TestTIFFStackMedian filters a stack of 7 uint16 pages (plain pages,
// written by tifffile) in 3-D, to TIFF and to .npy, and compares both with
// scipy's median_filter(size=(3, 3, 3), mode='reflect') over tifffile's
// array (stack-make.py in testdata/images/tiff).
func TestTIFFStackMedian(t *testing.T) {
	dir := t.TempDir()
	want := readNPY(t, fixtures+"stack7-median.npy")
	if !equalInts(want.Shape, []int{7, 64, 80}) {
		t.Fatalf("fixture shape %v", want.Shape)
	}
	for _, ext := range []string{".tif", ".npy"} {
		out := filepath.Join(dir, "out"+ext)
		if code, _, stderr := cli(t, nil, "--size", "3x3x3", "-e", "median(values)", fixtures+"stack7.tif", out); code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, stderr)
		}
		var got *filter.Array
		if ext == ".tif" {
			got = toNPY(t, out, filepath.Join(dir, "back.npy"))
		} else {
			got = readNPY(t, out)
		}
		if !sameArray(got, want) {
			t.Errorf("%s: got %v %v, want scipy's %v %v (or the values differ)", ext, got.DType, got.Shape, want.DType, want.Shape)
		}
	}
	// the output TIFF is a stack of 7 pages, as tifffile writes one
	raw, err := os.ReadFile(filepath.Join(dir, "out.tif"))
	if err != nil {
		t.Fatal(err)
	}
	if n := tiffPages(t, raw); n != 7 {
		t.Errorf("output TIFF of %d pages, want 7", n)
	}
}

// tiffPages counts the IFDs of a little-endian classic TIFF.
func tiffPages(t *testing.T, raw []byte) int {
	t.Helper()
	le := func(b []byte) int { return int(b[0]) | int(b[1])<<8 | int(b[2])<<16 | int(b[3])<<24 }
	n := 0
	for off := le(raw[4:]); off != 0 && n < 100; n++ {
		entries := int(raw[off]) | int(raw[off+1])<<8
		off = le(raw[off+2+12*entries:])
	}
	return n
}

// TestTIFFTypes filters TIFFs of other sample types, in and out as TIFF:
// the dtype is kept and the values are those of the same filter over the
// .npy tifffile read.
func TestTIFFTypes(t *testing.T) {
	for _, name := range []string{
		"float32_le", "float32_be", "float64_be", "go_f32_deflate_fpred",
		"go_i16_be_deflate_pred", "go_i32_packbits", "bigtiff_f64", "bigtiff_lzw_u16",
		"go_u16_stack", "go_f64_bigtiff_4d",
	} { // (colour TIFFs are filtered channel by channel, a .npy as a whole)
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			viaTIFF := filepath.Join(dir, "out.tif")
			viaNPY := filepath.Join(dir, "out.npy")
			for _, io := range [][2]string{{tiffFixtures + name + ".tif", viaTIFF}, {tiffFixtures + name + ".npy", viaNPY}} {
				if code, _, stderr := cli(t, nil, "-e", "mean(values) - min(values)", "--size", "3", io[0], io[1]); code != 0 {
					t.Fatalf("%s: exit %d: %s", io[0], code, stderr)
				}
			}
			want := readNPY(t, viaNPY)
			got := toNPY(t, viaTIFF, filepath.Join(dir, "back.npy"))
			if !sameArray(got, want) {
				t.Errorf("TIFF in and out: %v %v, want the .npy path's %v %v (or the values differ)", got.DType, got.Shape, want.DType, want.Shape)
			}
		})
	}
	// float32 stays float32
	if a := readNPY(t, tiffFixtures+"float32_le.npy"); a.DType.String() != "float32" {
		t.Fatalf("fixture dtype %v", a.DType)
	}
	dir := t.TempDir()
	got := toNPY(t, tiffFixtures+"float32_le.tif", filepath.Join(dir, "f.npy"))
	if got.DType.String() != "float32" || !sameArray(got, readNPY(t, tiffFixtures+"float32_le.npy")) {
		t.Errorf("float32 TIFF read as %v %v", got.DType, got.Shape)
	}
}

// TestTIFFRefused: pages of different shapes, and a compression not read,
// are errors naming the page (and tag), with no output written.
func TestTIFFRefused(t *testing.T) {
	for _, tt := range []struct{ file, msg string }{
		{"bad_shapes.tif", "bad_shapes.tif: tiff: page 1: shape [4 5] uint8 differs from page 0's [4 4] uint8: pages of different shapes or types do not form one array"},
		{"bad_jpeg.tif", "bad_jpeg.tif: tiff: page 0: Compression (tag 259): 7 (JPEG) is not supported"},
		{"bad_palette.tif", "PhotometricInterpretation (tag 262)"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.tif")
			code, _, stderr := cli(t, nil, "-e", "center", "--size", "1", tiffFixtures+tt.file, out)
			if code != 1 || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, tt.msg)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("an output was written")
			}
		})
	}
}

// TestTIFFColourStack filters a stack of RGBA pages: each colour channel
// in 3-D, the alpha left as it is, and the output an RGBA stack again.
func TestTIFFColourStack(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.tif")
	if code, _, stderr := cli(t, nil, "-e", "max(values)", "--size", "3", tiffFixtures+"go_rgba_u16_stack.tif", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	in := readNPY(t, tiffFixtures+"go_rgba_u16_stack.npy") // (2, 6, 5, 4)
	var want []*filter.Array
	for k, ch := range imageio.SplitChannels(in) {
		if k < 3 {
			ch = library(t, "max(values)", filter.Options{Footprint: filter.Box(3, 3, 3)}, ch)
		}
		want = append(want, ch)
	}
	w, err := imageio.JoinChannels(want)
	if err != nil {
		t.Fatal(err)
	}
	if got := toNPY(t, out, filepath.Join(dir, "back.npy")); !sameArray(got, w) {
		t.Errorf("got %v %v, want %v %v (or the values differ)", got.DType, got.Shape, w.DType, w.Shape)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := tiffSamples(t, raw); n != 4 {
		t.Errorf("%d samples per pixel, want 4", n)
	}
}
