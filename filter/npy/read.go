package npy

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
	"unsafe"
)

// magic is the string with which every .npy file begins.
const magic = "\x93NUMPY"

const (
	// chunkSize is the most data read at once. Without a limit, the
	// buffer holding an array's data grows as the data arrives, so that
	// a short input declaring a huge array fails without allocating the
	// declared size.
	chunkSize = 1 << 20

	// maxHeaderLen is the longest header accepted. Headers written by
	// numpy for the supported dtypes are a few hundred bytes long.
	maxHeaderLen = 1 << 20

	// maxPrealloc is the largest data size for which ReadLimits
	// allocates all of an array at once when a limit is set.
	maxPrealloc = 1 << 30
)

// An Array is an n-dimensional array.
type Array struct {
	// Shape holds the length of each dimension. A zero-length Shape
	// denotes a scalar, which has one element.
	Shape []int

	// DType is the type of the elements.
	DType DType

	// Data holds the elements in C (row-major) order as a slice of the
	// Go type corresponding to DType: []bool, []int8, []int16, []int32,
	// []int64, []uint8, []uint16, []uint32, []uint64, []float32 or
	// []float64. Its length is the product of the dimensions.
	Data any
}

// Limits restricts the resources ReadLimits may use.
type Limits struct {
	// MaxBytes is the largest data size, in bytes, that is accepted. A
	// file whose header declares more data is rejected, before any data
	// is read, with an error wrapping ErrLimit. Zero or a negative value
	// means no limit other than the data actually present in the input.
	MaxBytes int64

	// InputSize, if positive, is the number of bytes the input holds
	// (a file's size). A header declaring more data than the input holds
	// is then rejected before any data is read, and the data is read
	// into one allocation of its final size, whatever that size.
	InputSize int64
}

// Read reads a .npy file from r. It is ReadLimits with no limits.
func Read(r io.Reader) (*Array, error) {
	return ReadLimits(r, Limits{})
}

// ReadLimits reads a .npy file from r, which must contain exactly one
// array: bytes after the array's data are an error. Files of format
// versions 1.0, 2.0 and 3.0 are accepted. Big-endian data is converted to
// native values and Fortran-ordered data is rearranged into C order.
//
// The header must be a dictionary literal with exactly the keys 'descr',
// 'fortran_order' and 'shape', as numpy writes it, and at most 1 MiB
// long. Its data is read incrementally, in chunks of at most 1 MiB, so
// memory is allocated only as data arrives, unless lim.InputSize is set,
// in which case the data is checked against it and allocated at once, or
// lim.MaxBytes is set, in which case an array of up to lim.MaxBytes (and
// at most 1 GiB) may be allocated at once. The data is read straight into
// the returned slice, with no copy.
//
// Problems with the input, including data shorter than its header
// declares, are reported as an *Error; errors returned by r other than
// io.EOF are wrapped in an *Error.
func ReadLimits(r io.Reader, lim Limits) (*Array, error) {
	h, dataOff, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	if lim.MaxBytes > 0 && h.nbytes > lim.MaxBytes {
		return nil, &Error{
			Offset: dataOff,
			Field:  "data",
			Msg:    fmt.Sprintf("declared size %d bytes exceeds the limit of %d bytes", h.nbytes, lim.MaxBytes),
			Err:    ErrLimit,
		}
	}
	if lim.InputSize > 0 && h.nbytes > lim.InputSize-dataOff {
		return nil, &Error{
			Offset: dataOff,
			Field:  "data",
			Msg:    fmt.Sprintf("data truncated: the header declares %d bytes, the input holds %d", h.nbytes, max(lim.InputSize-dataOff, 0)),
			Err:    io.ErrUnexpectedEOF,
		}
	}
	d := &dataReader{
		r:      r,
		off:    dataOff,
		nbytes: h.nbytes,
		swap:   h.big != nativeBig,
		// The size is known to be there, or the caller accepts
		// allocating it: allocate once rather than grow by copying.
		prealloc: lim.InputSize > 0 || (lim.MaxBytes > 0 && h.nbytes <= maxPrealloc),
	}
	var data any
	switch h.dtype {
	case Bool:
		data, err = readElems[bool](d, h.n, 1, true)
	case Int8:
		data, err = readElems[int8](d, h.n, 1, false)
	case Int16:
		data, err = readElems[int16](d, h.n, 2, false)
	case Int32:
		data, err = readElems[int32](d, h.n, 4, false)
	case Int64:
		data, err = readElems[int64](d, h.n, 8, false)
	case Uint8:
		data, err = readElems[uint8](d, h.n, 1, false)
	case Uint16:
		data, err = readElems[uint16](d, h.n, 2, false)
	case Uint32:
		data, err = readElems[uint32](d, h.n, 4, false)
	case Uint64:
		data, err = readElems[uint64](d, h.n, 8, false)
	case Float32:
		data, err = readElems[float32](d, h.n, 4, false)
	case Float64:
		data, err = readElems[float64](d, h.n, 8, false)
	}
	if err != nil {
		return nil, err
	}

	// The input must end with the data.
	end := dataOff + h.nbytes
	var extra [1]byte
	switch n, err := io.ReadFull(r, extra[:]); {
	case n > 0:
		return nil, &Error{Offset: end, Field: "data", Msg: fmt.Sprintf("unexpected extra data after the %d bytes of array data", h.nbytes)}
	case err != io.EOF:
		return nil, &Error{Offset: end, Field: "data", Err: err}
	}

	if h.fortran && len(h.shape) > 1 {
		data = fromFortran(data, h.shape)
	}
	return &Array{Shape: h.shape, DType: h.dtype, Data: data}, nil
}

