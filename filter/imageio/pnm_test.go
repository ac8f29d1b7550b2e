package imageio

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
)

const pnmTestLimit = 1 << 20

// pnmPixels returns the rectangle and the pixel bytes of one of the four
// result types, row by row without stride padding, for comparisons.
func pnmPixels(t testing.TB, img image.Image) (image.Rectangle, []byte) {
	t.Helper()
	var pix []byte
	var stride, bpp int
	switch m := img.(type) {
	case *image.Gray:
		pix, stride, bpp = m.Pix, m.Stride, 1
	case *image.Gray16:
		pix, stride, bpp = m.Pix, m.Stride, 2
	case *image.NRGBA:
		pix, stride, bpp = m.Pix, m.Stride, 4
	case *image.NRGBA64:
		pix, stride, bpp = m.Pix, m.Stride, 8
	default:
		t.Fatalf("unexpected image type %T", img)
	}
	r := img.Bounds()
	var out []byte
	for y := 0; y < r.Dy(); y++ {
		out = append(out, pix[y*stride:y*stride+r.Dx()*bpp]...)
	}
	return r, out
}

// pnmSameImage reports whether a and b have the same type, size and
// pixels (bounds may differ in origin).
func pnmSameImage(t testing.TB, a, b image.Image) error {
	t.Helper()
	if fmt.Sprintf("%T", a) != fmt.Sprintf("%T", b) {
		return fmt.Errorf("type %T vs %T", a, b)
	}
	ra, pa := pnmPixels(t, a)
	rb, pb := pnmPixels(t, b)
	if ra.Size() != rb.Size() {
		return fmt.Errorf("size %v vs %v", ra.Size(), rb.Size())
	}
	if !bytes.Equal(pa, pb) {
		return fmt.Errorf("pixels differ:\n%v\n%v", pa, pb)
	}
	return nil
}

// pnmRandomImage returns a random image of the given type whose bounds
// do not start at the origin and whose stride is larger than a row, to
// exercise sub-images. Alpha is random too.
func pnmRandomImage(kind string, w, h int, rng *rand.Rand) image.Image {
	big := image.Rect(-3, 5, w+4, h+7)
	sub := image.Rect(-1, 6, w-1, h+6)
	var m interface {
		image.Image
		SubImage(image.Rectangle) image.Image
	}
	var pix []byte
	switch kind {
	case "Gray":
		g := image.NewGray(big)
		m, pix = g, g.Pix
	case "Gray16":
		g := image.NewGray16(big)
		m, pix = g, g.Pix
	case "NRGBA":
		g := image.NewNRGBA(big)
		m, pix = g, g.Pix
	case "NRGBA64":
		g := image.NewNRGBA64(big)
		m, pix = g, g.Pix
	default:
		panic(kind)
	}
	for i := range pix {
		pix[i] = byte(rng.Uint32())
	}
	return m.SubImage(sub)
}

func TestPNMRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		kind  string
		magic string
	}{
		{"Gray", "P5\n7 5\n255\n"},
		{"Gray16", "P5\n7 5\n65535\n"},
		{"NRGBA", "P6\n7 5\n255\n"},
		{"NRGBA64", "P6\n7 5\n65535\n"},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			src := pnmRandomImage(tc.kind, 7, 5, rng)
			var buf bytes.Buffer
			if err := encodePNM(&buf, src); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(buf.String(), tc.magic) {
				t.Fatalf("header %q, want prefix %q", buf.String()[:min(buf.Len(), 20)], tc.magic)
			}
			// One byte at a time, to exercise buffering boundaries.
			got, err := decodePNM(iotest.OneByteReader(bytes.NewReader(buf.Bytes())), pnmTestLimit)
			if err != nil {
				t.Fatal(err)
			}
			if got.Bounds() != image.Rect(0, 0, 7, 5) {
				t.Fatalf("bounds %v", got.Bounds())
			}
			r := src.Bounds()
			for y := 0; y < 5; y++ {
				for x := 0; x < 7; x++ {
					want := src.At(r.Min.X+x, r.Min.Y+y)
					switch c := want.(type) {
					case color.NRGBA:
						c.A = 0xff
						want = c
					case color.NRGBA64:
						c.A = 0xffff
						want = c
					}
					if g := got.At(x, y); g != want {
						t.Fatalf("pixel (%d, %d) = %v, want %v", x, y, g, want)
					}
				}
			}
			// Re-encoding the decoded image gives the same bytes.
			var buf2 bytes.Buffer
			if err := encodePNM(&buf2, got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
				t.Fatal("re-encoding changed the file")
			}
		})
	}
}

