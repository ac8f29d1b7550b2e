package tiff_test

import (
	"bytes"
	"fmt"
	"math"
	"slices"

	"github.com/kfilter/kfilter/filter"
)

var allDTypes = []filter.DType{
	filter.Uint8, filter.Uint16, filter.Uint32, filter.Uint64,
	filter.Int8, filter.Int16, filter.Int32, filter.Int64,
	filter.Float32, filter.Float64,
}

// pattern returns an array whose elements use the whole range of the
// dtype (all bytes vary, negatives and NaN included), deterministically.
func pattern(dt filter.DType, shape ...int) *filter.Array {
	a, err := filter.Zeros(dt, shape...)
	if err != nil {
		panic(err)
	}
	x := uint64(0x9E3779B97F4A7C15)
	next := func(i int) uint64 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		if i%7 < 3 {
			return uint64(i * 3) // smooth runs, for the predictors and PackBits
		}
		return x
	}
	switch s := a.Data.(type) {
	case []uint8:
		for i := range s {
			s[i] = uint8(next(i))
		}
	case []int8:
		for i := range s {
			s[i] = int8(next(i))
		}
	case []uint16:
		for i := range s {
			s[i] = uint16(next(i))
		}
	case []int16:
		for i := range s {
			s[i] = int16(next(i))
		}
	case []uint32:
		for i := range s {
			s[i] = uint32(next(i))
		}
	case []int32:
		for i := range s {
			s[i] = int32(next(i))
		}
	case []uint64:
		for i := range s {
			s[i] = next(i)
		}
	case []int64:
		for i := range s {
			s[i] = int64(next(i))
		}
	case []float32:
		for i := range s {
			s[i] = math.Float32frombits(uint32(next(i)))
			if i%7 < 3 {
				s[i] = float32(i) * 0.25
			}
		}
	case []float64:
		for i := range s {
			s[i] = math.Float64frombits(next(i))
			if i%7 < 3 {
				s[i] = float64(i) * 0.125
			}
		}
	}
	return a
}

// sameArray reports how a differs from b, bit for bit, or "".
func sameArray(a, b *filter.Array) string {
	if !slices.Equal(a.Shape, b.Shape) || a.DType != b.DType {
		return fmt.Sprintf("got %v %v, want %v %v", a.DType, a.Shape, b.DType, b.Shape)
	}
	ab, bb := bits(a.Data), bits(b.Data)
	if !bytes.Equal(ab, bb) {
		for i := range ab {
			if ab[i] != bb[i] {
				return fmt.Sprintf("data differs from byte %d of %d", i, len(ab))
			}
		}
	}
	return ""
}

// bits returns the little-endian bytes of a slice.
func bits(data any) []byte {
	var b []byte
	switch s := data.(type) {
	case []uint8:
		b = append(b, s...)
	case []int8:
		for _, v := range s {
			b = append(b, byte(v))
		}
	case []uint16:
		for _, v := range s {
			b = append(b, byte(v), byte(v>>8))
		}
	case []int16:
		for _, v := range s {
			b = append(b, byte(v), byte(v>>8))
		}
	case []uint32:
		for _, v := range s {
			b = le(b, uint64(v), 4)
		}
	case []int32:
		for _, v := range s {
			b = le(b, uint64(v), 4)
		}
	case []uint64:
		for _, v := range s {
			b = le(b, v, 8)
		}
	case []int64:
		for _, v := range s {
			b = le(b, uint64(v), 8)
		}
	case []float32:
		for _, v := range s {
			b = le(b, uint64(math.Float32bits(v)), 4)
		}
	case []float64:
		for _, v := range s {
			b = le(b, math.Float64bits(v), 8)
		}
	case []bool:
		for _, v := range s {
			if v {
				b = append(b, 1)
			} else {
				b = append(b, 0)
			}
		}
	}
	return b
}

func le(b []byte, v uint64, n int) []byte {
	for i := range n {
		b = append(b, byte(v>>(8*i)))
	}
	return b
}
