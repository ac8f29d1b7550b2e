package filter

import "fmt"

// Element is the set of Go element types an Array can hold: one per
// DType, from bool (Bool) to float64 (Float64). Named types such as
// type Celsius float64 are not in it, since an Array's Data must be
// exactly one of these slice types.
type Element interface {
	bool | int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64 | float32 | float64
}

// DTypeFor returns the DType of the element type T: DTypeFor[float32]()
// is Float32.
func DTypeFor[T Element]() DType {
	return dtypeOf([]T(nil))
}

// FromSlice returns an array over data with the given shape, without
// copying: the typed form of ArrayOf, so the element type is checked when
// the program compiles. len(data) must be the product of shape.
func FromSlice[T Element](data []T, shape ...int) (*Array, error) {
	return ArrayOf(data, shape...)
}

// Data returns the slice that holds a's elements, as a []T, without
// copying: writes to it change a. Its layout is a's: C order, or for a
// view the one its Strides give. An array of another dtype is an *Error of kind DTypeError
// naming both dtypes; a nil or inconsistent array one of kind ArrayError.
//
// Data[float32](out) replaces the type assertion out.Data.([]float32).
func Data[T Element](a *Array) ([]T, error) {
	if err := a.checkView(); err != nil {
		return nil, err
	}
	d, ok := a.Data.([]T)
	if !ok {
		return nil, wrongDType(a.DType, DTypeFor[T]())
	}
	return d, nil
}

func wrongDType(have, want DType) error {
	return &Error{Kind: DTypeError, Msg: fmt.Sprintf("the array holds %v elements, not %v; convert it first with filter.Convert(a, filter.%s)", have, want, dtypeConst(want))}
}

// dtypeConst is the name of want's constant in this package, for messages
// that say what to write.
func dtypeConst(d DType) string {
	switch d {
	case Bool:
		return "Bool"
	case Int8:
		return "Int8"
	case Int16:
		return "Int16"
	case Int32:
		return "Int32"
	case Int64:
		return "Int64"
	case Uint8:
		return "Uint8"
	case Uint16:
		return "Uint16"
	case Uint32:
		return "Uint32"
	case Uint64:
		return "Uint64"
	case Float32:
		return "Float32"
	case Float64:
		return "Float64"
	}
	return d.String()
}