func TestEncodePNMBytes(t *testing.T) {
	g16 := image.NewGray16(image.Rect(0, 0, 2, 1))
	g16.SetGray16(0, 0, color.Gray16{Y: 0x1234})
	g16.SetGray16(1, 0, color.Gray16{Y: 0xfffe})
	rgba := image.NewNRGBA(image.Rect(0, 0, 2, 1))
	rgba.SetNRGBA(0, 0, color.NRGBA{1, 2, 3, 4})
	rgba.SetNRGBA(1, 0, color.NRGBA{5, 6, 7, 0})
	rgba64 := image.NewNRGBA64(image.Rect(0, 0, 1, 1))
	rgba64.SetNRGBA64(0, 0, color.NRGBA64{0x0102, 0x0304, 0x0506, 0x0708})
	for _, tc := range []struct {
		name string
		img  image.Image
		want string
	}{
		{"Gray", &image.Gray{Pix: []byte{0, 0xff, 9}, Stride: 3, Rect: image.Rect(0, 0, 2, 1)}, "P5\n2 1\n255\n\x00\xff"},
		{"Gray16", g16, "P5\n2 1\n65535\n\x12\x34\xff\xfe"},
		{"NRGBA", rgba, "P6\n2 1\n255\n\x01\x02\x03\x05\x06\x07"},
		{"NRGBA64", rgba64, "P6\n1 1\n65535\n\x01\x02\x03\x04\x05\x06"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := encodePNM(&buf, tc.img); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tc.want {
				t.Fatalf("got %q, want %q", buf.String(), tc.want)
			}
		})
	}
}

func TestEncodePNMErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		img  image.Image
		want string
	}{
		{"RGBA", image.NewRGBA(image.Rect(0, 0, 1, 1)), "cannot encode image type *image.RGBA: supported types are *image.Gray, *image.Gray16 (PGM) and *image.NRGBA, *image.NRGBA64 (PPM)"},
		{"Paletted", image.NewPaletted(image.Rect(0, 0, 1, 1), nil), "*image.Paletted"},
		{"nil", nil, "nil image"},
		{"nil Gray", (*image.Gray)(nil), "nil *image.Gray"},
		{"nil NRGBA64", (*image.NRGBA64)(nil), "nil *image.NRGBA64"},
		{"empty", image.NewGray(image.Rect(0, 0, 0, 3)), "empty image (0x3)"},
		{"short Pix", &image.NRGBA{Pix: make([]byte, 7), Stride: 8, Rect: image.Rect(0, 0, 2, 1)}, "too few for 2x1 pixels"},
		{"short stride", &image.Gray{Pix: make([]byte, 8), Stride: 1, Rect: image.Rect(0, 0, 2, 2)}, "stride 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := encodePNM(&buf, tc.img)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "pgm/ppm: ") || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want it to contain %q", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Fatalf("wrote %d bytes before failing", buf.Len())
			}
		})
	}

	// Write errors are reported.
	werr := errors.New("disk full")
	err := encodePNM(pnmFailWriter{werr}, image.NewGray(image.Rect(0, 0, 3, 3)))
	if !errors.Is(err, werr) || !strings.HasPrefix(err.Error(), "pgm/ppm: ") {
		t.Fatalf("error %v, want one wrapping %v", err, werr)
	}
}