// Header is what a .npy file's header says: the array's shape and dtype,
// its layout, and where its data starts.
type Header struct {
	Shape      []int
	DType      DType
	Fortran    bool  // the data is in Fortran (column-major) order
	BigEndian  bool  // the data is big-endian
	DataOffset int64 // the data's first byte
	DataBytes  int64 // the data's size
}

// ReadHeader reads and checks the header of a .npy file from r, which is
// left at the data's first byte; errors are as ReadLimits's. With it a
// file can be read piece by piece (io.ReaderAt at DataOffset).
func ReadHeader(r io.Reader) (*Header, error) {
	h, off, err := readHeader(r)
	if err != nil {
		return nil, err
	}
	return &Header{Shape: h.shape, DType: h.dtype, Fortran: h.fortran && len(h.shape) > 1, BigEndian: h.big && h.dtype.Size() > 1, DataOffset: off, DataBytes: h.nbytes}, nil
}

// EncodeHeader returns the bytes Write puts before the data of a C-ordered
// little-endian array of the given dtype and shape: a file can be created
// with it and its data written piece by piece at len(header) on.
func EncodeHeader(d DType, shape []int) ([]byte, error) {
	if !d.valid() {
		return nil, &Error{Offset: -1, Field: "array: dtype", Msg: "invalid dtype " + d.String()}
	}
	if _, _, ok := dataSize(shape, d.Size()); !ok {
		return nil, &Error{Offset: -1, Field: "array: shape", Msg: fmt.Sprintf("%s array of shape %s is too large or has a negative dimension", d, formatShape(shape))}
	}
	hdr, ok := fileHeader(d, shape)
	if !ok {
		return nil, &Error{Offset: -1, Field: "array: shape", Msg: fmt.Sprintf("header for %d dimensions is too long", len(shape))}
	}
	return []byte(hdr), nil
}

