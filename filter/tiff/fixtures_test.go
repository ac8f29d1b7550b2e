package tiff_test

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
	"github.com/kfilter/kfilter/filter/tiff"
)

var update = flag.Bool("update", false, "rewrite the Go-written fixtures under testdata/tiff")

// fixtureDir holds TIFF files written by tifffile and tiffcp, each with
// the array tifffile reads as a .npy beside it (see make.py there).
const fixtureDir = "../../testdata/tiff"

func readNPY(t testing.TB, name string) *filter.Array {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := npy.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return &filter.Array{Shape: a.Shape, DType: a.DType, Data: a.Data}
}

func readTIFF(name string) (*filter.Array, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	return tiff.Read(bytes.NewReader(b), int64(len(b)))
}

// TestFixtures decodes every fixture and compares it bit for bit with
// the array tifffile read from it.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.npy"))
	if err != nil || len(files) < 40 {
		t.Fatalf("fixtures missing: %d files, %v", len(files), err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".npy")
		t.Run(name, func(t *testing.T) {
			want := readNPY(t, f)
			b, err := os.ReadFile(strings.TrimSuffix(f, ".npy") + ".tif")
			if err != nil {
				t.Fatal(err)
			}
			d, err := tiff.NewDecoder(bytes.NewReader(b), int64(len(b)), tiff.Limits{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := d.Read()
			if err != nil {
				t.Fatal(err)
			}
			if msg := sameArray(got, want); msg != "" {
				t.Fatal(msg)
			}
			layout := "pages"
			switch {
			case strings.HasPrefix(name, "imagej_"):
				layout = "ImageJ"
			case strings.HasPrefix(name, "shaped_") || strings.HasPrefix(name, "go_") && len(want.Shape) > 2:
				layout = "tifffile"
			}
			if d.Layout() != layout && (layout != "pages" || d.Layout() != "tifffile") {
				t.Errorf("Layout() = %q, want %q", d.Layout(), layout)
			}
		})
	}
}

// TestRefused checks that valid files with features this package does
// not read fail with an error naming the feature.
func TestRefused(t *testing.T) {
	for _, tc := range []struct {
		file string
		tag  int
		msg  string
	}{
		{"bad_jpeg.tif", 259, "page 0: Compression (tag 259): 7 (JPEG) is not supported"},
		{"bad_float16.tif", 258, "page 0: BitsPerSample (tag 258): 16-bit floating-point samples are not supported"},
		{"bad_bilevel.tif", 258, "page 0: BitsPerSample (tag 258): 1-bit unsigned integer samples are not supported"},
		{"bad_palette.tif", 262, "page 0: PhotometricInterpretation (tag 262): 3 (palette) is not supported"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			_, err := readTIFF(filepath.Join(fixtureDir, tc.file))
			var ue *tiff.UnsupportedError
			if !errors.As(err, &ue) || ue.Tag != tc.tag || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("error %v (%T), want an UnsupportedError on tag %d containing %q", err, err, tc.tag, tc.msg)
			}
		})
	}
	for file, msg := range map[string]string{
		"bad_shapes.tif":     "page 1: shape [4 5] uint8 differs from page 0's [4 4] uint8",
		"bad_planar_mix.tif": "page 1: shape [3 9 11] uint8 differs from page 0's [9 11 3] uint8",
	} {
		_, err := readTIFF(filepath.Join(fixtureDir, file))
		var fe *tiff.FormatError
		if !errors.As(err, &fe) || fe.Page != 1 || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: error %v (%T), want a FormatError containing %q", file, err, err, msg)
		}
	}
}
