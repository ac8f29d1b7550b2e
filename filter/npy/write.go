package npy

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// growthPad is the width numpy reserves in the header for the length of
// the first dimension, so that the header can be rewritten in place when
// the array grows (numpy.lib.format.GROWTH_AXIS_MAX_DIGITS).
const growthPad = 21

// Write writes a to w as a .npy file: format version 1.0, or 2.0 if the
// header is too long for version 1.0, with little-endian data in C order
// and the header padded so that the data starts at a multiple of 64
// bytes. The output is the same as that of numpy.save for the same
// C-ordered little-endian array.
//
// Write returns an *Error if a is not a valid array: if its DType is not
// valid, a dimension is negative, its size overflows int64, or its Data
// is not a slice of the type corresponding to DType with one element for
// each element of the array. Errors from w are returned unchanged.
func Write(w io.Writer, a *Array) error {
	if a == nil {
		return &Error{Offset: -1, Field: "array", Msg: "nil array"}
	}
	if !a.DType.valid() {
		return &Error{Offset: -1, Field: "array: dtype", Msg: "invalid dtype " + a.DType.String()}
	}
	for _, d := range a.Shape {
		if d < 0 {
			return &Error{Offset: -1, Field: "array: shape", Msg: "negative dimension " + strconv.Itoa(d)}
		}
	}
	n, nbytes, ok := dataSize(a.Shape, a.DType.Size())
	if !ok {
		return &Error{Offset: -1, Field: "array: shape", Msg: fmt.Sprintf("%s array of shape %s is too large: its size in bytes overflows int64", a.DType, formatShape(a.Shape))}
	}
	if want := goType(a.DType); a.Data == nil || reflect.TypeOf(a.Data) != want {
		got := "nil"
		if a.Data != nil {
			got = reflect.TypeOf(a.Data).String()
		}
		return &Error{Offset: -1, Field: "array: data", Msg: fmt.Sprintf("Data is %s, want %s for dtype %s", got, want, a.DType)}
	}
	if l := reflect.ValueOf(a.Data).Len(); l != n {
		return &Error{Offset: -1, Field: "array: data", Msg: fmt.Sprintf("Data has %d elements, shape %s has %d", l, formatShape(a.Shape), n)}
	}

	hdr, ok := fileHeader(a.DType, a.Shape)
	if !ok {
		return &Error{Offset: -1, Field: "array: shape", Msg: fmt.Sprintf("header for %d dimensions is too long", len(a.Shape))}
	}
	if _, err := io.WriteString(w, hdr); err != nil {
		return err
	}
	if nbytes == 0 {
		return nil
	}
	buf := make([]byte, min(nbytes, chunkSize))
	switch s := a.Data.(type) {
	case []bool:
		return writeElems(w, buf, s, 1, encodeBool)
	case []int8:
		return writeElems(w, buf, s, 1, encodeInt8)
	case []int16:
		return writeElems(w, buf, s, 2, encodeInt16)
	case []int32:
		return writeElems(w, buf, s, 4, encodeInt32)
	case []int64:
		return writeElems(w, buf, s, 8, encodeInt64)
	case []uint8:
		_, err := w.Write(s)
		return err
	case []uint16:
		return writeElems(w, buf, s, 2, encodeUint16)
	case []uint32:
		return writeElems(w, buf, s, 4, encodeUint32)
	case []uint64:
		return writeElems(w, buf, s, 8, encodeUint64)
	case []float32:
		return writeElems(w, buf, s, 4, encodeFloat32)
	case []float64:
		return writeElems(w, buf, s, 8, encodeFloat64)
	}
	return nil // unreachable: the type of a.Data was checked above
}

// goTypes maps each DType to the type of Array.Data.
var goTypes = [...]reflect.Type{
	Bool:    reflect.TypeFor[[]bool](),
	Int8:    reflect.TypeFor[[]int8](),
	Int16:   reflect.TypeFor[[]int16](),
	Int32:   reflect.TypeFor[[]int32](),
	Int64:   reflect.TypeFor[[]int64](),
	Uint8:   reflect.TypeFor[[]uint8](),
	Uint16:  reflect.TypeFor[[]uint16](),
	Uint32:  reflect.TypeFor[[]uint32](),
	Uint64:  reflect.TypeFor[[]uint64](),
	Float32: reflect.TypeFor[[]float32](),
	Float64: reflect.TypeFor[[]float64](),
}

