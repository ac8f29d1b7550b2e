package tiff_test

import (
	"bytes"
	"io"
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
