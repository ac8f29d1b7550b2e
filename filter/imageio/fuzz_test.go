package imageio

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/kfilter/kfilter/filter"
)

// FuzzDecode feeds Decode any bytes, known by their first bytes: it
// returns an array or an *Error, never panics, and an array it returns
// is written in its format (JPEG as PNG) and read back the same.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{
		images + "rgb.png", images + "la.png", images + "rgb.ppm", images + "rgba.tif",
		images + "grey16.npy", tiffs + "go_u16_stack.tif", tiffs + "bigtiff_lzw_u16.tif",
	} {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("P2 2 2 15\n0 1 2 15\n"))
	f.Add([]byte("\xff\xd8\xff\xe0\x00\x10JFIF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var info Info
		a, err := Decode(bytes.NewReader(data), WithLimits(Limits{MaxBytes: 1 << 20}), Describe(&info))
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %v is not an *Error", err, err)
			}
			return
		}
		if _, err := filter.ArrayOf(a.Data, a.Shape...); err != nil {
			t.Fatalf("malformed array: %v", err)
		}
		format := info.Format
		if format == JPEG {
			format = PNG
		}
		if !format.CanWrite(a.DType) || format == PNG && info.Channels == 2 {
			return // (Go's PNG encoder writes grey and alpha as RGBA)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, a, format, WithChannels(info.Channels)); err != nil {
			if format == TIFF || format == NPY {
				t.Fatalf("%s %v %v: %v", format, a.DType, a.Shape, err)
			}
			return // an image format refuses some shapes (2 channels in PGM)
		}
		b, err := Decode(&buf)
		if err != nil {
			t.Fatalf("reading back %s: %v", format, err)
		}
		if !same(a, b) {
			t.Fatalf("%s %v %v read back as %v %v", format, a.DType, a.Shape, b.DType, b.Shape)
		}
	})
}
