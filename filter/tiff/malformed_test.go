package tiff_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter/tiff"
)

// ent is an IFD entry of a hand-made classic little-endian TIFF.
type ent struct {
	tag, typ uint16
	vals     []uint32
}

// handmade returns a TIFF of data at offset 8 and one IFD after it with
// the entries, values that do not fit in 4 bytes following the IFD.
func handmade(data []byte, ents ...ent) []byte {
	b := []byte("II*\x00")
	ifd := 8 + len(data) + len(data)&1
	b = binary.LittleEndian.AppendUint32(b, uint32(ifd))
	b = append(b, data...)
	if len(data)&1 == 1 {
		b = append(b, 0)
	}
	b = binary.LittleEndian.AppendUint16(b, uint16(len(ents)))
	extra := ifd + 2 + 12*len(ents) + 4
	var vals []byte
	for _, e := range ents {
		b = binary.LittleEndian.AppendUint16(b, e.tag)
		b = binary.LittleEndian.AppendUint16(b, e.typ)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(e.vals)))
		var v []byte
		for _, x := range e.vals {
			if e.typ == 3 {
				v = binary.LittleEndian.AppendUint16(v, uint16(x))
			} else {
				v = binary.LittleEndian.AppendUint32(v, x)
			}
		}
		if len(v) <= 4 {
			b = append(b, v...)
			b = append(b, make([]byte, 4-len(v))...)
		} else {
			b = binary.LittleEndian.AppendUint32(b, uint32(extra+len(vals)))
			vals = append(vals, v...)
		}
	}
	b = binary.LittleEndian.AppendUint32(b, 0)
	return append(b, vals...)
}

// grey is the entries of a w x h uint8 page in one strip at offset 8.
func grey(w, h, count uint32, more ...ent) []ent {
	es := []ent{
		{256, 4, []uint32{w}}, {257, 4, []uint32{h}}, {258, 3, []uint32{8}},
		{259, 3, []uint32{1}}, {262, 3, []uint32{1}}, {273, 4, []uint32{8}},
		{277, 3, []uint32{1}}, {278, 4, []uint32{h}}, {279, 4, []uint32{count}},
	}
	for _, m := range more {
		replaced := false
		for i := range es {
			if es[i].tag == m.tag {
				es[i], replaced = m, true
			}
		}
		if !replaced {
			es = append(es, m)
		}
	}
	return es
}