// readHeader reads the magic string, version and header, and returns the
// header and the data's offset.
func readHeader(r io.Reader) (*header, int64, error) {
	var pre [8]byte
	if n, err := io.ReadFull(r, pre[:]); err != nil {
		switch {
		case n == 0 && err == io.EOF:
			return nil, 0, &Error{Offset: 0, Field: "magic", Msg: "empty input", Err: io.ErrUnexpectedEOF}
		case err != io.ErrUnexpectedEOF:
			return nil, 0, &Error{Offset: int64(n), Field: "magic", Err: err}
		case !bytes.HasPrefix([]byte(magic), pre[:min(n, len(magic))]):
			return nil, 0, badMagic(pre[:min(n, len(magic))])
		}
		return nil, 0, &Error{Offset: int64(n), Field: "magic", Msg: fmt.Sprintf("input too short: %d bytes", n), Err: io.ErrUnexpectedEOF}
	}
	if string(pre[:len(magic)]) != magic {
		return nil, 0, badMagic(pre[:len(magic)])
	}

	major, minor := pre[6], pre[7]
	var lenSize int
	switch {
	case major == 1 && minor == 0:
		lenSize = 2
	case (major == 2 || major == 3) && minor == 0:
		lenSize = 4
	default:
		return nil, 0, &Error{Offset: 6, Field: "version", Msg: fmt.Sprintf("unsupported format version %d.%d", major, minor)}
	}
	var lenBuf [4]byte
	if n, err := io.ReadFull(r, lenBuf[:lenSize]); err != nil {
		return nil, 0, readErr(8+int64(n), "header length", err, "truncated")
	}
	var hlen int64
	if lenSize == 2 {
		hlen = int64(binary.LittleEndian.Uint16(lenBuf[:]))
	} else {
		hlen = int64(binary.LittleEndian.Uint32(lenBuf[:]))
	}
	if hlen > maxHeaderLen {
		return nil, 0, &Error{Offset: 8, Field: "header length", Msg: fmt.Sprintf("header length %d exceeds the maximum of %d bytes", hlen, maxHeaderLen)}
	}

	base := int64(8 + lenSize)
	hdr := make([]byte, hlen)
	if n, err := io.ReadFull(r, hdr); err != nil {
		return nil, 0, readErr(base+int64(n), "header", err,
			fmt.Sprintf("header truncated: expected %d bytes, got %d", hlen, n))
	}
	if major >= 3 && !utf8.Valid(hdr) {
		i := 0
		for i < len(hdr) {
			c, size := utf8.DecodeRune(hdr[i:])
			if c == utf8.RuneError && size == 1 {
				break
			}
			i += size
		}
		return nil, 0, &Error{Offset: base + int64(i), Field: "header", Msg: fmt.Sprintf("header is not valid UTF-8 (offset %d)", base+int64(i))}
	}
	h, err := parseHeader(hdr, base, major < 3)
	if err != nil {
		return nil, 0, err
	}
	return h, base + hlen, nil

}

func badMagic(b []byte) error {
	return &Error{Offset: 0, Field: "magic", Msg: fmt.Sprintf("not a .npy file: bad magic string %q", b)}
}

// readErr returns an *Error for err, returned by io.ReadFull at offset off
// while reading field; msg describes a premature end of input.
func readErr(off int64, field string, err error, msg string) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Offset: off, Field: field, Msg: msg, Err: io.ErrUnexpectedEOF}
	}
	return &Error{Offset: off, Field: field, Err: err}
}

// A dataReader reads the data of an array.
type dataReader struct {
	r        io.Reader
	off      int64 // offset of the data in the input
	nbytes   int64 // size of the data
	swap     bool  // the data's byte order is not the machine's
	prealloc bool  // allocate the whole array at once
}

