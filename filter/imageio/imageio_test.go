package imageio

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
)

const (
	images = "../../testdata/images/tiff/"
	tiffs  = "../../testdata/tiff/"
)

func mustRead(t *testing.T, name string, opts ...Option) *filter.Array {
	t.Helper()
	a, err := Read(name, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// same reports whether two arrays are equal bit for bit (NaNs too).
func same(a, b *filter.Array) bool {
	var x, y bytes.Buffer
	npy.Write(&x, &npy.Array{Shape: a.Shape, DType: a.DType, Data: a.Data})
	npy.Write(&y, &npy.Array{Shape: b.Shape, DType: b.DType, Data: b.Data})
	return bytes.Equal(x.Bytes(), y.Bytes())
}

// TestRead reads each format by name and, from a stream, by its first
// bytes, against the array tifffile, PIL or numpy wrote (make.py and
// stack-make.py in testdata/images/tiff, make.py in testdata/tiff).
func TestRead(t *testing.T) {
	for _, tt := range []struct {
		file, want string
		format     Format
		channels   int
	}{
		{images + "rgb.tif", images + "rgb.npy", TIFF, 3},
		{images + "rgba.tif", images + "rgba.npy", TIFF, 4},
		{images + "grey16.tif", images + "grey16.npy", TIFF, 0},
		{images + "stack.tif", images + "stack.npy", TIFF, 0},
		{images + "stack7.tif", "", TIFF, 0},
		{tiffs + "bigtiff_f64.tif", tiffs + "bigtiff_f64.npy", TIFF, 0},
		{tiffs + "float32_be.tif", tiffs + "float32_be.npy", TIFF, 0},
		{tiffs + "go_rgba_u16_stack.tif", tiffs + "go_rgba_u16_stack.npy", TIFF, 4},
		{images + "rgb.png", images + "rgb.npy", PNG, 3},
		{images + "rgba-opaque.png", images + "rgba-opaque.npy", PNG, 4},
		{images + "la.png", images + "la.npy", PNG, 2},
		{images + "rgb.ppm", images + "rgb.npy", PNM, 3},
		{images + "rgb.npy", images + "rgb.npy", NPY, 0},
	} {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			var info Info
			a := mustRead(t, tt.file, Describe(&info))
			if info.Format != tt.format || info.Channels != tt.channels {
				t.Errorf("info %+v, want format %s, %d channels", info, tt.format, tt.channels)
			}
			if tt.want != "" {
				if want := mustRead(t, tt.want); !same(a, want) {
					t.Errorf("read %v %v, want %v %v (or the values differ)", a.DType, a.Shape, want.DType, want.Shape)
				}
			}
			raw, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			var sinfo Info
			b, err := Decode(bytes.NewReader(raw), Describe(&sinfo))
			if err != nil || !same(a, b) || sinfo != info {
				t.Errorf("from a stream: %v, info %+v, same %v", err, sinfo, err == nil && same(a, b))
			}
			// a name of no known extension is sniffed too
			other := filepath.Join(t.TempDir(), "data.bin")
			os.WriteFile(other, raw, 0o644)
			if c, err := Read(other); err != nil || !same(a, c) {
				t.Errorf("data.bin: %v", err)
			}
		})
	}
}

// TestWriteRoundTrip writes arrays in each format and reads them back.
func TestWriteRoundTrip(t *testing.T) {
	dir := t.TempDir()
	rgb := mustRead(t, images+"rgb.npy")
	rgba := mustRead(t, images+"rgba.npy")
	stack := mustRead(t, images+"stack.npy")
	f32 := mustRead(t, tiffs+"float32_le.npy")
	i16, _ := filter.ArrayOf([]int16{-3, 0, 7, 32767, -32768, 1}, 2, 3)
	for _, tt := range []struct {
		name     string
		a        *filter.Array
		channels int // Describe's answer on reading back
	}{
		{"rgb.tif", rgb, 3}, {"rgb.png", rgb, 3}, {"rgb.ppm", rgb, 3}, {"rgb.npy", rgb, 0},
		{"rgba.tif", rgba, 4}, {"rgba.png", rgba, 4},
		{"stack.tif", stack, 0}, {"stack.npy", stack, 0},
		{"f32.tif", f32, 0}, {"f32.npy", f32, 0},
		{"i16.tif", i16, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			name := filepath.Join(dir, tt.name)
			if err := Write(name, tt.a); err != nil {
				t.Fatal(err)
			}
			var info Info
			if b := mustRead(t, name, Describe(&info)); !same(tt.a, b) || info.Channels != tt.channels {
				t.Errorf("read back %v %v with %d channels, want %v %v with %d", b.DType, b.Shape, info.Channels, tt.a.DType, tt.a.Shape, tt.channels)
			}
		})
	}
	// WithChannels(0): a (pages, H, 3) stack is pages, not RGB
	narrow, _ := filter.Zeros(filter.Uint8, 5, 4, 3)
	name := filepath.Join(dir, "narrow.tif")
	if err := Write(name, narrow, WithChannels(0)); err != nil {
		t.Fatal(err)
	}
	var info Info
	if b := mustRead(t, name, Describe(&info)); !same(narrow, b) || info.Channels != 0 {
		t.Errorf("narrow stack read back as %v with %d channels", b.Shape, info.Channels)
	}
}

