package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter"
)

const fixtures = "../../testdata/images/tiff/"

// TestChannelsInOut reads each fixture (written by tifffile and PIL, see
// make.py there) as .npy and checks it against the array it was made
// from, then writes it as each image format that can hold it and reads
// that back: the shape, channels included, and every sample survive.
func TestChannelsInOut(t *testing.T) {
	tests := []struct {
		in, want string   // fixture, and the .npy it was made from
		outs     []string // image formats to write it as
	}{
		{"rgb.tif", "rgb.npy", []string{".tif", ".png", ".ppm"}},
		{"rgba.tif", "rgba.npy", []string{".tif", ".png"}},
		{"rgba-opaque.tif", "rgba-opaque.npy", []string{".tif", ".png"}},
		{"grey16.tif", "grey16.npy", []string{".tif", ".png", ".pgm"}},
		{"rgb16.tif", "rgb16.npy", []string{".tif", ".png", ".ppm"}},
		{"rgb.png", "rgb.npy", []string{".tif", ".png", ".ppm"}},
		{"rgba-opaque.png", "rgba-opaque.npy", []string{".tif", ".png"}},
		{"rgb.ppm", "rgb.npy", []string{".tif", ".png", ".ppm"}},
		// Go's encoders write no grey-and-alpha images: .npy only.
		{"la.png", "la.npy", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			dir := t.TempDir()
			want := readNPY(t, fixtures+tt.want)
			got := toNPY(t, fixtures+tt.in, filepath.Join(dir, "in.npy"))
			if !sameArray(got, want) {
				t.Fatalf("%s read as %v %v, want %v %v (or the samples differ)", tt.in, got.DType, got.Shape, want.DType, want.Shape)
			}
			for _, ext := range tt.outs {
				out := filepath.Join(dir, "out"+ext)
				if code, _, stderr := cli(t, nil, "-e", "center", "--size", "1", fixtures+tt.in, out); code != 0 {
					t.Fatalf("%s -> %s: exit %d: %s", tt.in, ext, code, stderr)
				}
				back := toNPY(t, out, filepath.Join(dir, "back"+strings.TrimPrefix(ext, ".")+".npy"))
				if !sameArray(back, want) {
					t.Errorf("%s written as %s reads back as %v %v, want %v %v (or the samples differ)", tt.in, ext, back.DType, back.Shape, want.DType, want.Shape)
				}
			}
		})
	}
}

// TestColourFileChannels checks the channels written in the files
// themselves: an RGB input gives an RGB TIFF and PNG, an RGBA one (even
// all opaque) RGBA ones.
func TestColourFileChannels(t *testing.T) {
	for _, tt := range []struct {
		in      string
		samples int // TIFF SamplesPerPixel
		pngType byte
	}{
		{"rgb.tif", 3, 2},
		{"rgb.png", 3, 2},
		{"rgb16.tif", 3, 2},
		{"rgba.tif", 4, 6},
		{"rgba-opaque.tif", 4, 6},
		{"rgba-opaque.png", 4, 6},
	} {
		t.Run(tt.in, func(t *testing.T) {
			dir := t.TempDir()
			for _, ext := range []string{".tif", ".png"} {
				out := filepath.Join(dir, "out"+ext)
				if code, _, stderr := cli(t, nil, "-e", "max(values)", "--size", "3", fixtures+tt.in, out); code != 0 {
					t.Fatalf("exit %d: %s", code, stderr)
				}
				raw, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				if ext == ".png" {
					if raw[25] != tt.pngType {
						t.Errorf("PNG colour type %d, want %d", raw[25], tt.pngType)
					}
					continue
				}
				if n := tiffSamples(t, raw); n != tt.samples {
					t.Errorf("TIFF with %d samples per pixel, want %d", n, tt.samples)
				}
			}
		})
	}
}

// tiffSamples returns the SamplesPerPixel of a little-endian TIFF's first
// image (1 when absent, as the specification says).
func tiffSamples(t *testing.T, raw []byte) int {
	t.Helper()
	if !bytes.HasPrefix(raw, []byte("II*\x00")) {
		t.Fatalf("not a little-endian TIFF: %q", raw[:4])
	}
	off := binary.LittleEndian.Uint32(raw[4:])
	n := int(binary.LittleEndian.Uint16(raw[off:]))
	for i := 0; i < n; i++ {
		e := raw[int(off)+2+12*i:]
		if binary.LittleEndian.Uint16(e) == 277 {
			return int(binary.LittleEndian.Uint16(e[8:]))
		}
	}
	return 1
}

// toNPY converts an image to .npy with the command and reads it.
func toNPY(t *testing.T, in, out string) *filter.Array {
	t.Helper()
	if code, _, stderr := cli(t, nil, "-e", "center", "--size", "1", in, out); code != 0 {
		t.Fatalf("%s -> .npy: exit %d: %s", in, code, stderr)
	}
	return readNPY(t, out)
}