// readElems reads n elements of the given size straight into the memory
// of the slice it returns, with no intermediate copy of the data, and
// puts each element's bytes in the machine's order. For bool elements it
// checks that every byte is 0 or 1.
func readElems[T any](d *dataReader, n, size int, isBool bool) ([]T, error) {
	perChunk := chunkSize / size
	var out []T
	if d.prealloc {
		out = make([]T, 0, n)
	} else {
		out = make([]T, 0, min(n, perChunk))
	}
	for len(out) < n {
		// Read as much as is allocated, at most a chunk at a time when
		// growing, so that a short input fails early.
		k := min(n-len(out), perChunk)
		if d.prealloc {
			k = n
		}
		if len(out)+k > cap(out) {
			grown := make([]T, len(out), min(n, max(2*cap(out), len(out)+k)))
			copy(grown, out)
			out = grown
		}
		i := len(out)
		out = out[:i+k]
		b := bytesOf(out[i:], size)
		if got, err := io.ReadFull(d.r, b); err != nil {
			read := int64(i)*int64(size) + int64(got)
			return nil, readErr(d.off+read, "data", err,
				fmt.Sprintf("data truncated: expected %d bytes, got %d", d.nbytes, read))
		}
		if d.swap {
			swapBytes(b, size)
		}
		if isBool {
			if bad := firstNotBool(b); bad >= 0 {
				return nil, &Error{
					Offset: d.off + int64(i+bad),
					Field:  "data",
					Msg:    fmt.Sprintf("invalid value 0x%02x for bool element %d", b[bad], i+bad),
				}
			}
		}
	}
	return out, nil
}

// firstNotBool returns the index of the first byte of b that is neither
// 0 nor 1, or -1.
func firstNotBool(b []byte) int {
	for i, c := range b {
		if c > 1 {
			return i
		}
	}
	return -1
}

// bytesOf returns the memory of s, whose elements are size bytes long, as
// bytes. Every element type read here (bool, integers, floats) is valid
// for any bytes once checked, and has no pointers.
func bytesOf[T any](s []T, size int) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*size)
}

// swapBytes reverses the byte order of each size-byte element of b.
func swapBytes(b []byte, size int) {
	switch size {
	case 2:
		for i := 0; i+1 < len(b); i += 2 {
			b[i], b[i+1] = b[i+1], b[i]
		}
	case 4:
		for i := 0; i+3 < len(b); i += 4 {
			binary.LittleEndian.PutUint32(b[i:], binary.BigEndian.Uint32(b[i:]))
		}
	case 8:
		for i := 0; i+7 < len(b); i += 8 {
			binary.LittleEndian.PutUint64(b[i:], binary.BigEndian.Uint64(b[i:]))
		}
	}
}

// fromFortran returns the elements of data, a slice holding an array of
// the given shape in Fortran order, in C order.
func fromFortran(data any, shape []int) any {
	switch s := data.(type) {
	case []bool:
		return transpose(s, shape)
	case []int8:
		return transpose(s, shape)
	case []int16:
		return transpose(s, shape)
	case []int32:
		return transpose(s, shape)
	case []int64:
		return transpose(s, shape)
	case []uint8:
		return transpose(s, shape)
	case []uint16:
		return transpose(s, shape)
	case []uint32:
		return transpose(s, shape)
	case []uint64:
		return transpose(s, shape)
	case []float32:
		return transpose(s, shape)
	case []float64:
		return transpose(s, shape)
	}
	return data
}

// transpose rearranges src, an array of the given shape in Fortran
// order, into a new slice in C order.
func transpose[T any](src []T, shape []int) []T {
	if len(src) == 0 {
		return src
	}
	// stride[k] is the distance in C order between elements adjacent
	// along axis k.
	stride := make([]int, len(shape))
	s := 1
	for k := len(shape) - 1; k >= 0; k-- {
		stride[k] = s
		s *= shape[k]
	}
	dst := make([]T, len(src))
	idx := make([]int, len(shape))
	off := 0 // C-order offset of idx
	for _, v := range src {
		dst[off] = v
		// Advance idx in Fortran order: axis 0 varies fastest.
		for k := range idx {
			idx[k]++
			off += stride[k]
			if idx[k] < shape[k] {
				break
			}
			off -= idx[k] * stride[k]
			idx[k] = 0
		}
	}
	return dst
}
