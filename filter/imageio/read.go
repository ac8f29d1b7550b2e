package imageio

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
	"github.com/kfilter/kfilter/filter/tiff"
)

// Read reads the array in the file name, of the format its extension
// names (see [FormatOf]) or, for an extension of no format, the format
// its first bytes show (see [Sniff]). Colour images are HxWxC arrays;
// a TIFF stack is (pages, H, W[, C]). Errors are *[Error] values.
func Read(name string, opts ...Option) (*filter.Array, error) {
	c := newConfig(opts)
	format := c.format
	if format == "" {
		format, _ = FormatOf(name) // "" for an unknown extension: sniffed
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, &Error{Path: name, Err: err}
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, &Error{Path: name, Err: err}
	}
	if st.IsDir() {
		return nil, &Error{Path: name, What: "is a directory"}
	}
	size := c.size
	if size <= 0 && st.Mode().IsRegular() {
		size = st.Size()
	}
	var ra io.ReaderAt
	if st.Mode().IsRegular() {
		ra = f
	}
	return c.decode(f, ra, name, format, size)
}

// Decode reads an array from r, of the format its first bytes show (or
// the one WithFormat names). Errors are *[Error] values with no Path.
func Decode(r io.Reader, opts ...Option) (*filter.Array, error) {
	c := newConfig(opts)
	size := c.size
	var ra io.ReaderAt
	// a regular file (standard input redirected from one): its size is
	// known, and a TIFF in it is read in place
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			if pos, err := f.Seek(0, io.SeekCurrent); err == nil {
				if size <= 0 {
					size = st.Size() - pos
				}
				if pos == 0 {
					ra = f
				}
			}
		}
	}
	return c.decode(r, ra, "", c.format, size)
}

// decode reads one array of format (sniffed if "") from r, or from ra,
// which reads the same bytes, for TIFF.
func (c *config) decode(r io.Reader, ra io.ReaderAt, name string, format Format, size int64) (*filter.Array, error) {
	br := bufio.NewReaderSize(ctxReader{c.ctx, r}, 1<<20)
	fail := func(f Format, what string, err error) (*filter.Array, error) {
		if c.ctx.Err() != nil {
			return nil, c.ctx.Err()
		}
		return nil, &Error{Path: name, Format: f, What: what, Err: err}
	}
	if format == "" {
		head, err := br.Peek(8)
		if len(head) == 0 {
			if err != nil && err != io.EOF {
				return fail("", "", err)
			}
			return fail("", "empty input: expected a .npy, PNG, TIFF, PGM/PPM or JPEG file", ErrFormat)
		}
		var ok bool
		if format, ok = Sniff(head); !ok {
			return fail("", fmt.Sprintf(`unrecognised data (starts with %q); known are .npy (\x93NUMPY), PNG (\x89PNG), TIFF (II*, MM*, II+, MM+), PGM/PPM (P2, P3, P5, P6) and JPEG (\xff\xd8\xff) by their first bytes`, head), ErrFormat)
		}
	}
	info := Info{Format: format}
	var a *filter.Array
	var err error
	switch format {
	case NPY:
		var n *npy.Array
		n, err = npy.ReadLimits(br, npy.Limits{MaxBytes: c.lim.MaxBytes, InputSize: size})
		if err != nil {
			return fail(format, "", err)
		}
		a = &filter.Array{Shape: n.Shape, DType: n.DType, Data: n.Data}
	case TIFF:
		if ra == nil {
			raw, err := readAll(br, c.lim.MaxBytes)
			if err != nil {
				return fail(format, "", err)
			}
			ra, size = bytes.NewReader(raw), int64(len(raw))
		}
		d, err := tiff.NewDecoder(ctxReaderAt{c.ctx, ra}, size, tiff.Limits{MaxBytes: c.lim.MaxBytes, MaxPages: c.lim.MaxPages})
		if err != nil {
			return fail(format, "", err)
		}
		if a, err = d.Read(); err != nil {
			return fail(format, "", err)
		}
		if d.Channels() {
			info.Channels = a.Shape[len(a.Shape)-1]
		}
	case PNG, JPEG, PNM:
		a, info.Channels, err = c.decodeImage(br, format)
		if err != nil {
			if c.ctx.Err() != nil {
				return nil, c.ctx.Err()
			}
			var e *Error
			if errors.As(err, &e) {
				e.Path, e.Format = name, format
				return nil, e
			}
			return fail(format, "", err)
		}
	default:
		return fail(format, "unknown format "+quote(string(format)), ErrFormat)
	}
	if c.info != nil {
		*c.info = info
	}
	return a, nil
}

