package tiff_test

import (
	"bytes"
	"encoding/binary"
	"io"
	"slices"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/tiff"
)

// spy records the byte ranges read.
type spy struct {
	r     io.ReaderAt
	reads [][2]int64
}

func (s *spy) ReadAt(p []byte, off int64) (int, error) {
	s.reads = append(s.reads, [2]int64{off, off + int64(len(p))})
	return s.r.ReadAt(p, off)
}

// ifdOffsets walks the IFD chain of a classic little-endian TIFF.
func ifdOffsets(b []byte) []int64 {
	var offs []int64
	for off := int64(binary.LittleEndian.Uint32(b[4:])); off != 0; {
		offs = append(offs, off)
		n := int64(binary.LittleEndian.Uint16(b[off:]))
		off = int64(binary.LittleEndian.Uint32(b[off+2+12*n:]))
	}
	return offs
}

// TestLazy checks that a range of pages, or of rows of a page, is read
// from the bytes of those pages only: Write puts each page's IFD, values
// and strips between its IFD and the next.
func TestLazy(t *testing.T) {
	a := pattern(filter.Uint16, 5, 40, 30)
	for _, o := range []tiff.Options{{RowsPerStrip: 4}, {Compression: tiff.Deflate, RowsPerStrip: 4}, {TileWidth: 16, TileHeight: 16}} {
		var buf bytes.Buffer
		if err := tiff.Write(&buf, a, &o); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		ifds := append(ifdOffsets(b), int64(len(b)))
		s := &spy{r: bytes.NewReader(b)}
		d, err := tiff.NewDecoder(s, int64(len(b)), tiff.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(d.Shape(), a.Shape) || d.Pages() != 5 {
			t.Fatalf("Shape() = %v, Pages() = %d", d.Shape(), d.Pages())
		}
		inside := func(what string, lo, hi int64) int64 {
			var n int64
			for _, r := range s.reads {
				if r[0] < lo || r[1] > hi {
					t.Errorf("%+v: %s read bytes %d to %d, outside %d to %d", o, what, r[0], r[1], lo, hi)
				}
				n += r[1] - r[0]
			}
			s.reads = nil
			return n
		}
		s.reads = nil
		p, err := d.ReadPages(2, 2)
		if err != nil {
			t.Fatal(err)
		}
		inside("ReadPages(2, 2)", ifds[2], ifds[4])
		if want := a.Data.([]uint16)[2*1200 : 4*1200]; !slices.Equal(p.Data.([]uint16), want) || !slices.Equal(p.Shape, []int{2, 40, 30}) {
			t.Errorf("%+v: ReadPages(2, 2) gave the wrong array", o)
		}

		r, err := d.ReadRows(1, 17, 19)
		if err != nil {
			t.Fatal(err)
		}
		n := inside("ReadRows(1, 17, 19)", ifds[1], ifds[2])
		if want := a.Data.([]uint16)[1200+17*30 : 1200+19*30]; !slices.Equal(r.Data.([]uint16), want) || !slices.Equal(r.Shape, []int{2, 30}) {
			t.Errorf("%+v: ReadRows gave the wrong array", o)
		}
		// one strip of 4 rows (240 bytes) or two tiles (1 KiB), the
		// chunk tables twice: far less than the page's 2400 bytes
		if n > 1200 {
			t.Errorf("%+v: ReadRows(1, 17, 19) read %d bytes", o, n)
		}
	}
}
