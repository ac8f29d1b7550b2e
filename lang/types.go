package lang

import "fmt"

// Kind is the basic kind of a Type.
type Kind uint8

const (
	Invalid Kind = iota
	NumberKind
	BoolKind
	ArrayKind
)

// Type is the type of an expression: a number, a bool, or an array of
// numbers or bools. Every array has a length known when compiling; an array
// made by filter has a length that varies per pixel, up to Len, and such
// arrays carry a Var tag: two arrays with the same non-zero Var have the
// same length at every pixel.
type Type struct {
	Kind Kind
	Elem Kind // NumberKind or BoolKind, for arrays
	Len  int  // the length, or the largest length when Var != 0
	Var  int  // 0 for a fixed length; otherwise an id of the run-time length
}

// The scalar types.
var (
	Number = Type{Kind: NumberKind}
	Bool   = Type{Kind: BoolKind}
)

// ArrayOf returns the type of a numeric array of n elements, the type of an
// array parameter.
func ArrayOf(n int) Type { return Type{Kind: ArrayKind, Elem: NumberKind, Len: n} }

// IsArray reports whether t is an array type.
func (t Type) IsArray() bool { return t.Kind == ArrayKind }

// IsScalar reports whether t is a number or a bool.
func (t Type) IsScalar() bool { return t.Kind == NumberKind || t.Kind == BoolKind }

// Scalar returns the element type of an array, or t itself for a scalar.
func (t Type) Scalar() Type {
	if t.Kind == ArrayKind {
		return Type{Kind: t.Elem}
	}
	return t
}

// String describes the type in words, for messages: "a number", "a bool",
// "an array of 9 values", "an array of up to 9 bools".
func (t Type) String() string {
	switch t.Kind {
	case NumberKind:
		return "a number"
	case BoolKind:
		return "a bool"
	case ArrayKind:
		elem := "values"
		if t.Elem == BoolKind {
			elem = "bools"
		}
		if t.Var != 0 {
			return fmt.Sprintf("an array of up to %d %s", t.Len, elem)
		}
		if t.Len == 1 {
			elem = elem[:len(elem)-1]
		}
		return fmt.Sprintf("an array of %d %s", t.Len, elem)
	}
	return "an invalid value"
}
