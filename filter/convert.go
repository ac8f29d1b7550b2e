package filter

import "math"

// number is every element type but bool.
type number interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64
}

func widen[T number](dst []float64, src []T) {
	src = src[:len(dst)]
	for i, x := range src {
		dst[i] = float64(x)
	}
}

// toFloat64 converts len(dst) elements of data from off on, as scipy
// hands every input to its kernel as double. The type switch runs once per
// line, not per pixel.
func toFloat64(dst []float64, data any, off int) {
	n := len(dst)
	switch d := data.(type) {
	case []float64:
		copy(dst, d[off:off+n])
	case []float32:
		widen(dst, d[off:off+n])
	case []uint8:
		widen(dst, d[off:off+n])
	case []uint16:
		widen(dst, d[off:off+n])
	case []int16:
		widen(dst, d[off:off+n])
	case []int32:
		widen(dst, d[off:off+n])
	case []uint32:
		widen(dst, d[off:off+n])
	case []int64:
		widen(dst, d[off:off+n])
	case []uint64:
		widen(dst, d[off:off+n])
	case []int8:
		widen(dst, d[off:off+n])
	case []bool:
		for i, b := range d[off : off+n] {
			dst[i] = 0
			if b {
				dst[i] = 1
			}
		}
	}
}

// narrow stores results in an integer type: C's cast truncates toward
// zero; values outside the type's range (undefined in C, and so in scipy)
// saturate, and NaN stores 0.
func narrow[T number](dst []T, src []float64, lo, hi float64) {
	src = src[:len(dst)]
	for i, x := range src {
		x = math.Trunc(x)
		switch {
		case x != x:
			x = 0
		case x < lo:
			x = lo
		case x > hi:
			x = hi
		}
		dst[i] = T(x)
	}
}

// narrow64 is narrow for the 64-bit integers, whose largest values are not
// float64s: x >= 2**63 (or 2**64) saturates without converting.
func narrow64[T int64 | uint64](dst []T, src []float64, lo, limit float64, top T) {
	src = src[:len(dst)]
	for i, x := range src {
		x = math.Trunc(x)
		switch {
		case x != x:
			dst[i] = 0
		case x < lo:
			dst[i] = T(lo)
		case x >= limit:
			dst[i] = top
		default:
			dst[i] = T(x)
		}
	}
}

// fromFloat64 stores src into data from off on, in data's element type.
func fromFloat64(data any, off int, src []float64) {
	n := len(src)
	switch d := data.(type) {
	case []float64:
		copy(d[off:off+n], src)
	case []float32:
		dst := d[off : off+n]
		for i, x := range src {
			dst[i] = float32(x)
		}
	case []uint8:
		narrow(d[off:off+n], src, 0, math.MaxUint8)
	case []uint16:
		narrow(d[off:off+n], src, 0, math.MaxUint16)
	case []uint32:
		narrow(d[off:off+n], src, 0, math.MaxUint32)
	case []int8:
		narrow(d[off:off+n], src, math.MinInt8, math.MaxInt8)
	case []int16:
		narrow(d[off:off+n], src, math.MinInt16, math.MaxInt16)
	case []int32:
		narrow(d[off:off+n], src, math.MinInt32, math.MaxInt32)
	case []int64:
		narrow64(d[off:off+n], src, math.MinInt64, 1<<63, math.MaxInt64)
	case []uint64:
		narrow64(d[off:off+n], src, 0, 1<<64, math.MaxUint64)
	case []bool:
		dst := d[off : off+n]
		for i, x := range src {
			dst[i] = math.Trunc(x) != 0
		}
	}
}

// Convert returns a copy of a in dtype, cast as filter outputs are: C's
// truncation toward zero, saturating at the type's range, NaN as 0.
func Convert(a *Array, dtype DType) (*Array, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	out, err := Zeros(dtype, a.Shape...)
	if err != nil {
		return nil, err
	}
	buf := make([]float64, min(a.Len(), 1<<16))
	for off := 0; off < a.Len(); off += len(buf) {
		b := buf[:min(len(buf), a.Len()-off)]
		toFloat64(b, a.Data, off)
		fromFloat64(out.Data, off, b)
	}
	return out, nil
}
