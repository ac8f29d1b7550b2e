package filter

import (
	"errors"
	"fmt"
)

// ErrOverlap is wrapped by the *Error ApplyTo returns when its output
// shares memory with its input: every output pixel reads input pixels
// around it, so writing in place would feed results back as input.
var ErrOverlap = errors.New("the output overlaps the input")

// Error reports a bad option, footprint or array: Kind says which, Msg
// what is wrong with it. Kernel errors are *lang.Error values instead.
type Error struct {
	Kind ErrorKind
	Msg  string
	Err  error // an underlying error, if any
}

// Error returns "kind: message", e.g. "origin: origin 3 on axis 0 is out
// of range for footprint size 3 (valid: -1 to 1)".
func (e *Error) Error() string { return e.Kind.String() + ": " + e.Msg }

func (e *Error) Unwrap() error { return e.Err }

// ErrorKind says what an Error is about, so that a program can react to
// a class of mistakes without matching message text.
type ErrorKind uint8

const (
	FootprintError ErrorKind = iota + 1 // Options.Footprint, or a footprint to parse or convert
	OriginError                         // Options.Origin
	ModeError                           // Options.Mode, or a mode name to parse
	AxesError                           // Options.Axes
	ThreadsError                        // Options.Threads
	ArrayError                          // an input array: nil, inconsistent, or with no axis
	ShapeError                          // a shape to allocate
	DTypeError                          // a dtype to allocate
	OutputError                         // an output array that does not fit the input
	ImageError                          // channels that make no image
)

var errorKindNames = [...]string{
	FootprintError: "footprint",
	OriginError:    "origin",
	ModeError:      "mode",
	AxesError:      "axes",
	ThreadsError:   "threads",
	ArrayError:     "array",
	ShapeError:     "shape",
	DTypeError:     "dtype",
	OutputError:    "output",
	ImageError:     "image",
}

// String returns the name of what the error is about: "footprint",
// "origin", ...
func (k ErrorKind) String() string {
	if int(k) < len(errorKindNames) && errorKindNames[k] != "" {
		return errorKindNames[k]
	}
	return fmt.Sprintf("ErrorKind(%d)", k)
}