// failingWriter fails after n bytes, like a full disk.
type failingWriter struct {
	w io.Writer
	n int
}

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		f.w.Write(p[:f.n])
		return f.n, errors.New("no space left on device")
	}
	f.n -= len(p)
	return f.w.Write(p)
}

// checkUntouched asserts name still says "precious" and no temporary
// file remains beside it.
func checkUntouched(t *testing.T, name string) {
	t.Helper()
	if b, _ := os.ReadFile(name); string(b) != "precious" {
		t.Errorf("the existing file changed to %.20q", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(name))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".kfilter-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// TestWriteFails: a write that fails part way (a full disk), an array the
// format cannot hold, and a cancelled context each leave an existing file
// as it was and no temporary file.
func TestWriteFails(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "out.png")
	os.WriteFile(name, []byte("precious"), 0o644)
	c := newConfig(nil)
	err := c.writeAtomic(name, PNG, func(w io.WriteSeeker) error {
		_, err := (&failingWriter{w: w, n: 100}).Write(make([]byte, 4096))
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "no space left") || !strings.HasPrefix(err.Error(), name+": ") {
		t.Errorf("full disk: %v", err)
	}
	checkUntouched(t, name)

	f64, _ := filter.ArrayOf([]float64{1, 2, 3, 4}, 2, 2)
	err = Write(name, f64)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrUnsupported) || e.Path != name || e.Format != PNG {
		t.Errorf("float64 PNG: %#v", err)
	}
	checkUntouched(t, name)

	big, _ := filter.Zeros(filter.Uint8, 2000, 2000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(name, big, WithContext(ctx)); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	checkUntouched(t, name)

	if err := Write(filepath.Join(dir, "no", "dir", "o.npy"), f64); err == nil || !strings.Contains(err.Error(), "cannot write in") {
		t.Errorf("missing directory: %v", err)
	}
	if err := Encode(io.Discard, f64, JPEG); !errors.Is(err, ErrFormat) {
		t.Errorf("JPEG: %v", err)
	}
}

// pngWithSize returns a PNG header declaring w x h pixels and no data.
func pngWithSize(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x00\x00\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00")
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// TestLimits: a file declaring more than the limits is refused with
// ErrLimit, in every format, and within the limit it reads.
func TestLimits(t *testing.T) {
	var npyBuf bytes.Buffer
	npy.Write(&npyBuf, &npy.Array{Shape: []int{64, 64}, DType: npy.Float64, Data: make([]float64, 64*64)})
	stack, _ := os.ReadFile(images + "stack7.tif") // 7 x 64 x 80 uint16: 71680 bytes
	for _, tt := range []struct {
		name string
		data []byte
		lim  Limits
	}{
		{"npy", npyBuf.Bytes(), Limits{MaxBytes: 1000}},
		{"tiff", stack, Limits{MaxBytes: 71679}},
		{"tiff pages", stack, Limits{MaxPages: 6}},
		{"png bomb", pngWithSize(200000, 200000), Limits{MaxBytes: 1 << 30}},
		{"pgm bomb", []byte("P5 200000 200000 255\n\x00\x01"), Limits{MaxBytes: 1 << 30}},
		{"stream", bytes.Repeat([]byte("P5 "), 400000), Limits{MaxBytes: 100}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(bytes.NewReader(tt.data), WithLimits(tt.lim))
			if !errors.Is(err, ErrLimit) {
				t.Errorf("error %v, want ErrLimit", err)
			}
		})
	}
	if _, err := Decode(bytes.NewReader(stack), WithLimits(Limits{MaxBytes: 71680})); err != nil {
		t.Errorf("at the limit: %v", err)
	}
}

// TestSplitJoin: JoinChannels undoes SplitChannels for every dtype.
func TestSplitJoin(t *testing.T) {
	for _, dt := range []filter.DType{filter.Bool, filter.Uint8, filter.Int16, filter.Uint32, filter.Int64, filter.Float32, filter.Float64} {
		f := make([]float64, 2*3*4)
		for i := range f {
			f[i] = float64(i % 2)
		}
		a0, _ := filter.ArrayOf(f, 2, 3, 4)
		a, _ := filter.Convert(a0, dt)
		chans := SplitChannels(a)
		if len(chans) != 4 || !reflect.DeepEqual(chans[1].Shape, []int{2, 3}) {
			t.Fatalf("%v: %d channels of %v", dt, len(chans), chans[0].Shape)
		}
		b, err := JoinChannels(chans)
		if err != nil || !same(a, b) {
			t.Errorf("%v: join: %v", dt, err)
		}
	}
	x, _ := filter.Zeros(filter.Uint8, 2, 2)
	y, _ := filter.Zeros(filter.Uint16, 2, 2)
	if _, err := JoinChannels([]*filter.Array{x, y}); err == nil {
		t.Error("channels of two dtypes joined")
	}
}

// TestDecodeFile: standard input redirected from a file is read in place
// (a TIFF through io.ReaderAt, a .npy with its size known), from where
// the file stands.
func TestDecodeFile(t *testing.T) {
	want := mustRead(t, images+"stack7.tif")
	raw, _ := os.ReadFile(images + "stack7.tif")
	name := filepath.Join(t.TempDir(), "in")
	os.WriteFile(name, append([]byte("junk"), raw...), 0o644)
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := Decode(f); !errors.Is(err, ErrFormat) {
		t.Errorf("junk first: %v", err)
	}
	f.Seek(4, io.SeekStart) // past the junk: read as a stream
	if a, err := Decode(f); err != nil || !same(a, want) {
		t.Errorf("from offset 4: %v", err)
	}
	g, err := os.Open(images + "stack7.tif")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if a, err := Decode(g); err != nil || !same(a, want) {
		t.Errorf("from the start: %v", err)
	}
}

// TestErrorKinds: each error is of one kind, and names the file and the
// format.
func TestErrorKinds(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	jpegTIFF, _ := os.ReadFile(tiffs + "bad_jpeg.tif")
	kinds := []error{ErrFormat, ErrLimit, ErrUnsupported, ErrInvalid}
	for _, tt := range []struct {
		name   string
		lim    Limits
		kind   error
		format Format
	}{
		{write("a.bmp", []byte("BM....")), Limits{}, ErrFormat, ""},
		{write("a.npy", []byte("\x93NUMPX")), Limits{}, ErrInvalid, NPY},
		{write("b.npy", pngWithSize(1, 1)), Limits{}, ErrInvalid, NPY},
		{write("a.png", []byte("GIF89a")), Limits{}, ErrInvalid, PNG},
		{write("b.png", pngWithSize(100000, 100000)), Limits{MaxBytes: 1 << 20}, ErrLimit, PNG},
		{write("a.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF")), Limits{}, ErrInvalid, JPEG},
		{write("a.pgm", []byte("P5 4 4 255\n\x00")), Limits{}, ErrInvalid, PNM},
		{write("b.pgm", []byte("P5 4000 4000 255\n\x00")), Limits{MaxBytes: 1 << 20}, ErrLimit, PNM},
		{write("a.tif", []byte("II*\x00junkjunk")), Limits{}, ErrInvalid, TIFF},
		{write("b.tif", jpegTIFF), Limits{}, ErrUnsupported, TIFF},
		{images + "stack7.tif", Limits{MaxBytes: 1000}, ErrLimit, TIFF},
	} {
		t.Run(filepath.Base(tt.name), func(t *testing.T) {
			_, err := Read(tt.name, WithLimits(tt.lim))
			var e *Error
			if !errors.As(err, &e) || e.Path != tt.name || e.Format != tt.format {
				t.Fatalf("%#v, want an *Error naming %s and %q", err, tt.name, tt.format)
			}
			for _, k := range kinds {
				if errors.Is(err, k) != (k == tt.kind) {
					t.Errorf("%v: errors.Is(err, %v) = %v", err, k, !(k == tt.kind))
				}
			}
		})
	}
}
