package filter

import (
	"fmt"
	"unsafe"

	"github.com/kfilter/kfilter/filter/npy"
)

// DType is an element type, with numpy's names.
type DType = npy.DType

// The element types.
const (
	Bool    = npy.Bool
	Int8    = npy.Int8
	Int16   = npy.Int16
	Int32   = npy.Int32
	Int64   = npy.Int64
	Uint8   = npy.Uint8
	Uint16  = npy.Uint16
	Uint32  = npy.Uint32
	Uint64  = npy.Uint64
	Float32 = npy.Float32
	Float64 = npy.Float64
)

// ParseDType parses numpy's name of a dtype ("uint8", "float64", "f8").
func ParseDType(name string) (DType, error) { return npy.ParseDType(name) }

// Array is an N-D array. Data is a slice of the element type: []bool,
// []int8, ..., []float64. With Strides nil the elements are in C order and
// len(Data) is the product of Shape; with Strides set the array is a view
// (see ViewOf). Arrays wrap Go slices without copying.
type Array struct {
	Shape   []int
	DType   DType
	Data    any
	Strides []int // elements between neighbours on each axis; nil for C order
}

// ArrayOf returns an array over data with the given shape, without
// copying. data must be a slice of a supported element type whose length
// is the product of shape.
func ArrayOf(data any, shape ...int) (*Array, error) {
	a := &Array{Shape: append([]int(nil), shape...), Data: data, DType: dtypeOf(data)}
	if err := a.check(); err != nil {
		return nil, err
	}
	return a, nil
}

// Zeros allocates an array of zeros.
func Zeros(dtype DType, shape ...int) (*Array, error) {
	n, err := size(shape)
	if err != nil {
		return nil, err
	}
	data, err := makeSlice(dtype, n)
	if err != nil {
		return nil, err
	}
	return &Array{Shape: append([]int(nil), shape...), DType: dtype, Data: data}, nil
}

// Len is the number of elements.
func (a *Array) Len() int {
	n := 1
	for _, d := range a.Shape {
		n *= d
	}
	return n
}

func size(shape []int) (int, error) {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return 0, &Error{Kind: ShapeError, Msg: fmt.Sprintf("negative dimension in %v", shape)}
		}
		if d > 0 && n > (1<<62)/d {
			return 0, &Error{Kind: ShapeError, Msg: fmt.Sprintf("shape %v has too many elements", shape)}
		}
		n *= d
	}
	return n, nil
}

// check checks that a is a consistent array in C order; a view is
// refused, for the functions that need C order.
func (a *Array) check() error {
	if a == nil {
		return &Error{Kind: ArrayError, Msg: "nil array"}
	}
	if a.Strides != nil && a.IsView() {
		if err := a.checkView(); err != nil {
			return err
		}
		return &Error{Kind: ArrayError, Msg: fmt.Sprintf("a view (strides %v) where C order is needed; filter.Compact copies it", a.Strides)}
	}
	n, err := size(a.Shape)
	if err != nil {
		return err
	}
	if dtypeOf(a.Data) == 0 {
		return &Error{Kind: ArrayError, Msg: fmt.Sprintf("data of type %T is not a supported slice type", a.Data)}
	}
	if a.DType != dtypeOf(a.Data) {
		return &Error{Kind: ArrayError, Msg: fmt.Sprintf("dtype %v does not match data of type %T", a.DType, a.Data)}
	}
	if a.Strides != nil {
		return a.checkView() // strides that are C order's
	}
	if l := sliceLen(a.Data); l != n {
		return &Error{Kind: ArrayError, Msg: fmt.Sprintf("shape %v needs %d elements, data has %d", a.Shape, n, l)}
	}
	return nil
}

func dtypeOf(data any) DType {
	switch data.(type) {
	case []bool:
		return Bool
	case []int8:
		return Int8
	case []int16:
		return Int16
	case []int32:
		return Int32
	case []int64:
		return Int64
	case []uint8:
		return Uint8
	case []uint16:
		return Uint16
	case []uint32:
		return Uint32
	case []uint64:
		return Uint64
	case []float32:
		return Float32
	case []float64:
		return Float64
	}
	return 0
}

func sliceLen(data any) int {
	switch d := data.(type) {
	case []bool:
		return len(d)
	case []int8:
		return len(d)
	case []int16:
		return len(d)
	case []int32:
		return len(d)
	case []int64:
		return len(d)
	case []uint8:
		return len(d)
	case []uint16:
		return len(d)
	case []uint32:
		return len(d)
	case []uint64:
		return len(d)
	case []float32:
		return len(d)
	case []float64:
		return len(d)
	}
	return -1
}

func makeSlice(dtype DType, n int) (any, error) {
	switch dtype {
	case Bool:
		return make([]bool, n), nil
	case Int8:
		return make([]int8, n), nil
	case Int16:
		return make([]int16, n), nil
	case Int32:
		return make([]int32, n), nil
	case Int64:
		return make([]int64, n), nil
	case Uint8:
		return make([]uint8, n), nil
	case Uint16:
		return make([]uint16, n), nil
	case Uint32:
		return make([]uint32, n), nil
	case Uint64:
		return make([]uint64, n), nil
	case Float32:
		return make([]float32, n), nil
	case Float64:
		return make([]float64, n), nil
	}
	return nil, &Error{Kind: DTypeError, Msg: fmt.Sprintf("unsupported dtype %v", dtype)}
}

// bytesOf returns the address range [lo, hi) of a's elements; empty for
// an empty array.
func (a *Array) bytesOf() (lo, hi uintptr) {
	switch d := a.Data.(type) {
	case []bool:
		return span(d)
	case []int8:
		return span(d)
	case []int16:
		return span(d)
	case []int32:
		return span(d)
	case []int64:
		return span(d)
	case []uint8:
		return span(d)
	case []uint16:
		return span(d)
	case []uint32:
		return span(d)
	case []uint64:
		return span(d)
	case []float32:
		return span(d)
	case []float64:
		return span(d)
	}
	return 0, 0
}

// viewBytes is bytesOf over the span a's elements reach.
func (a *Array) viewBytes() (lo, hi uintptr) {
	lo, hi = a.bytesOf()
	if a.Strides == nil || lo == hi || a.Len() == 0 {
		return lo, hi
	}
	elem := (hi - lo) / uintptr(sliceLen(a.Data))
	end := a.lineStart(lineCount(a.Shape)-1) + lastAxis(a.Shape)
	return lo, lo + uintptr(end)*elem
}

func span[T any](s []T) (lo, hi uintptr) {
	if len(s) == 0 {
		return 0, 0
	}
	var zero T
	lo = uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	return lo, lo + uintptr(len(s))*unsafe.Sizeof(zero)
}

// overlaps reports whether a and b share any byte of memory: the same
// slice, or overlapping parts of one backing array, whatever their dtypes.
// For views it compares the spans from their first to their last element,
// so two views that interleave (side by side in one image) count as
// overlapping: refused, never wrong.
func overlaps(a, b *Array) bool {
	alo, ahi := a.viewBytes()
	blo, bhi := b.viewBytes()
	return alo < ahi && blo < bhi && alo < bhi && blo < ahi
}
