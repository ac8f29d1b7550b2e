package npy_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/kfilter/kfilter/filter/npy"
)

func TestDType(t *testing.T) {
	tests := []struct {
		d    npy.DType
		name string
		size int
	}{
		{npy.Bool, "bool", 1},
		{npy.Int8, "int8", 1},
		{npy.Int16, "int16", 2},
		{npy.Int32, "int32", 4},
		{npy.Int64, "int64", 8},
		{npy.Uint8, "uint8", 1},
		{npy.Uint16, "uint16", 2},
		{npy.Uint32, "uint32", 4},
		{npy.Uint64, "uint64", 8},
		{npy.Float32, "float32", 4},
		{npy.Float64, "float64", 8},
		{0, "DType(0)", 0},
		{200, "DType(200)", 0},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.name {
			t.Errorf("DType(%d).String() = %q, want %q", uint8(tt.d), got, tt.name)
		}
		if got := tt.d.Size(); got != tt.size {
			t.Errorf("%v.Size() = %d, want %d", tt.d, got, tt.size)
		}
		if tt.size == 0 {
			continue
		}
		if got, err := npy.ParseDType(tt.name); got != tt.d || err != nil {
			t.Errorf("ParseDType(%q) = %v, %v, want %v", tt.name, got, err, tt.d)
		}
	}
}

func TestParseDType(t *testing.T) {
	good := []struct {
		name string
		want npy.DType
	}{
		{"?", npy.Bool}, {"b1", npy.Bool}, {"|b1", npy.Bool}, {"<?", npy.Bool},
		{"i1", npy.Int8}, {"|i1", npy.Int8}, {"<i2", npy.Int16}, {">i4", npy.Int32}, {"=i8", npy.Int64},
		{"u1", npy.Uint8}, {"|u1", npy.Uint8}, {"<u2", npy.Uint16}, {"u4", npy.Uint32}, {">u8", npy.Uint64},
		{"f4", npy.Float32}, {"<f4", npy.Float32}, {"f8", npy.Float64}, {"<f8", npy.Float64}, {">f8", npy.Float64},
		{"uint8", npy.Uint8}, {"float64", npy.Float64}, {"bool", npy.Bool},
	}
	for _, tt := range good {
		got, err := npy.ParseDType(tt.name)
		if err != nil || got != tt.want {
			t.Errorf("ParseDType(%q) = %v, %v, want %v", tt.name, got, err, tt.want)
		}
	}
	bad := []struct {
		name, msg string
	}{
		{"", "empty dtype"},
		{"complex128", `dtype "complex128" (complex) is not supported`},
		{"float16", `dtype "float16" (float16) is not supported`},
		{"object", "not supported"},
		{"<c16", `dtype "<c16" (complex) is not supported`},
		{"c8", `dtype "c8" (complex) is not supported`},
		{"<f2", `dtype "<f2" (float16) is not supported`},
		{"<f16", `dtype "<f16" (long double) is not supported`},
		{"|O", `dtype "|O" (object) is not supported`},
		{"<U5", `dtype "<U5" (unicode string) is not supported`},
		{"|S3", `dtype "|S3" (byte string) is not supported`},
		{"<M8[s]", `dtype "<M8[s]" (datetime) is not supported`},
		{"<m8[ns]", "(timedelta) is not supported"},
		{"|V8", "(void) is not supported"},
		{"i3", `invalid dtype "i3"`},
		{"i16", `invalid dtype "i16"`},
		{"b2", `invalid dtype "b2"`},
		{"f", `invalid dtype "f"`},
		{"<", `invalid dtype "<"`},
		{"f+8", `invalid dtype "f+8"`},
		{"Float64", `invalid dtype "Float64"`},
		{"int", `invalid dtype "int"`},
	}
	for _, tt := range bad {
		_, err := npy.ParseDType(tt.name)
		var e *npy.Error
		if !errors.As(err, &e) || e.Field != "dtype" || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseDType(%q) error = %v, want *Error containing %q", tt.name, err, tt.msg)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	shapes := [][]int{nil, {}, {0}, {1}, {7}, {2, 3}, {3, 0}, {2, 0, 3}, {2, 3, 4}, {1, 2, 1, 3, 2}}
	for _, d := range allDTypes {
		for _, shape := range shapes {
			n := 1
			for _, s := range shape {
				n *= s
			}
			a := &npy.Array{Shape: shape, DType: d, Data: makeData(d, n, mix)}
			var buf bytes.Buffer
			if err := npy.Write(&buf, a); err != nil {
				t.Fatalf("Write(%v %v): %v", d, shape, err)
			}
			if buf.Len()%64 != 0 && n == 0 {
				t.Errorf("%v %v: header length %d is not a multiple of 64", d, shape, buf.Len())
			}
			b, err := npy.Read(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatalf("Read(%v %v): %v", d, shape, err)
			}
			if !shapeEqual(b.Shape, shape) || b.DType != d || !dataEqual(b.Data, a.Data) {
				t.Errorf("round trip of %v %v: got %v %v %v, want %v", d, shape, b.Shape, b.DType, b.Data, a.Data)
			}
			// One byte at a time, as from a slow stream.
			c, err := npy.Read(iotest.OneByteReader(bytes.NewReader(buf.Bytes())))
			if err != nil || !dataEqual(c.Data, a.Data) {
				t.Errorf("one-byte read of %v %v: %v", d, shape, err)
			}
		}
	}
}

// bigEndianFortran returns the .npy file numpy writes for a in Fortran
// order with big-endian data, built independently of Write.
func bigEndianFortran(t *testing.T, a *npy.Array) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := binary.Write(&buf, binary.BigEndian, a.Data); err != nil {
		t.Fatal(err)
	}
	c := buf.Bytes() // C order
	size := a.DType.Size()
	shape := a.Shape
	f := make([]byte, len(c))
	idx := make([]int, len(shape))
	for j := 0; j < len(c)/size; j++ { // j: position in Fortran order
		off := 0 // position of idx in C order
		for k := range shape {
			off = off*shape[k] + idx[k]
		}
		copy(f[j*size:(j+1)*size], c[off*size:])
		for k := range idx { // axis 0 varies fastest
			idx[k]++
			if idx[k] < shape[k] {
				break
			}
			idx[k] = 0
		}
	}
	descr := map[npy.DType]string{npy.Int16: ">i2", npy.Float64: ">f8", npy.Uint32: ">u4", npy.Bool: "|b1"}[a.DType]
	return npyFile(1, dict(descr, true, formatShape(shape)), f)
}

