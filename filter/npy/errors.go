package npy

import "errors"

// ErrLimit is wrapped by the *[Error] returned by [ReadLimits] when the
// data size declared by a file's header exceeds [Limits.MaxBytes].
var ErrLimit = errors.New("npy: data size limit exceeded")

// An Error describes a malformed or unsupported .npy file, or an array
// that cannot be written.
//
// Field names the part of the file or array at fault. Read uses "magic",
// "version", "header length", "header", "header: descr",
// "header: fortran_order", "header: shape" and "data"; Write uses
// "array", "array: dtype", "array: shape" and "array: data";
// [ParseDType] uses "dtype".
type Error struct {
	// Offset is the byte offset in the input at which the problem was
	// detected, or -1 if the error does not refer to a position in the
	// input (as for errors returned by Write and ParseDType).
	Offset int64
	Field  string // part of the file at fault, such as "header: shape"
	Msg    string // description of the problem
	Err    error  // underlying error, such as ErrLimit or an I/O error; may be nil
}

// Error returns a message of the form "npy: field: msg", for example
// "npy: header: shape: negative dimension -3". If Msg is empty, the text
// of Err is used in its place.
func (e *Error) Error() string {
	s := "npy: "
	if e.Field != "" {
		s += e.Field + ": "
	}
	switch {
	case e.Msg != "":
		s += e.Msg
	case e.Err != nil:
		s += e.Err.Error()
	default:
		s += "unknown error"
	}
	return s
}

// Unwrap returns the underlying error, which may be nil.
func (e *Error) Unwrap() error { return e.Err }