type pnmFailWriter struct{ err error }

func (w pnmFailWriter) Write([]byte) (int, error) { return 0, w.err }

func TestDecodePNM(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		want image.Image
	}{
		{
			name: "P2 comments",
			in:   "P2\n# a comment\n3 2 # width and height\n#maxval next\n255\n0 1 2\n# row 2\n253 254 255\n",
			want: &image.Gray{Pix: []byte{0, 1, 2, 253, 254, 255}, Stride: 3, Rect: image.Rect(0, 0, 3, 2)},
		},
		{
			name: "P2 comments everywhere, CRLF, no trailing newline",
			in:   "P2#magic\r\n\t3#w\r2\v\f15#mv\n0 15#\n1\n7\t14 8",
			// v*255/15 rounded: 0 255 17 119 238 136.
			want: &image.Gray{Pix: []byte{0, 255, 17, 119, 238, 136}, Stride: 3, Rect: image.Rect(0, 0, 3, 2)},
		},
		{
			name: "P2 maxval 1 leading zeros",
			in:   "P2 2 1 1 0001 0",
			want: &image.Gray{Pix: []byte{255, 0}, Stride: 2, Rect: image.Rect(0, 0, 2, 1)},
		},
		{
			name: "P2 maxval 1000",
			in:   "P2 4 1 1000\n0 1 500 1000\n",
			// v*65535/1000 rounded: 0, 66, 32768, 65535.
			want: &image.Gray16{Pix: []byte{0, 0, 0, 66, 0x80, 0x00, 0xff, 0xff}, Stride: 8, Rect: image.Rect(0, 0, 4, 1)},
		},
		{
			name: "P3 comments",
			in:   "P3\n# colour\n2 1\n255\n1 2 3 # first pixel\n 4 5 6\n",
			want: &image.NRGBA{Pix: []byte{1, 2, 3, 255, 4, 5, 6, 255}, Stride: 8, Rect: image.Rect(0, 0, 2, 1)},
		},
		{
			name: "P3 maxval 15",
			in:   "P3 1 2 15\n15 0 1\n7 14 8\n",
			want: &image.NRGBA{Pix: []byte{255, 0, 17, 255, 119, 238, 136, 255}, Stride: 4, Rect: image.Rect(0, 0, 1, 2)},
		},
		{
			name: "P3 maxval 1000",
			in:   "P3 1 1 1000 1000 500 1",
			want: &image.NRGBA64{Pix: []byte{0xff, 0xff, 0x80, 0x00, 0, 66, 0xff, 0xff}, Stride: 8, Rect: image.Rect(0, 0, 1, 1)},
		},
		{
			name: "P3 maxval 65535",
			in:   "P3 1 1 65535 258 65535 0",
			want: &image.NRGBA64{Pix: []byte{1, 2, 0xff, 0xff, 0, 0, 0xff, 0xff}, Stride: 8, Rect: image.Rect(0, 0, 1, 1)},
		},
		{
			name: "P5 comments in header",
			in:   "P5\n# made by hand\n2 # w\n2\n# maxval\n255\n\x00\x10\x20\xff",
			want: &image.Gray{Pix: []byte{0, 16, 32, 255}, Stride: 2, Rect: image.Rect(0, 0, 2, 2)},
		},
		{
			// The one whitespace byte after maxval is the only separator:
			// the raster may start with whitespace or '#' bytes.
			name: "P5 raster starts with whitespace and #",
			in:   "P5 3 1 255\n\n#\t",
			want: &image.Gray{Pix: []byte{'\n', '#', '\t'}, Stride: 3, Rect: image.Rect(0, 0, 3, 1)},
		},
		{
			name: "P5 comment right after maxval (libnetpbm)",
			in:   "P5 2 1 255#comment\n\x01\x02",
			want: &image.Gray{Pix: []byte{1, 2}, Stride: 2, Rect: image.Rect(0, 0, 2, 1)},
		},
		{
			name: "P5 maxval 15",
			in:   "P5 3 1 15\n\x00\x0f\x07",
			want: &image.Gray{Pix: []byte{0, 255, 119}, Stride: 3, Rect: image.Rect(0, 0, 3, 1)},
		},
		{
			name: "P5 maxval 65535 trailing data ignored",
			in:   "P5 2 1 65535\n\x12\x34\xab\xcdtrailing junk",
			want: &image.Gray16{Pix: []byte{0x12, 0x34, 0xab, 0xcd}, Stride: 4, Rect: image.Rect(0, 0, 2, 1)},
		},
		{
			name: "P5 maxval 1000",
			in:   "P5 2 1 1000\n\x03\xe8\x00\x01",
			want: &image.Gray16{Pix: []byte{0xff, 0xff, 0, 66}, Stride: 4, Rect: image.Rect(0, 0, 2, 1)},
		},
		{
			name: "P6 maxval 255",
			in:   "P6\n1 2\n255\r\x01\x02\x03\x04\x05\x06",
			want: &image.NRGBA{Pix: []byte{1, 2, 3, 255, 4, 5, 6, 255}, Stride: 4, Rect: image.Rect(0, 0, 1, 2)},
		},
		{
			name: "P6 maxval 15",
			in:   "P6 1 1 15 \x0f\x00\x01",
			want: &image.NRGBA{Pix: []byte{255, 0, 17, 255}, Stride: 4, Rect: image.Rect(0, 0, 1, 1)},
		},
		{
			name: "P6 maxval 1000",
			in:   "P6 1 1 1000\n\x03\xe8\x01\xf4\x00\x01",
			want: &image.NRGBA64{Pix: []byte{0xff, 0xff, 0x80, 0x00, 0, 66, 0xff, 0xff}, Stride: 8, Rect: image.Rect(0, 0, 1, 1)},
		},
		{
			name: "P6 maxval 65535",
			in:   "P6 1 1 65535\n\x01\x02\x03\x04\x05\x06",
			want: &image.NRGBA64{Pix: []byte{1, 2, 3, 4, 5, 6, 0xff, 0xff}, Stride: 8, Rect: image.Rect(0, 0, 1, 1)},
		},
		{
			name: "exactly maxPixels",
			in:   "P5 4 4 255\n" + strings.Repeat("\x07", 16),
			want: &image.Gray{Pix: bytes.Repeat([]byte{7}, 16), Stride: 4, Rect: image.Rect(0, 0, 4, 4)},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, mode := range []string{"whole", "one byte at a time"} {
				r := pnmTestReader(mode, tc.in)
				got, err := decodePNM(r, 16)
				if err != nil {
					t.Fatalf("%s: %v", mode, err)
				}
				if err := pnmSameImage(t, got, tc.want); err != nil {
					t.Fatalf("%s: %v", mode, err)
				}
				if got.Bounds() != tc.want.Bounds() {
					t.Fatalf("%s: bounds %v, want %v", mode, got.Bounds(), tc.want.Bounds())
				}
			}
		})
	}
}

