package tiff_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/tiff"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestUncompressedMemory: an uncompressed page in one strip is read into
// the array with a bounded scratch buffer (not a copy of the strip), and
// written (in strips of the default size) with no copy of the page.
func TestUncompressedMemory(t *testing.T) {
	const h, w = 1024, 2048 // 16 MiB of float64
	a, _ := filter.Zeros(filter.Float64, h, w)
	for i, s := 0, a.Data.([]float64); i < len(s); i++ {
		s[i] = float64(i)
	}
	const size = h * w * 8
	var buf bytes.Buffer
	if err := tiff.Write(&buf, a, &tiff.Options{RowsPerStrip: h}); err != nil {
		t.Fatal(err)
	}
	var err error
	var b *filter.Array
	got := allocated(func() { b, err = tiff.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len())) })
	if err != nil {
		t.Fatal(err)
	}
	if d := sameArray(a, b); d != "" {
		t.Fatal(d)
	}
	t.Logf("reading a %d-byte page allocated %d bytes", size, got)
	// the array, and at most a 1 MiB scratch buffer a thread
	if limit := uint64(size + runtime.GOMAXPROCS(0)<<20 + 1<<20); got > limit {
		t.Errorf("reading a %d-byte page allocated %d bytes, over %d", size, got, limit)
	}
	// strips of 64 KiB, written one by one
	got = allocated(func() { err = tiff.Write(io.Discard, a, nil) })
	if err != nil {
		t.Fatal(err)
	}
	if got > 1<<20 {
		t.Errorf("writing a %d-byte page allocated %d bytes", size, got)
	}
}

// TestWriteSeeker writes compressed arrays to a file, where pages are
// written before their IFDs: the file reads back as the same array as the
// one written to a buffer, and a deflated page is not held in memory.
func TestWriteSeeker(t *testing.T) {
	dir := t.TempDir()
	noisy := func(dt filter.DType, shape ...int) *filter.Array {
		n := 1
		for _, v := range shape {
			n *= v
		}
		f := make([]float64, n)
		x := uint32(1)
		for i := range f {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			f[i] = float64(x % 50000)
		}
		a, _ := filter.ArrayOf(f, shape...)
		b, _ := filter.Convert(a, dt)
		return b
	}
	for _, tt := range []struct {
		name string
		a    *filter.Array
		o    tiff.Options
	}{
		{"deflate stack", noisy(filter.Uint16, 3, 40, 50), tiff.Options{Compression: tiff.Deflate}},
		{"deflate rgb big-endian", noisy(filter.Uint8, 2, 33, 17, 3), tiff.Options{Compression: tiff.Deflate, Channels: true, BigEndian: true}},
		{"packbits bigtiff", noisy(filter.Int32, 2, 21, 19), tiff.Options{Compression: tiff.PackBits, BigTIFF: true}},
		{"deflate tiles predictor", noisy(filter.Float32, 2, 40, 50), tiff.Options{Compression: tiff.Deflate, Predictor: tiff.FloatingPoint, TileWidth: 16, TileHeight: 32}},
		{"one page", noisy(filter.Float64, 7, 9), tiff.Options{Compression: tiff.Deflate, Predictor: tiff.FloatingPoint}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := os.Create(filepath.Join(dir, "out.tif"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := tiff.Write(f, tt.a, &tt.o); err != nil {
				t.Fatal(err)
			}
			st, _ := f.Stat()
			b, err := tiff.Read(f, st.Size())
			if err != nil {
				t.Fatal(err)
			}
			if d := sameArray(tt.a, b); d != "" {
				t.Error(d)
			}
		})
	}
	// a 16 MiB page of noise, deflated, with a bounded footprint
	a := noisy(filter.Uint32, 1024, 4096)
	f, err := os.Create(filepath.Join(dir, "big.tif"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := allocated(func() { err = tiff.Write(f, a, &tiff.Options{Compression: tiff.Deflate, Level: 1}) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("writing a 16 MiB deflated page to a file allocated %d bytes", got)
	if got > 4<<20 {
		t.Errorf("writing a 16 MiB deflated page to a file allocated %d bytes", got)
	}
}
