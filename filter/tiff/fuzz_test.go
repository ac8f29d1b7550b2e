package tiff_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/tiff"
)

func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.tif"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		if len(b) <= 2048 { // small seeds mutate faster
			f.Add(b)
		}
	}
	f.Add(handmade([]byte{1, 2, 3, 4, 5, 6}, grey(3, 2, 6)...))
	f.Add(handmade([]byte{1, 2, 3, 4, 5, 6}, grey(3, 2, 0, ent{278, 4, []uint32{1}}, ent{273, 4, []uint32{8, 10}}, ent{279, 4, []uint32{2, 4}})...))

	f.Fuzz(func(t *testing.T, b []byte) {
		lim := tiff.Limits{MaxBytes: 1 << 20, MaxPages: 256}
		d, err := tiff.NewDecoder(bytes.NewReader(b), int64(len(b)), lim)
		if err == nil {
			a, err2 := d.Read()
			if err2 == nil {
				roundTrip(t, d, a)
				return
			}
			err = err2
		}
		var fe *tiff.FormatError
		var ue *tiff.UnsupportedError
		switch {
		case errors.As(err, &fe):
			if fe.Offset < -1 {
				t.Fatalf("error %v: Offset %d", err, fe.Offset)
			}
		case errors.As(err, &ue):
		default:
			t.Fatalf("error %v (%T) is neither a *FormatError nor an *UnsupportedError", err, err)
		}
	})
}

// roundTrip checks that an array read from d reads again, by rows, and
// after Write.
func roundTrip(t *testing.T, d *tiff.Decoder, whole *filter.Array) {
	// the first page by ReadPages and by ReadRows in two halves
	p, err := d.ReadPages(0, 1)
	if err != nil {
		t.Fatalf("ReadPages after Read: %v", err)
	}
	ps := d.PageShape()
	rowAxis := 0
	if len(ps) == 3 && !d.Channels() {
		rowAxis = 1
	}
	h := ps[rowAxis]
	top, err := d.ReadRows(0, 0, h/2)
	if err != nil {
		t.Fatalf("ReadRows after Read: %v", err)
	}
	bottom, err := d.ReadRows(0, h/2, h)
	if err != nil {
		t.Fatalf("ReadRows after Read: %v", err)
	}
	if rowAxis == 0 {
		if got, want := append(bits(top.Data), bits(bottom.Data)...), bits(p.Data); !bytes.Equal(got, want) {
			t.Fatalf("ReadRows halves differ from ReadPages")
		}
	}
	if want := bits(whole.Data)[:len(bits(p.Data))]; !bytes.Equal(bits(p.Data), want) {
		t.Fatalf("ReadPages(0, 1) differs from the start of Read")
	}

	var buf bytes.Buffer
	if err := tiff.Write(&buf, whole, &tiff.Options{Channels: d.Channels()}); err != nil {
		t.Fatalf("Write of a read array: %v", err)
	}
	back, err := tiff.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("Read of a written array: %v", err)
	}
	if msg := sameArray(back, whole); msg != "" {
		t.Fatalf("round trip: %s", msg)
	}
}
