package npy_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/kfilter/kfilter/filter/npy"
)

// npyFile returns a .npy file of the given format version whose header is
// dict padded as numpy pads it, followed by data.
func npyFile(major byte, dict string, data []byte) []byte {
	prefix := 10
	if major >= 2 {
		prefix = 12
	}
	hlen := len(dict) + 1
	pad := (64 - (prefix+hlen)%64) % 64
	hdr := dict + strings.Repeat(" ", pad) + "\n"
	return rawFile(major, 0, hdr, data)
}

// rawFile returns a .npy file with the given version and exactly the
// given header text, followed by data.
func rawFile(major, minor byte, hdr string, data []byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x93NUMPY")
	b.WriteByte(major)
	b.WriteByte(minor)
	if major == 1 {
		binary.Write(&b, binary.LittleEndian, uint16(len(hdr)))
	} else {
		binary.Write(&b, binary.LittleEndian, uint32(len(hdr)))
	}
	b.WriteString(hdr)
	b.Write(data)
	return b.Bytes()
}

// dict returns a header dictionary in numpy's style.
func dict(descr string, fortran bool, shape string) string {
	f := "False"
	if fortran {
		f = "True"
	}
	return fmt.Sprintf("{'descr': '%s', 'fortran_order': %s, 'shape': %s, }", descr, f, shape)
}

// dataEqual reports whether x and y are slices of the same type with the
// same elements, comparing floating-point values bit for bit.
func dataEqual(x, y any) bool {
	switch x := x.(type) {
	case []float32:
		y, ok := y.([]float32)
		if !ok || len(x) != len(y) || (x == nil) != (y == nil) {
			return false
		}
		for i := range x {
			if math.Float32bits(x[i]) != math.Float32bits(y[i]) {
				return false
			}
		}
		return true
	case []float64:
		y, ok := y.([]float64)
		if !ok || len(x) != len(y) || (x == nil) != (y == nil) {
			return false
		}
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(x, y)
}

// shapeEqual reports whether two shapes are equal, treating nil and empty
// shapes alike.
func shapeEqual(x, y []int) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// makeData returns n elements of type d whose bits come from f(i):
// integers are truncated, floats are reinterpreted (so NaNs and
// infinities occur) and bools are the low bit.
func makeData(d npy.DType, n int, f func(i int) uint64) any {
	switch d {
	case npy.Bool:
		s := make([]bool, n)
		for i := range s {
			s[i] = f(i)&1 != 0
		}
		return s
	case npy.Int8:
		return conv[int8](n, f)
	case npy.Int16:
		return conv[int16](n, f)
	case npy.Int32:
		return conv[int32](n, f)
	case npy.Int64:
		return conv[int64](n, f)
	case npy.Uint8:
		return conv[uint8](n, f)
	case npy.Uint16:
		return conv[uint16](n, f)
	case npy.Uint32:
		return conv[uint32](n, f)
	case npy.Uint64:
		return conv[uint64](n, f)
	case npy.Float32:
		s := make([]float32, n)
		for i := range s {
			s[i] = math.Float32frombits(uint32(f(i)))
		}
		return s
	case npy.Float64:
		s := make([]float64, n)
		for i := range s {
			s[i] = math.Float64frombits(f(i))
		}
		return s
	}
	panic("bad dtype")
}

func conv[T ~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64](n int, f func(i int) uint64) []T {
	s := make([]T, n)
	for i := range s {
		s[i] = T(f(i))
	}
	return s
}

// mix returns pseudo-random bits for index i.
func mix(i int) uint64 {
	x := uint64(i)*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019
	x ^= x >> 31
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 29
	return x
}

var allDTypes = []npy.DType{
	npy.Bool, npy.Int8, npy.Int16, npy.Int32, npy.Int64,
	npy.Uint8, npy.Uint16, npy.Uint32, npy.Uint64, npy.Float32, npy.Float64,
}
