package imageio

import (
	"errors"
	"image/jpeg"
	"image/png"
	"io/fs"

	"github.com/kfilter/kfilter/filter/npy"
	"github.com/kfilter/kfilter/filter/tiff"
)

// Kinds of error, wrapped by an *[Error]; test with errors.Is.
var (
	// ErrFormat: a file name of an unknown extension, data of no known
	// format, or a format that cannot do what was asked (write JPEG).
	ErrFormat = errors.New("imageio: unknown or unusable format")
	// ErrLimit: the data declares more than the Limits allow. The
	// codecs' own limit errors (npy.ErrLimit, tiff.ErrLimit) are
	// ErrLimit too.
	ErrLimit = errors.New("imageio: size limit exceeded")
	// ErrUnsupported: a valid file of a kind not read here (a float PNG
	// does not exist, but a JPEG-compressed TIFF does), or an array a
	// format cannot hold (a float64 PNG, a 3-D PNG).
	ErrUnsupported = errors.New("imageio: not supported")
	// ErrInvalid: a malformed file.
	ErrInvalid = errors.New("imageio: invalid file")
)

// An Error reports a file that cannot be read or written.
type Error struct {
	Path   string // the file, or "" for a stream
	Format Format // the format, or "" when it is not known
	What   string // what is wrong, such as `not a valid png file`
	Err    error  // the kind (ErrFormat, ...) or the underlying error (a codec's, an I/O error); may be nil
}

// Error returns "path: what: err", leaving out the parts that are empty
// (and the path when Err already names it, as an *fs.PathError does).
func (e *Error) Error() string {
	s := ""
	var pe *fs.PathError
	if e.Path != "" && !(errors.As(e.Err, &pe) && pe.Path == e.Path && e.What == "") {
		s = e.Path + ": "
	}
	s += e.What
	if e.Err != nil && !isKind(e.Err) {
		if e.What != "" {
			s += ": "
		}
		s += e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Is makes the codecs' errors match the kinds: their limit errors
// ErrLimit, their unsupported-feature errors ErrUnsupported, and their
// format errors ErrInvalid.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrLimit:
		return errors.Is(e.Err, npy.ErrLimit) || errors.Is(e.Err, tiff.ErrLimit) || errors.Is(e.Err, ErrLimit)
	case ErrUnsupported:
		var ue *tiff.UnsupportedError
		return errors.As(e.Err, &ue)
	case ErrInvalid:
		if isKind(e.Err) || e.Is(ErrLimit) || e.Is(ErrUnsupported) {
			return false
		}
		var ne *npy.Error
		var fe *tiff.FormatError
		var pe png.FormatError
		var je jpeg.FormatError
		// the netpbm decoder's errors are all about the file
		return errors.As(e.Err, &ne) || errors.As(e.Err, &fe) || errors.As(e.Err, &pe) || errors.As(e.Err, &je) ||
			e.Format == PNM && e.What == "" && e.Err != nil
	}
	return false
}

// invalid marks a decoder's error (an unexpected EOF, say) as ErrInvalid.
type invalid struct{ err error }

func (e invalid) Error() string        { return e.err.Error() }
func (e invalid) Unwrap() error        { return e.err }
func (e invalid) Is(target error) bool { return target == ErrInvalid }

// A limitError is a message that is ErrLimit.
type limitError string

func (e limitError) Error() string        { return string(e) }
func (e limitError) Is(target error) bool { return target == ErrLimit }

func isKind(err error) bool {
	return err == ErrFormat || err == ErrLimit || err == ErrUnsupported || err == ErrInvalid
}