func TestHandmadeValid(t *testing.T) {
	b := handmade([]byte{1, 2, 3, 4, 5, 6}, grey(3, 2, 6)...)
	a, err := tiff.Read(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Data.([]uint8); !bytes.Equal(got, []byte{1, 2, 3, 4, 5, 6}) || a.Shape[0] != 2 || a.Shape[1] != 3 {
		t.Fatalf("got %v %v", a.Shape, got)
	}
}

// TestMalformed checks that hostile files give a typed error saying what
// is wrong and where, without a panic or a large allocation.
func TestMalformed(t *testing.T) {
	six := []byte{1, 2, 3, 4, 5, 6}
	loop := handmade(six, grey(3, 2, 6)...)
	binary.LittleEndian.PutUint32(loop[len(loop)-4:], 8+6) // next IFD: itself
	many := handmade(six, grey(3, 2, 6)...)
	binary.LittleEndian.PutUint16(many[14:], 60000) // entry count
	for _, tc := range []struct {
		name string
		file []byte
		lim  tiff.Limits
		want string // in the message
		tag  int
		kind string // "format", "unsupported" or "limit"
	}{
		{"empty", nil, tiff.Limits{}, "file too short for a TIFF header", 0, "format"},
		{"magic", []byte("GIF89a\x00\x00\x00\x00"), tiff.Limits{}, `not a TIFF file: starts with "GI"`, 0, "format"},
		{"version", []byte("II\x2b\x01\x08\x00\x00\x00"), tiff.Limits{}, "version 299", 0, "format"},
		{"ifd past end", []byte("II*\x00\xff\x00\x00\x00"), tiff.Limits{}, "IFD offset 255 is outside the file", 0, "format"},
		{"loop", loop, tiff.Limits{}, "page 1: IFD offset 14 was already read: the IFDs form a loop", 0, "format"},
		{"entry count", many, tiff.Limits{}, "declares 60000 entries, more than the file holds", 0, "format"},
		{"zero width", handmade(six, grey(0, 2, 6)...), tiff.Limits{}, "image of 0x2 pixels has no pixels", 0, "format"},
		{"no strips", handmade(six, grey(3, 2, 6, ent{273, 4, []uint32{8, 9}})...), tiff.Limits{}, "StripOffsets (tag 273): has 2 values; a 3x2 image in chunks of 3x2 needs 1", 273, "format"},
		{"strip past end", handmade(six, grey(3, 2, 6, ent{273, 4, []uint32{4000}})...), tiff.Limits{}, "chunk 0 at offset 4000, 6 bytes long, passes the end of the file", 273, "format"},
		{"count past end", handmade(six, grey(3, 2, 1<<30)...), tiff.Limits{}, "passes the end of the file", 273, "format"},
		{"short data", handmade(six, grey(3, 2, 5)...), tiff.Limits{}, "the strips or tiles of the [2 3] uint8 array asked for hold at most 5 bytes of its 6", 0, "format"},
		{"short strip", handmade(six, grey(3, 2, 0, ent{278, 4, []uint32{1}}, ent{273, 4, []uint32{8, 10}}, ent{279, 4, []uint32{2, 4}})...), tiff.Limits{}, "strip 0 holds 2 bytes, the image needs 3", 273, "format"},
		{"compression", handmade(six, grey(3, 2, 6, ent{259, 3, []uint32{50000}})...), tiff.Limits{}, "Compression (tag 259): 50000 (Zstandard) is not supported", 259, "unsupported"},
		{"unknown compression", handmade(six, grey(3, 2, 6, ent{259, 3, []uint32{777}})...), tiff.Limits{}, "Compression (tag 259): 777 (unknown) is not supported", 259, "unsupported"},
		{"predictor without compression", handmade(six, grey(3, 2, 6, ent{317, 3, []uint32{2}})...), tiff.Limits{}, "Predictor (tag 317): 2 with Compression 1 (none) is ambiguous", 317, "unsupported"},
		{"float predictor on ints", handmade(six, grey(3, 2, 6, ent{259, 3, []uint32{8}}, ent{317, 3, []uint32{3}})...), tiff.Limits{}, "Predictor (tag 317): 3 (floating point) with integer samples", 317, "format"},
		{"12 bits", handmade(six, grey(3, 2, 6, ent{258, 3, []uint32{12}})...), tiff.Limits{}, "BitsPerSample (tag 258): 12-bit unsigned integer samples are not supported", 258, "unsupported"},
		{"missing width", handmade(six, grey(3, 2, 6)[1:]...), tiff.Limits{}, "ImageWidth (tag 256): missing", 256, "format"},
		{"huge tiles", handmade(six, append(grey(3, 2, 6)[:5], ent{277, 3, []uint32{1}}, ent{322, 4, []uint32{1 << 20}}, ent{323, 4, []uint32{1 << 20}}, ent{324, 4, []uint32{8}}, ent{325, 4, []uint32{6}})...), tiff.Limits{}, "tiles of 1048576x1048576 pixels are far larger than the 3x2 image", 322, "format"},
		{"chunk count", handmade(six, grey(60000, 60000, 6, ent{278, 4, []uint32{1}})...), tiff.Limits{}, "60000x60000 image in chunks of 60000x1: more chunks than the file has bytes", 273, "format"},
		// 60000 x 60000 pixels in 6 bytes: refused before allocating
		{"huge uncompressed", handmade(six, grey(60000, 60000, 6)...), tiff.Limits{}, "hold at most 6 bytes of its 3600000000", 0, "format"},
		{"huge deflate", handmade(six, grey(60000, 60000, 6, ent{259, 3, []uint32{8}})...), tiff.Limits{}, "hold at most 7216 bytes of its 3600000000", 0, "format"},
		{"limit", handmade(six, grey(60000, 60000, 6)...), tiff.Limits{MaxBytes: 1 << 20}, "(3600000000 bytes) exceeds the limit of 1048576 bytes", 0, "limit"},
		{"bad deflate", handmade(six, grey(3, 2, 6, ent{259, 3, []uint32{8}})...), tiff.Limits{}, "strip 0: Adobe deflate data: zlib: invalid header", 273, "format"},
		{"max pages", handmade(six, grey(3, 2, 6)...), tiff.Limits{MaxPages: -1}, "", 0, "ok"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			before := ms.TotalAlloc
			d, err := tiff.NewDecoder(bytes.NewReader(tc.file), int64(len(tc.file)), tc.lim)
			if err == nil {
				_, err = d.Read()
			}
			runtime.ReadMemStats(&ms)
			if n := ms.TotalAlloc - before; n > 1<<20 {
				t.Errorf("allocated %d bytes", n)
			}
			if tc.kind == "ok" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
			var fe *tiff.FormatError
			var ue *tiff.UnsupportedError
			switch tc.kind {
			case "format", "limit":
				if !errors.As(err, &fe) {
					t.Fatalf("error %v is %T, not a *FormatError", err, err)
				}
				if fe.Tag != tc.tag {
					t.Errorf("Tag = %d, want %d", fe.Tag, tc.tag)
				}
				if fe.Offset < -1 || fe.Offset > int64(len(tc.file))+1<<31 {
					t.Errorf("Offset = %d", fe.Offset)
				}
				if (tc.kind == "limit") != errors.Is(err, tiff.ErrLimit) {
					t.Errorf("errors.Is(err, ErrLimit) = %v", errors.Is(err, tiff.ErrLimit))
				}
			case "unsupported":
				if !errors.As(err, &ue) || ue.Tag != tc.tag {
					t.Fatalf("error %v is %T, not an *UnsupportedError on tag %d", err, err, tc.tag)
				}
			}
		})
	}
}