func formatShape(shape []int) string {
	s := make([]string, len(shape))
	for i, d := range shape {
		s[i] = strconv.Itoa(d)
	}
	if len(shape) == 1 {
		return "(" + s[0] + ",)"
	}
	return "(" + strings.Join(s, ", ") + ")"
}

// TestLarge reads arrays bigger than the read chunk size, big-endian and
// in Fortran order, with and without a limit.
func TestLarge(t *testing.T) {
	tests := []*npy.Array{
		{Shape: []int{1100, 1000}, DType: npy.Float64, Data: makeData(npy.Float64, 1100*1000, mix)},
		{Shape: []int{3, 700, 500}, DType: npy.Int16, Data: makeData(npy.Int16, 3*700*500, mix)},
		{Shape: []int{2, 2, 3, 5, 7, 11, 13, 17}, DType: npy.Uint32, Data: makeData(npy.Uint32, 2*2*3*5*7*11*13*17, mix)},
		{Shape: []int{1500, 1500}, DType: npy.Bool, Data: makeData(npy.Bool, 1500*1500, mix)},
	}
	for _, a := range tests {
		file := bigEndianFortran(t, a)
		for _, lim := range []npy.Limits{{}, {MaxBytes: 1 << 30}, {MaxBytes: int64(len(file) - 128)}} {
			b, err := npy.ReadLimits(bytes.NewReader(file), lim)
			if err != nil {
				t.Fatalf("%v %v: %v", a.DType, a.Shape, err)
			}
			if !shapeEqual(b.Shape, a.Shape) || b.DType != a.DType || !dataEqual(b.Data, a.Data) {
				t.Errorf("%v %v with %+v: data differs", a.DType, a.Shape, lim)
			}
		}
	}
}