func pnmTestReader(mode, s string) io.Reader {
	if mode == "one byte at a time" {
		return iotest.OneByteReader(strings.NewReader(s))
	}
	return strings.NewReader(s)
}

func TestDecodePNMMalformed(t *testing.T) {
	for _, tc := range []struct {
		name      string
		in        string
		maxPixels int64 // 0 means pnmTestLimit
		want      string
	}{
		{"empty", "", 0, "empty input"},
		{"only P", "P", 0, "truncated header: incomplete magic number"},
		{"bad magic", "GIF89a", 0, `bad magic number: file starts with 'G'`},
		{"PNG", "\x89PNG\r\n", 0, `bad magic number`},
		{"P8", "P8 1 1 255\n", 0, `bad magic number "P8"`},
		{"PF", "PF\n1 1\n-1.0\n", 0, `bad magic number "PF"`},
		{"P55", "P55 1 1 255\n", 0, `bad magic number "P55"`},
		{"P1", "P1\n1 1\n0\n", 0, "PBM bitmap format P1 is not supported"},
		{"P4", "P4\n8 1\n\x00", 0, "PBM bitmap format P4 is not supported"},
		{"P7", "P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\n\x00", 0, "PAM format P7 is not supported"},
		{"magic only", "P5", 0, "truncated header: missing width"},
		{"magic and space", "P5\n", 0, "truncated header: missing width"},
		{"no height", "P5 1", 0, "truncated header: missing height"},
		{"no maxval", "P5 1 1 # comment", 0, "truncated header: missing maxval"},
		{"unterminated comment", "P2 1 1 255 # no newline", 0, "truncated file: expected 1 samples, got 0"},
		{"negative width", "P5 -1 1 255\n\x00", 0, `invalid width: "-1" is negative`},
		{"negative height", "P6 1 -7 255\n\x00", 0, `invalid height: "-7" is negative`},
		{"zero width", "P5 0 1 255\n", 0, "width must be positive, got 0"},
		{"zero height", "P2 1 0 255\n", 0, "height must be positive, got 0"},
		{"huge size", "P5 100000 100000 255\n\x00", 0, "image size 100000x100000 (10000000000 pixels) exceeds the limit of 1048576 pixels"},
		{"over small limit", "P6 5 4 255\n", 19, "image size 5x4 (20 pixels) exceeds the limit of 19 pixels"},
		{"huge width", "P5 4294967295 1 255\n", 0, "width 4294967295 is too large (more than 2147483647)"},
		{"huge height", "P5 1 2147483648 255\n", 0, "height 2147483648 is too large (more than 2147483647)"},
		{"width overflow", "P5 99999999999999999999 1 255\n", 0, "invalid width: number 9999999999... is too large (more than 4294967295)"},
		{"number too long", "P5 000000000000000000001 1 255\n", 0, "invalid width: number too long (more than 20 digits)"},
		{"maxval 0", "P5 1 1 0\n\x00", 0, "maxval 0 is out of range (must be 1..65535)"},
		{"maxval 70000", "P5 1 1 70000\n\x00\x00", 0, "maxval 70000 is out of range (must be 1..65535)"},
		{"maxval overflow", "P2 1 1 123456789012\n0", 0, "invalid maxval: number 12345678901... is too large"},
		{"garbage width", "P5 abc 1 255\n", 0, `invalid width: "abc" is not a decimal number`},
		{"garbage after digits", "P5 12x 1 255\n", 0, `invalid width: "12x" is not a decimal number`},
		{"float maxval", "P5 1 1 255.0\n\x00", 0, `invalid maxval: "255.0" is not a decimal number`},
		{"long garbage", "P5 1 1 " + strings.Repeat("z", 1000), 0, `invalid maxval: "zzzzzzzzzzzzzzzzzzzz..." is not a decimal number`},
		{"binary header", "P5 1 \x00 255\n", 0, `invalid height: "\x00" is not a decimal number`},
		{"P5 no raster", "P5 2 2 255", 0, "truncated file: expected 4 bytes of pixel data, got 0"},
		{"P5 comment no raster", "P5 2 2 255#", 0, "truncated file: expected 4 bytes of pixel data, got 0"},
		{"P5 truncated", "P5 2 2 255\n\x01\x02\x03", 0, "truncated file: expected 4 bytes of pixel data, got 3"},
		{"P5 16-bit truncated", "P5 2 2 65535\n\x01\x02\x03\x04\x05", 0, "truncated file: expected 8 bytes of pixel data, got 5"},
		{"P6 truncated", "P6 2 2 255\n" + strings.Repeat("\x01", 11), 0, "truncated file: expected 12 bytes of pixel data, got 11"},
		{"P6 16-bit truncated", "P6 3 1 1000\n\x00\x01", 0, "truncated file: expected 18 bytes of pixel data, got 2"},
		{"P2 truncated", "P2 2 2 255\n1 2 3\n", 0, "truncated file: expected 4 samples, got 3"},
		{"P3 truncated", "P3 2 1 255\n1 2 3 4", 0, "truncated file: expected 6 samples, got 4"},
		{"P2 sample > maxval", "P2 2 1 15\n15 16\n", 0, "sample value 16 at pixel (1, 0) exceeds maxval 15"},
		{"P3 sample > maxval", "P3 2 2 1000\n0 0 0 0 0 0 0 0 0 0 1001 0\n", 0, "sample value 1001 at pixel (1, 1) exceeds maxval 1000"},
		{"P2 sample overflow", "P2 1 1 255\n99999999999\n", 0, "invalid sample at pixel (0, 0): number 9999999999... is too large"},
		{"P5 sample > maxval", "P5 2 1 15\n\x0f\x10", 0, "sample value 16 at pixel (1, 0) exceeds maxval 15"},
		{"P6 sample > maxval", "P6 1 2 1000\n\x00\x00\x00\x00\x00\x00\x00\x00\x03\xe9\x00\x00", 0, "sample value 1001 at pixel (0, 1) exceeds maxval 1000"},
		{"P2 garbage sample", "P2 2 1 255\n1 x\n", 0, `invalid sample at pixel (1, 0): "x" is not a decimal number`},
		{"P3 negative sample", "P3 1 1 255\n1 -2 3\n", 0, `invalid sample at pixel (0, 0): "-2" is negative`},
		{"P2 sample garbage suffix", "P2 2 1 255\n1 2z\n", 0, `invalid sample at pixel (1, 0): "2z" is not a decimal number`},
		{"zero limit", "P5 1 1 255\n\x00", -1, "image size 1x1 (1 pixels) exceeds the limit of 0 pixels"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			limit := tc.maxPixels
			switch limit {
			case 0:
				limit = pnmTestLimit
			case -1:
				limit = 0
			}
			img, err := decodePNM(strings.NewReader(tc.in), limit)
			if err == nil {
				t.Fatalf("decoded %T %v, want an error", img, img.Bounds())
			}
			if img != nil {
				t.Errorf("non-nil image with error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "pgm/ppm: ") {
				t.Errorf("error %q lacks the pgm/ppm: prefix", msg)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q, want it to contain %q", msg, tc.want)
			}
		})
	}
}

