package filter

import "errors"

// ErrOverlap is wrapped by the *Error ApplyTo returns when its output
// shares memory with its input: every output pixel reads input pixels
// around it, so writing in place would feed results back as input.
var ErrOverlap = errors.New("the output overlaps the input")

// Error reports a bad option, footprint or array: What names the thing
// ("footprint", "origin", "mode", "axes", "array", ...), Msg says what is
// wrong with it. Kernel errors are *lang.Error values instead.
type Error struct {
	What string
	Msg  string
	Err  error // an underlying error, if any
}

func (e *Error) Error() string { return e.What + ": " + e.Msg }

func (e *Error) Unwrap() error { return e.Err }