// TestHeaderVariants reads headers that differ from numpy's usual output
// but are valid.
func TestHeaderVariants(t *testing.T) {
	data := []byte{1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0}
	want := []int16{1, 2, 3, 4, 5, 6}
	be := []byte{0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6}
	tests := []struct {
		name string
		file []byte
		data any
	}{
		{"numpy", npyFile(1, dict("<i2", false, "(2, 3)"), data), want},
		{"double quotes", npyFile(1, `{"descr": "<i2", "fortran_order": False, "shape": (2, 3)}`, data), want},
		{"key order", npyFile(1, `{'shape': (2, 3), 'descr': '<i2', 'fortran_order': False}`, data), want},
		{"whitespace", npyFile(1, "\n{ 'descr' :'<i2' ,\t'fortran_order':False,'shape':( 2 ,3 , ) ,\n} \n", data), want},
		{"no trailing newline", rawFile(1, 0, dict("<i2", false, "(2, 3)"), data), want},
		{"16-byte alignment", rawFile(1, 0, dict("<i2", false, "(2, 3)")+"   \n", data), want},
		{"python 2 long", npyFile(1, dict("<i2", false, "(2L, 3L)"), data), want},
		{"parenthesized", npyFile(1, `{'descr': ('<i2'), 'fortran_order': (False), 'shape': ((2), 3)}`, data), want},
		{"unicode prefix", npyFile(1, `{u'descr': u'<i2', u'fortran_order': False, U"shape": (2, 3)}`, data), want},
		{"form feed", npyFile(1, "\f"+dict("<i2", false, "(2, 3)"), data), want},
		{"plus sign", npyFile(1, dict("<i2", false, "(+2, 3)"), data), want},
		{"big endian", npyFile(1, dict(">i2", false, "(2, 3)"), be), want},
		{"native", npyFile(1, dict("=i2", false, "(2, 3)"), data), want},
		{"no byte order", npyFile(1, dict("i2", false, "(2, 3)"), data), want},
		{"fortran", npyFile(1, dict("<i2", true, "(2, 3)"), []byte{1, 0, 4, 0, 2, 0, 5, 0, 3, 0, 6, 0}), want},
		{"fortran 1-D", npyFile(1, dict("<i2", true, "(6,)"), data), want},
		{"version 2", npyFile(2, dict("<i2", false, "(2, 3)"), data), want},
		{"version 3", npyFile(3, dict("<i2", false, "(2, 3)"), data), want},
		{"utf-8 header", npyFile(3, dict("<i2", false, "(2, 3)")+" ", data), want},
		{"bool ?", npyFile(1, dict("?", false, "(2,)"), []byte{0, 1}), []bool{false, true}},
		{"scalar", npyFile(1, dict("<u2", false, "()"), []byte{1, 2}), []uint16{0x201}},
		{"negative zero dim", npyFile(1, dict("<i2", false, "(-0,)"), nil), []int16{}},
		{"zero-size huge", npyFile(1, dict("<f8", false, "(0, 1000000000000)"), nil), []float64{}},
	}
	for _, tt := range tests {
		a, err := npy.Read(bytes.NewReader(tt.file))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !dataEqual(a.Data, tt.data) {
			t.Errorf("%s: Data = %v, want %v", tt.name, a.Data, tt.data)
		}
	}
}