func goType(d DType) reflect.Type { return goTypes[d] }

// formatShape formats shape as a Python tuple, as numpy does.
func formatShape(shape []int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, d := range shape {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(d))
	}
	if len(shape) == 1 {
		b.WriteByte(',')
	}
	b.WriteByte(')')
	return b.String()
}

// fileHeader returns everything that precedes the data in the .npy file
// for a C-ordered little-endian array: the magic string, the version,
// the header length and the padded header. It reports false if the
// header is too long for the format.
func fileHeader(d DType, shape []int) (string, bool) {
	dict := "{'descr': '" + d.descr() + "', 'fortran_order': False, 'shape': " + formatShape(shape) + ", }"
	if len(shape) > 0 {
		dict += strings.Repeat(" ", max(0, growthPad-len(strconv.Itoa(shape[0]))))
	}
	const align = 64
	hlen := len(dict) + 1 // the header ends with '\n'
	version, prefix := byte(1), len(magic)+2+2
	pad := align - (prefix+hlen)%align
	if hlen+pad > math.MaxUint16 {
		version, prefix = 2, len(magic)+2+4
		pad = align - (prefix+hlen)%align
		if int64(hlen+pad) > math.MaxUint32 {
			return "", false
		}
	}
	var b strings.Builder
	b.Grow(prefix + hlen + pad)
	b.WriteString(magic)
	b.WriteByte(version)
	b.WriteByte(0)
	var lenBuf [4]byte
	binary.LittleEndian.PutUint32(lenBuf[:], uint32(hlen+pad))
	if version == 1 {
		b.Write(lenBuf[:2])
	} else {
		b.Write(lenBuf[:4])
	}
	b.WriteString(dict)
	b.WriteString(strings.Repeat(" ", pad))
	b.WriteByte('\n')
	return b.String(), true
}

// writeElems encodes the elements of s with enc in chunks using buf and
// writes them to w.
func writeElems[T any](w io.Writer, buf []byte, s []T, size int, enc func(dst []byte, src []T)) error {
	per := len(buf) / size
	for len(s) > 0 {
		k := min(len(s), per)
		b := buf[:k*size]
		enc(b, s[:k])
		if _, err := w.Write(b); err != nil {
			return err
		}
		s = s[k:]
	}
	return nil
}

// The encoders write the elements of src to dst in little-endian order.

func encodeBool(dst []byte, src []bool) {
	for i, v := range src {
		dst[i] = 0
		if v {
			dst[i] = 1
		}
	}
}

func encodeInt8(dst []byte, src []int8) {
	for i, v := range src {
		dst[i] = byte(v)
	}
}

func encodeInt16(dst []byte, src []int16) {
	for i, v := range src {
		binary.LittleEndian.PutUint16(dst[2*i:], uint16(v))
	}
}

func encodeUint16(dst []byte, src []uint16) {
	for i, v := range src {
		binary.LittleEndian.PutUint16(dst[2*i:], v)
	}
}

func encodeInt32(dst []byte, src []int32) {
	for i, v := range src {
		binary.LittleEndian.PutUint32(dst[4*i:], uint32(v))
	}
}

func encodeUint32(dst []byte, src []uint32) {
	for i, v := range src {
		binary.LittleEndian.PutUint32(dst[4*i:], v)
	}
}

func encodeInt64(dst []byte, src []int64) {
	for i, v := range src {
		binary.LittleEndian.PutUint64(dst[8*i:], uint64(v))
	}
}

func encodeUint64(dst []byte, src []uint64) {
	for i, v := range src {
		binary.LittleEndian.PutUint64(dst[8*i:], v)
	}
}

func encodeFloat32(dst []byte, src []float32) {
	for i, v := range src {
		binary.LittleEndian.PutUint32(dst[4*i:], math.Float32bits(v))
	}
}

func encodeFloat64(dst []byte, src []float64) {
	for i, v := range src {
		binary.LittleEndian.PutUint64(dst[8*i:], math.Float64bits(v))
	}
}
