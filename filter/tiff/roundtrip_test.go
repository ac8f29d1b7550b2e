package tiff_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/tiff"
)

func writeRead(t *testing.T, a *filter.Array, o *tiff.Options) (*tiff.Decoder, *filter.Array) {
	t.Helper()
	var buf bytes.Buffer
	if err := tiff.Write(&buf, a, o); err != nil {
		t.Fatalf("Write: %v", err)
	}
	d, err := tiff.NewDecoder(bytes.NewReader(buf.Bytes()), int64(buf.Len()), tiff.Limits{})
	if err != nil {
		t.Fatalf("NewDecoder: %v", err)
	}
	b, err := d.Read()
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return d, b
}

// TestRoundTrip writes and reads back every dtype in every rank,
// compression, predictor, layout and byte order Write offers.
func TestRoundTrip(t *testing.T) {
	type layout struct {
		name     string
		shape    []int
		channels bool
	}
	layouts := []layout{
		{"2d", []int{37, 41}, false},
		{"3d", []int{3, 19, 21}, false},
		{"4d", []int{2, 1, 9, 5}, false},
		{"rgb", []int{17, 23, 3}, true},
		{"rgba-stack", []int{2, 17, 23, 4}, true},
		{"grey-alpha", []int{9, 7, 2}, true},
		{"one-channel", []int{9, 7, 1}, true},
		{"row", []int{1, 50}, false},
		{"column", []int{50, 1}, false},
	}
	type opts struct {
		name string
		o    tiff.Options
	}
	var variants []opts
	for bi, big := range []bool{false, true} {
		for ci, c := range []struct {
			name string
			c    tiff.Compression
			p    tiff.Predictor
		}{{"none", tiff.None, 0}, {"deflate", tiff.Deflate, 0}, {"deflate-pred", tiff.Deflate, -1}, {"packbits", tiff.PackBits, 0}} {
			for ti, tiles := range []bool{false, true} {
				// each compression and layout as TIFF and BigTIFF, in
				// one byte order each
				bt := (bi+ci+ti)%2 == 1
				o := tiff.Options{Compression: c.c, Predictor: c.p, BigEndian: big, BigTIFF: bt}
				if tiles {
					o.TileWidth, o.TileHeight = 16, 32
				} else {
					o.RowsPerStrip = 4
				}
				variants = append(variants, opts{fmt.Sprintf("%s-be=%v-big=%v-tiles=%v", c.name, big, bt, tiles), o})
			}
		}
	}
	for _, dt := range allDTypes {
		for _, l := range layouts {
			for _, v := range variants {
				t.Run(dt.String()+"/"+l.name+"/"+v.name, func(t *testing.T) {
					a := pattern(dt, l.shape...)
					o := v.o
					o.Channels = l.channels
					if o.Predictor == -1 {
						o.Predictor = tiff.Horizontal
						if dt == filter.Float32 || dt == filter.Float64 {
							o.Predictor = tiff.FloatingPoint
						}
					}
					d, b := writeRead(t, a, &o)
					if msg := sameArray(b, a); msg != "" {
						t.Fatal(msg)
					}
					if d.BigTIFF() != o.BigTIFF {
						t.Errorf("BigTIFF() = %v, want %v", d.BigTIFF(), o.BigTIFF)
					}
					wantPage := l.shape[len(l.shape)-2:]
					if l.channels {
						wantPage = l.shape[len(l.shape)-3:]
					}
					if !slices.Equal(d.PageShape(), wantPage) {
						t.Errorf("PageShape() = %v, want %v", d.PageShape(), wantPage)
					}
				})
			}
		}
	}
}

// TestParallel reads arrays on several threads, whole and by pages and
// rows, and a damaged one.
func TestParallel(t *testing.T) {
	defer tiff.SetParallelBytes(0)()
	a := pattern(filter.Float32, 3, 60, 80)
	for _, o := range []tiff.Options{
		{Compression: tiff.Deflate, Predictor: tiff.FloatingPoint, RowsPerStrip: 7},
		{Compression: tiff.Deflate, TileWidth: 16, TileHeight: 32},
		{RowsPerStrip: 5},
	} {
		var buf bytes.Buffer
		if err := tiff.Write(&buf, a, &o); err != nil {
			t.Fatal(err)
		}
		d, err := tiff.NewDecoder(bytes.NewReader(buf.Bytes()), int64(buf.Len()), tiff.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		b, err := d.Read()
		if err != nil {
			t.Fatal(err)
		}
		if msg := sameArray(b, a); msg != "" {
			t.Errorf("%+v: %s", o, msg)
		}
		p, err := d.ReadPages(1, 2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(bits(p.Data), bits(a.Data.([]float32)[4800:])) { // NaNs: compare bits
			t.Errorf("%+v: ReadPages(1, 2) differs", o)
		}
		r, err := d.ReadRows(2, 13, 59)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(bits(r.Data), bits(a.Data.([]float32)[9600+13*80:9600+59*80])) {
			t.Errorf("%+v: ReadRows(2, 13, 59) differs", o)
		}
		if o.Compression != tiff.Deflate {
			continue
		}
		// Damage the middle of the file: the error names the first
		// chunk that fails, whichever thread found it.
		file := bytes.Clone(buf.Bytes())
		for i := len(file) / 2; i < len(file)/2+4000; i++ {
			file[i] ^= 0x55
		}
		var msgs []string
		for range 5 {
			_, err := tiff.Read(bytes.NewReader(file), int64(len(file)))
			var fe *tiff.FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("%+v: damaged file: error %v (%T)", o, err, err)
			}
			msgs = append(msgs, err.Error())
		}
		for _, m := range msgs[1:] {
			if m != msgs[0] {
				t.Errorf("%+v: damaged file gives different errors: %q and %q", o, msgs[0], m)
			}
		}
	}
}

// TestWordAligned checks that every IFD Write puts starts on a word
// boundary, as TIFF asks, when the data before it has an odd length.
func TestWordAligned(t *testing.T) {
	var buf bytes.Buffer
	if err := tiff.Write(&buf, pattern(filter.Uint8, 3, 3, 5), nil); err != nil {
		t.Fatal(err)
	}
	offs := ifdOffsets(buf.Bytes())
	if len(offs) != 3 {
		t.Fatalf("%d IFDs, want 3", len(offs))
	}
	for _, off := range offs {
		if off%2 != 0 {
			t.Errorf("IFD at odd offset %d", off)
		}
	}
}