// TestDecodePNMReadError checks that reader failures are reported and
// wrapped, wherever they happen.
func TestDecodePNMReadError(t *testing.T) {
	files := []string{
		"P5 3 2 255\n\x01\x02\x03\x04\x05\x06",
		"P6 1 2 1000\n\x00\x01\x00\x02\x00\x03\x00\x04\x00\x05\x00\x06",
		"P2 # c\n3 2 255\n1 2 3 4 5 6",
		"P3 1 2 1000 1 2 3 4 5 6",
	}
	for _, f := range files {
		for n := 0; n < len(f); n++ {
			r := iotest.DataErrReader(&pnmErrAfter{s: f[:n]})
			_, err := decodePNM(r, pnmTestLimit)
			if err == nil || !errors.Is(err, errPNMTest) || !strings.HasPrefix(err.Error(), "pgm/ppm: ") {
				t.Fatalf("%q cut at %d: error %v, want one wrapping %v", f, n, err, errPNMTest)
			}
		}
		// Sanity: the whole file decodes.
		if _, err := decodePNM(strings.NewReader(f), pnmTestLimit); err != nil {
			t.Fatalf("%q: %v", f, err)
		}
	}
}

var errPNMTest = errors.New("test read error")

// pnmErrAfter returns s and then errPNMTest.
type pnmErrAfter struct{ s string }