// TestSniffStdin reads every format from standard input without --format
// and checks the result against reading the file by name.
func TestSniffStdin(t *testing.T) {
	dir := t.TempDir()
	jpg := filepath.Join(dir, "in.jpg")
	pgm := filepath.Join(dir, "in.pgm")
	for _, out := range []string{jpg, pgm} {
		if out == jpg {
			// a JPEG from the PNG fixture, written by Go's encoder
			writeJPEG(t, fixtures+"rgb.png", out)
			continue
		}
		if code, _, stderr := cli(t, nil, "-e", "center", "--size", "1", camera, out); code != 0 {
			t.Fatal(stderr)
		}
	}
	for _, in := range []string{fixtures + "rgb.npy", fixtures + "rgb.png", fixtures + "rgb16.tif", fixtures + "rgb.ppm", pgm, jpg, camera,
		fixtures + "stack7.tif", "../../testdata/tiff/bigtiff_be_zlib_u32.tif", "../../testdata/tiff/float64_be.tif"} {
		t.Run(filepath.Base(in), func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			want := toNPY(t, in, filepath.Join(dir, "want.npy"))
			got := filepath.Join(dir, "got.npy")
			if code, _, stderr := cli(t, raw, "-e", "center", "--size", "1", "-", got); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !sameArray(readNPY(t, got), want) {
				t.Error("standard input read differently from the file")
			}
		})
	}
	// --format names standard output only: a PNG on stdin, .npy on stdout
	raw, _ := os.ReadFile(fixtures + "rgb.png")
	code, stdout, stderr := cli(t, raw, "-e", "center", "--size", "1", "--format", "npy", "-", "-")
	if code != 0 || !strings.HasPrefix(stdout, "\x93NUMPY") {
		t.Errorf("PNG in, --format npy out: exit %d, stderr %q, stdout %.10q", code, stderr, stdout)
	}
	for _, tt := range []struct{ name, in, msg string }{
		{"unknown", "hello, world", `standard input: unrecognised data (starts with "hello, w"); known are .npy (\x93NUMPY), PNG (\x89PNG), TIFF (II*, MM*, II+, MM+), PGM/PPM (P2, P3, P5, P6) and JPEG (\xff\xd8\xff) by their first bytes`},
		{"short", "P", `standard input: unrecognised data (starts with "P")`},
		{"empty", "", "standard input: empty input: expected a .npy, PNG, TIFF, PGM/PPM or JPEG file"},
		{"pbm", "P1\n2 2\n0 1 1 0\n", "PBM bitmap format P1 is not supported"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := cli(t, []byte(tt.in), "-e", "center", "--size", "1", "-", filepath.Join(dir, "o.npy"))
			if code != 1 || !strings.Contains(stderr, tt.msg) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, tt.msg)
			}
		})
	}
}

func writeJPEG(t *testing.T, in, out string) {
	t.Helper()
	img := readImage(t, in)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRefuseTerminal checks that binary output to a terminal is refused,
// before the input is read, and that the same command writes to a pipe.
func TestRefuseTerminal(t *testing.T) {
	defer func(f func(io.Writer) bool) { stdoutIsTerminal = f }(stdoutIsTerminal)
	for _, tt := range []struct {
		format, name string
	}{{"png", "PNG"}, {"npy", ".npy"}, {"tiff", "TIFF"}, {"pgm", "PGM/PPM"}} {
		t.Run(tt.format, func(t *testing.T) {
			stdoutIsTerminal = func(io.Writer) bool { return true }
			for _, in := range []string{camera, "no-such-file.png"} {
				code, stdout, stderr := cli(t, nil, "-e", "center", "--size", "1", "--format", tt.format, in, "-")
				want := fmt.Sprintf("kfilter: refusing to write binary %s to a terminal; redirect standard output or name an output file", tt.name)
				if code != 2 || stdout != "" || !strings.HasPrefix(stderr, want) {
					t.Errorf("%s: exit %d, stdout %d bytes, stderr %q; want 2 and %q", in, code, len(stdout), stderr, want)
				}
			}
			stdoutIsTerminal = func(io.Writer) bool { return false }
			if code, stdout, stderr := cli(t, nil, "-e", "center", "--size", "1", "--format", tt.format, camera, "-"); code != 0 || len(stdout) == 0 {
				t.Errorf("to a pipe: exit %d, %d bytes, stderr %q", code, len(stdout), stderr)
			}
		})
	}
}

// TestHelpFormats keeps help formats in testdata/cli/help-formats.golden.
func TestHelpFormats(t *testing.T) {
	code, stdout, stderr := cli(t, nil, "help", "formats")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(stdout, "libjpeg") {
		t.Error("help formats does not say that Go's JPEG decoder differs from libjpeg's")
	}
	golden(t, "../../testdata/cli/help-formats.golden", stdout)
}