// decodeImage reads a PNG, JPEG or PGM/PPM with a decoder of the image
// package's kind, after checking its declared size.
func (c *config) decodeImage(r io.Reader, format Format) (*filter.Array, int, error) {
	raw, err := readAll(r, c.lim.MaxBytes)
	if err != nil {
		return nil, 0, err
	}
	var img image.Image
	var lay layout
	maxPixels := c.lim.maxPixels()
	if format == PNM {
		img, err = decodePNM(bytes.NewReader(raw), maxPixels)
		if err != nil {
			return nil, 0, err
		}
	} else {
		var cfg image.Config
		if format == PNG {
			cfg, err = png.DecodeConfig(bytes.NewReader(raw))
			lay = pngLayout(raw)
		} else {
			cfg, err = jpeg.DecodeConfig(bytes.NewReader(raw))
		}
		if err != nil {
			return nil, 0, imageError(format, err)
		}
		// A small file may declare an enormous image: check before decoding.
		if px := int64(cfg.Width) * int64(cfg.Height); px > maxPixels {
			return nil, 0, &Error{What: fmt.Sprintf("declares a %dx%d image, over the limit of %d pixels", cfg.Width, cfg.Height, maxPixels), Err: ErrLimit}
		}
		if format == PNG {
			img, err = png.Decode(bytes.NewReader(raw))
		} else {
			img, err = jpeg.Decode(bytes.NewReader(raw))
		}
		if err != nil {
			return nil, 0, imageError(format, err)
		}
	}
	chans, alpha := filter.FromImage(img)
	chans, alpha = fitLayout(chans, alpha, lay)
	if len(chans) == 1 && alpha == nil {
		return chans[0], 0, nil
	}
	if alpha != nil {
		chans = append(chans, alpha)
	}
	a, err := JoinChannels(chans)
	return a, len(chans), err
}

// imageError tells a file of a kind not read (a valid image of a kind not
// supported) from a broken one.
func imageError(format Format, err error) error {
	var pu png.UnsupportedError
	var ju jpeg.UnsupportedError
	if errors.As(err, &pu) || errors.As(err, &ju) {
		return &Error{What: fmt.Sprintf("a %s of a kind not read (%v)", format, err), Err: ErrUnsupported}
	}
	return &Error{What: fmt.Sprintf("not a valid %s file", format), Err: invalid{err}}
}

// streamSlack is what a stream read whole may hold beyond Limits.MaxBytes:
// headers and metadata around an uncompressed array.
const streamSlack = 1 << 20

// readAll reads a whole input, refusing one larger than limit (if
// positive) plus streamSlack.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		return io.ReadAll(r)
	}
	limit += streamSlack
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &Error{What: fmt.Sprintf("larger than the limit of %d bytes", limit), Err: ErrLimit}
	}
	return b, nil
}

// ctxReader stops a read when the context is done, so that an interrupt
// during a long read takes effect at once.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// ctxReaderAt is ctxReader for io.ReaderAt.
type ctxReaderAt struct {
	ctx context.Context
	r   io.ReaderAt
}

func (c ctxReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.ReadAt(p, off)
}

// layout is what a PNG's header says of its channels, which Go's decoder
// does not (it gives an opaque RGBA file as RGB, a grey one with alpha as
// RGBA).
type layout struct {
	grey  bool // one colour channel (PNG grey with tRNS or alpha decodes as RGBA)
	alpha bool // an alpha channel, opaque or not
}

// pngLayout reads a PNG's colour type and looks for a tRNS chunk (a
// transparent colour, which Go decodes as alpha) before the image data.
func pngLayout(raw []byte) layout {
	if len(raw) < 26 {
		return layout{} // png.DecodeConfig has reported it
	}
	ct := raw[25] // IHDR is the first chunk: 8 + 4 + 4 + 9
	lay := layout{grey: ct == 0 || ct == 4, alpha: ct == 4 || ct == 6}
	for p := 8; p+8 <= len(raw); {
		n := int(binary.BigEndian.Uint32(raw[p:]))
		switch string(raw[p+4 : p+8]) {
		case "tRNS":
			lay.alpha = true
			return lay
		case "IDAT", "IEND":
			return lay
		}
		if n < 0 || n > len(raw)-p-12 {
			return lay
		}
		p += 12 + n
	}
	return lay
}

// fitLayout makes the channels the decoder gave match the file's own.
func fitLayout(chans []*filter.Array, alpha *filter.Array, lay layout) ([]*filter.Array, *filter.Array) {
	if lay.grey && len(chans) == 3 {
		chans = chans[:1]
	}
	if lay.alpha && alpha == nil {
		// Go drops an alpha that is all opaque; the file has one.
		c := chans[0]
		a, _ := filter.Zeros(c.DType, c.Shape...)
		switch s := a.Data.(type) {
		case []uint8:
			for i := range s {
				s[i] = 0xff
			}
		case []uint16:
			for i := range s {
				s[i] = 0xffff
			}
		}
		alpha = a
	}
	return chans, alpha
}
