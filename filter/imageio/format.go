package imageio

import (
	"path/filepath"
	"strings"

	"github.com/kfilter/kfilter/filter"
)

// A Format is a file format.
type Format string

// The formats.
const (
	NPY  Format = "npy"
	PNG  Format = "png"
	TIFF Format = "tiff"
	PNM  Format = "pnm" // netpbm: PGM (grey) and PPM (colour)
	JPEG Format = "jpeg"
)

// Name is the format's name in messages: ".npy", "PNG", "TIFF",
// "PGM/PPM", "JPEG".
func (f Format) Name() string {
	switch f {
	case NPY:
		return ".npy"
	case PNM:
		return "PGM/PPM"
	}
	return strings.ToUpper(string(f))
}

// extensions maps file extensions (and names given to WithFormat) to
// formats.
var extensions = map[string]Format{
	".npy": NPY, ".png": PNG, ".tif": TIFF, ".tiff": TIFF,
	".pgm": PNM, ".ppm": PNM, ".pnm": PNM, ".jpg": JPEG, ".jpeg": JPEG,
}

// ParseFormat returns the format named by a file extension without its
// dot, case-insensitively: "npy", "png", "tif", "tiff", "pgm", "ppm",
// "pnm", "jpg", "jpeg". It reports false for any other name.
func ParseFormat(name string) (Format, bool) {
	f, ok := extensions["."+strings.ToLower(name)]
	return f, ok
}

// FormatOf returns the format of a file name by its extension, or an
// *[Error] wrapping [ErrFormat].
func FormatOf(name string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if f, ok := extensions[ext]; ok {
		return f, nil
	}
	return "", &Error{Path: name, What: "unknown file type " + quote(ext), Err: ErrFormat}
}

// magics are the first bytes of each format.
var magics = []struct {
	magic  string
	format Format
}{
	{"\x93NUMPY", NPY},
	{"\x89PNG\r\n\x1a\n", PNG},
	{"II*\x00", TIFF},
	{"MM\x00*", TIFF},
	{"II+\x00", TIFF}, // BigTIFF
	{"MM\x00+", TIFF},
	{"\xff\xd8\xff", JPEG},
	{"P2", PNM}, {"P3", PNM}, {"P5", PNM}, {"P6", PNM},
	// netpbm formats not read, for the decoder's message
	{"P1", PNM}, {"P4", PNM}, {"P7", PNM},
}

// Sniff returns the format of data from its first bytes (8 are enough),
// and false if they are not those of a format read here.
func Sniff(head []byte) (Format, bool) {
	for _, m := range magics {
		if strings.HasPrefix(string(head), m.magic) {
			return m.format, true
		}
	}
	return "", false
}

// CanWrite reports whether the format can hold samples of dtype dt:
// .npy and TIFF hold every dtype but bool (.npy that too), PNG and
// PGM/PPM uint8 and uint16, and JPEG is read only.
func (f Format) CanWrite(dt filter.DType) bool {
	switch f {
	case NPY:
		return true
	case TIFF:
		return dt != filter.Bool
	case PNG, PNM:
		return dt == filter.Uint8 || dt == filter.Uint16
	}
	return false
}

func quote(s string) string { return `"` + s + `"` }