func TestWrite(t *testing.T) {
	// A header too long for version 1.0 is written as version 2.0.
	shape := make([]int, 30000)
	for i := range shape {
		shape[i] = 1
	}
	shape[0] = 2
	var buf bytes.Buffer
	if err := npy.Write(&buf, &npy.Array{Shape: shape, DType: npy.Int8, Data: []int8{-1, 1}}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if b[6] != 2 || b[7] != 0 {
		t.Errorf("version = %d.%d, want 2.0", b[6], b[7])
	}
	hlen := binary.LittleEndian.Uint32(b[8:])
	if (12+hlen)%64 != 0 || len(b) != 12+int(hlen)+2 || b[12+hlen-1] != '\n' {
		t.Errorf("bad version 2.0 layout: header length %d, file length %d", hlen, len(b))
	}
	a, err := npy.Read(bytes.NewReader(b))
	if err != nil || len(a.Shape) != len(shape) || !dataEqual(a.Data, []int8{-1, 1}) {
		t.Errorf("reading version 2.0 file: %v", err)
	}

	// Every header is aligned to 64 bytes.
	for _, shape := range [][]int{nil, {1}, {10}, {1234567, 0}, {2, 3, 4, 5, 6, 7, 8, 0, 10, 11}, {12345678901, 0}} {
		n := 1
		for _, d := range shape {
			n *= d
		}
		buf.Reset()
		if err := npy.Write(&buf, &npy.Array{Shape: shape, DType: npy.Float64, Data: make([]float64, n)}); err != nil {
			t.Fatalf("shape %v: %v", shape, err)
		}
		if hlen := buf.Len() - 8*n; hlen%64 != 0 {
			t.Errorf("shape %v: header length %d is not a multiple of 64", shape, hlen)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	tests := []struct {
		name  string
		a     *npy.Array
		field string
		msg   string
	}{
		{"nil", nil, "array", "nil array"},
		{"zero dtype", &npy.Array{Data: []float64{1}}, "array: dtype", "invalid dtype DType(0)"},
		{"bad dtype", &npy.Array{DType: 99, Data: []float64{1}}, "array: dtype", "invalid dtype DType(99)"},
		{"negative", &npy.Array{Shape: []int{2, -3}, DType: npy.Float64, Data: []float64{}}, "array: shape", "negative dimension -3"},
		{"overflow", &npy.Array{Shape: []int{1 << 40, 1 << 30}, DType: npy.Float64, Data: []float64{}}, "array: shape", "overflows int64"},
		{"nil data", &npy.Array{Shape: []int{0}, DType: npy.Float64}, "array: data", "Data is nil, want []float64 for dtype float64"},
		{"wrong type", &npy.Array{Shape: []int{2}, DType: npy.Float64, Data: []float32{1, 2}}, "array: data", "Data is []float32, want []float64"},
		{"wrong length", &npy.Array{Shape: []int{2, 3}, DType: npy.Int8, Data: []int8{1, 2}}, "array: data", "Data has 2 elements, shape (2, 3) has 6"},
		{"scalar length", &npy.Array{DType: npy.Int8, Data: []int8{}}, "array: data", "Data has 0 elements, shape () has 1"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := npy.Write(&buf, tt.a)
		var e *npy.Error
		if !errors.As(err, &e) || e.Field != tt.field || e.Offset != -1 || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: Write error = %v, want *Error for %q containing %q", tt.name, err, tt.field, tt.msg)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: Write wrote %d bytes despite the error", tt.name, buf.Len())
		}
	}

	// Errors from the writer are returned unchanged.
	werr := errors.New("disk full")
	for _, n := range []int{0, 128, 200} {
		w := &failWriter{n: n, err: werr}
		err := npy.Write(w, &npy.Array{Shape: []int{100}, DType: npy.Int32, Data: make([]int32, 100)})
		if err != werr {
			t.Errorf("Write to writer failing after %d bytes: error = %v, want %v", n, err, werr)
		}
	}
}

// failWriter fails once n bytes have been written.
type failWriter struct {
	n   int
	err error
}

func (w *failWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, w.err
	}
	w.n -= len(p)
	return len(p), nil
}

func TestReadIOError(t *testing.T) {
	file := npyFile(1, dict("<f8", false, "(4,)"), make([]byte, 32))
	rerr := errors.New("connection reset")
	for _, n := range []int{0, 5, 9, 20, 64, 100, 160} {
		r := io.MultiReader(bytes.NewReader(file[:n]), iotest.ErrReader(rerr))
		_, err := npy.Read(r)
		var e *npy.Error
		if !errors.Is(err, rerr) || !errors.As(err, &e) || e.Offset != int64(n) {
			t.Errorf("error after %d bytes: got %v (%#v), want *Error wrapping %v at offset %d", n, err, e, rerr, n)
		}
	}
}

func TestErrorMethods(t *testing.T) {
	e := &npy.Error{Field: "data", Err: io.ErrUnexpectedEOF}
	if got, want := e.Error(), "npy: data: unexpected EOF"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if e.Unwrap() != io.ErrUnexpectedEOF {
		t.Errorf("Unwrap() = %v", e.Unwrap())
	}
	if got, want := (&npy.Error{Msg: "x"}).Error(), "npy: x"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func BenchmarkRead1024x1024Float64(b *testing.B) {
	a := &npy.Array{Shape: []int{1024, 1024}, DType: npy.Float64, Data: makeData(npy.Float64, 1024*1024, mix)}
	var buf bytes.Buffer
	if err := npy.Write(&buf, a); err != nil {
		b.Fatal(err)
	}
	file := buf.Bytes()
	for _, bm := range []struct {
		name string
		lim  npy.Limits
	}{{"NoLimit", npy.Limits{}}, {"MaxBytes", npy.Limits{MaxBytes: 1 << 30}}} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(file)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := npy.ReadLimits(bytes.NewReader(file), bm.lim); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkWrite1024x1024Float64(b *testing.B) {
	a := &npy.Array{Shape: []int{1024, 1024}, DType: npy.Float64, Data: makeData(npy.Float64, 1024*1024, mix)}
	b.SetBytes(8 << 20)
	b.ReportAllocs()
	for b.Loop() {
		if err := npy.Write(io.Discard, a); err != nil {
			b.Fatal(err)
		}
	}
}

// TestNoHugeAllocation checks that a short input declaring a huge array
// fails without allocating anything like the declared size.
func TestNoHugeAllocation(t *testing.T) {
	for _, descr := range []string{"<f8", ">i2", "|b1"} {
		file := npyFile(1, dict(descr, true, "(1000000, 1000000)"), make([]byte, 100))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := npy.Read(bytes.NewReader(file))
		runtime.ReadMemStats(&after)
		if err == nil || !strings.Contains(err.Error(), "data truncated") {
			t.Errorf("%s: error = %v, want data truncated", descr, err)
		}
		if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
			t.Errorf("%s: reading a %d-byte input allocated %d bytes", descr, len(file), n)
		}
	}
}

// TestInputSize checks that with the input's size known the data is read
// into one allocation of its final size, in either byte order, with no
// copy of it, and that a header declaring more than the input holds fails
// before anything is allocated.
func TestInputSize(t *testing.T) {
	const n = 1 << 21 // 16 MiB of float64
	vals := make([]float64, n)
	for i := range vals {
		vals[i] = float64(i) * 0.5
	}
	var le bytes.Buffer
	if err := npy.Write(&le, &npy.Array{Shape: []int{n}, DType: npy.Float64, Data: vals}); err != nil {
		t.Fatal(err)
	}
	be := bigEndianFortran(t, &npy.Array{Shape: []int{n}, DType: npy.Float64, Data: vals})
	for _, tt := range []struct {
		name string
		file []byte
	}{{"little-endian", le.Bytes()}, {"big-endian", be}} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			a, err := npy.ReadLimits(bytes.NewReader(tt.file), npy.Limits{InputSize: int64(len(tt.file))})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if !dataEqual(a.Data, vals) {
				t.Fatal("data differs")
			}
			// the array itself, and a few kilobytes for the header
			if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(8*n+64<<10); got > limit {
				t.Errorf("allocated %d bytes for %d bytes of data, want at most %d", got, 8*n, limit)
			}
		})
	}
	t.Run("declared-too-large", func(t *testing.T) {
		file := npyFile(1, dict("<f8", false, "(1000000, 1000000)"), make([]byte, 100))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := npy.ReadLimits(bytes.NewReader(file), npy.Limits{InputSize: int64(len(file))})
		runtime.ReadMemStats(&after)
		var ne *npy.Error
		if !errors.As(err, &ne) || !errors.Is(err, io.ErrUnexpectedEOF) || ne.Offset != 128 ||
			!strings.Contains(err.Error(), "declares 8000000000000 bytes, the input holds 100") {
			t.Fatalf("error = %v, want data truncated at offset 128", err)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 64<<10 {
			t.Errorf("allocated %d bytes before failing", got)
		}
	})
}
