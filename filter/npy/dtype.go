package npy

import (
	"encoding/binary"
	"strconv"
)

// A DType is the element type of an array. The zero DType is not a valid
// element type.
type DType uint8

// The supported element types. Bool is stored as one byte holding 0 or 1.
const (
	Bool DType = iota + 1
	Int8
	Int16
	Int32
	Int64
	Uint8
	Uint16
	Uint32
	Uint64
	Float32
	Float64
)

// dtypeInfo describes a DType: its numpy name, its array-protocol kind
// character and its size in bytes.
var dtypeInfo = [...]struct {
	name string
	kind byte
	size int
}{
	Bool:    {"bool", 'b', 1},
	Int8:    {"int8", 'i', 1},
	Int16:   {"int16", 'i', 2},
	Int32:   {"int32", 'i', 4},
	Int64:   {"int64", 'i', 8},
	Uint8:   {"uint8", 'u', 1},
	Uint16:  {"uint16", 'u', 2},
	Uint32:  {"uint32", 'u', 4},
	Uint64:  {"uint64", 'u', 8},
	Float32: {"float32", 'f', 4},
	Float64: {"float64", 'f', 8},
}

func (d DType) valid() bool { return d >= Bool && d <= Float64 }

// String returns numpy's name for d, such as "bool", "int16" or
// "float64". An invalid DType is formatted as "DType(n)".
func (d DType) String() string {
	if !d.valid() {
		return "DType(" + strconv.Itoa(int(d)) + ")"
	}
	return dtypeInfo[d].name
}

// Size returns the size in bytes of one element of type d, or 0 if d is
// not a valid DType.
func (d DType) Size() int {
	if !d.valid() {
		return 0
	}
	return dtypeInfo[d].size
}

// descr returns the array-protocol type string with which Write describes
// d: little-endian, or "|" (not applicable) for one-byte types.
func (d DType) descr() string {
	info := dtypeInfo[d]
	order := "<"
	if info.size == 1 {
		order = "|"
	}
	return order + string(info.kind) + strconv.Itoa(info.size)
}

// unsupportedNames maps numpy dtype names that this package recognizes but
// does not support to a description of their kind.
var unsupportedNames = map[string]string{
	"float16":     "float16",
	"half":        "float16",
	"float96":     "long double",
	"float128":    "long double",
	"longdouble":  "long double",
	"complex64":   "complex",
	"complex128":  "complex",
	"complex256":  "complex",
	"complex":     "complex",
	"object":      "object",
	"str":         "unicode string",
	"unicode":     "unicode string",
	"bytes":       "byte string",
	"void":        "void",
	"datetime64":  "datetime",
	"timedelta64": "timedelta",
}

// ParseDType returns the DType named by name, which is either numpy's name
// for it ("bool", "int8", ..., "float64") or an array-protocol type string
// such as "f8", "<f8", ">i4", "u1", "b1" or "?". The byte order of a type
// string is accepted but not recorded, as a DType describes values, not
// their representation.
//
// Names of dtypes that numpy has but this package does not support, such
// as "complex128" or "<U8", give an *Error saying that the dtype is not
// supported.
func ParseDType(name string) (DType, error) {
	for d := Bool; d <= Float64; d++ {
		if name == dtypeInfo[d].name {
			return d, nil
		}
	}
	if kind, ok := unsupportedNames[name]; ok {
		return 0, &Error{Offset: -1, Field: "dtype", Msg: unsupportedMsg(name, kind)}
	}
	d, _, msg := parseTypestr(name)
	if msg != "" {
		return 0, &Error{Offset: -1, Field: "dtype", Msg: msg}
	}
	return d, nil
}

// parseTypestr parses an array-protocol type string such as "<f8",
// "|b1" or "?". It reports whether the data it describes is big-endian.
// On failure it returns a message naming the type string and, if it is a
// valid numpy type that is not supported, saying so.
func parseTypestr(s string) (d DType, big bool, msg string) {
	if s == "" {
		return 0, false, "empty dtype"
	}
	rest := s
	big = nativeBig
	switch rest[0] {
	case '<':
		big = false
		rest = rest[1:]
	case '>':
		big = true
		rest = rest[1:]
	case '|', '=':
		rest = rest[1:]
	}
	if rest == "?" {
		return Bool, big, ""
	}
	if rest == "" {
		return 0, false, "invalid dtype " + strconv.Quote(s)
	}
	kind, digits := rest[0], rest[1:]
	size, err := strconv.Atoi(digits)
	validSize := err == nil && digits != "" && digits[0] != '+' && digits[0] != '-' && size > 0
	switch kind {
	case 'b', 'i', 'u', 'f':
		if !validSize {
			break
		}
		for d := Bool; d <= Float64; d++ {
			if dtypeInfo[d].kind == kind && dtypeInfo[d].size == size {
				return d, big, ""
			}
		}
		switch {
		case kind == 'f' && size == 2:
			return 0, false, unsupportedMsg(s, "float16")
		case kind == 'f' && (size == 10 || size == 12 || size == 16):
			return 0, false, unsupportedMsg(s, "long double")
		}
	case 'c':
		if validSize {
			return 0, false, unsupportedMsg(s, "complex")
		}
	case 'O':
		return 0, false, unsupportedMsg(s, "object")
	case 'S', 'a':
		return 0, false, unsupportedMsg(s, "byte string")
	case 'U':
		return 0, false, unsupportedMsg(s, "unicode string")
	case 'V':
		return 0, false, unsupportedMsg(s, "void")
	case 'M':
		return 0, false, unsupportedMsg(s, "datetime")
	case 'm':
		return 0, false, unsupportedMsg(s, "timedelta")
	}
	return 0, false, "invalid dtype " + strconv.Quote(s)
}

func unsupportedMsg(s, kind string) string {
	return "dtype " + strconv.Quote(s) + " (" + kind + ") is not supported"
}

// nativeBig reports whether the machine is big-endian; it is the byte
// order of the "=" and "|" prefixes.
var nativeBig = func() bool {
	var b [2]byte
	binary.NativeEndian.PutUint16(b[:], 1)
	return b[0] == 0
}()

// quoteTrunc quotes s for an error message, truncating long strings.
func quoteTrunc(s string) string {
	const max = 40
	if len(s) > max {
		return strconv.Quote(s[:max]) + "..."
	}
	return strconv.Quote(s)
}