func (r *pnmErrAfter) Read(p []byte) (int, error) {
	if len(r.s) == 0 {
		return 0, errPNMTest
	}
	n := copy(p, r.s)
	r.s = r.s[n:]
	return n, nil
}

// TestDecodePNMNoHugeAllocation checks that a rejected declared size costs
// no allocation proportional to it.
func TestDecodePNMNoHugeAllocation(t *testing.T) {
	in := "P6 2000000000 2000000000 65535\n"
	allocs := testing.AllocsPerRun(10, func() {
		if _, err := decodePNM(strings.NewReader(in), pnmTestLimit); err == nil {
			t.Fatal("no error")
		}
	})
	if allocs > 20 {
		t.Fatalf("%v allocations for a rejected header", allocs)
	}
}

func FuzzDecodePNM(f *testing.F) {
	seeds := []string{
		"P2\n# c\n3 2\n255\n0 1 2\n253 254 255\n",
		"P2 2 1 15 0 15",
		"P2 4 1 1000\n0 1 500 1000\n",
		"P3 1 2 15\n15 0 1\n7 14 8\n",
		"P3 1 1 65535 258 65535 0",
		"P5 2 2 255\n\x00\x10\x20\xff",
		"P5 2 1 255#c\n\x01\x02",
		"P5 3 1 15\n\x00\x0f\x07",
		"P5 2 1 65535\n\x12\x34\xab\xcd",
		"P5 2 1 1000\n\x03\xe8\x00\x01",
		"P6 1 2 255\r\x01\x02\x03\x04\x05\x06",
		"P6 1 1 1000\n\x03\xe8\x01\xf4\x00\x01",
		"P6 1 1 65535\n\x01\x02\x03\x04\x05\x06",
		"",
		"P4\n8 1\n\x00",
		"P7\nWIDTH 1\n",
		"P5 -1 1 255\n",
		"P5 100000 100000 255\n",
		"P5 1 1 70000\n\x00\x00",
		"P5 2 2 255\n\x01\x02\x03",
		"P2 2 2 255\n1 2 3\n",
		"P2 2 1 15\n15 16\n",
		"P5 12x 1 255\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	const limit = 1 << 16
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := decodePNM(bytes.NewReader(data), limit)
		if err != nil {
			if img != nil {
				t.Fatal("non-nil image with error")
			}
			if !strings.HasPrefix(err.Error(), "pgm/ppm: ") {
				t.Fatalf("error %q lacks the pgm/ppm: prefix", err)
			}
			return
		}
		b := img.Bounds()
		if b.Min != (image.Point{}) || b.Dx() <= 0 || b.Dy() <= 0 || int64(b.Dx())*int64(b.Dy()) > limit {
			t.Fatalf("bad bounds %v", b)
		}
		switch m := img.(type) {
		case *image.NRGBA:
			for i := 3; i < len(m.Pix); i += 4 {
				if m.Pix[i] != 0xff {
					t.Fatal("alpha not opaque")
				}
			}
		case *image.NRGBA64:
			for i := 6; i < len(m.Pix); i += 8 {
				if m.Pix[i] != 0xff || m.Pix[i+1] != 0xff {
					t.Fatal("alpha not opaque")
				}
			}
		}
		var buf bytes.Buffer
		if err := encodePNM(&buf, img); err != nil {
			t.Fatalf("re-encoding: %v", err)
		}
		img2, err := decodePNM(bytes.NewReader(buf.Bytes()), limit)
		if err != nil {
			t.Fatalf("decoding the re-encoded image: %v", err)
		}
		if err := pnmSameImage(t, img, img2); err != nil {
			t.Fatalf("round trip: %v", err)
		}
	})
}
