package imageio

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
	"github.com/kfilter/kfilter/filter/tiff"
)

// Write writes a to the file name, in the format its extension names (or
// the one WithFormat names), atomically: to a temporary file in the same
// directory, synced to disk and renamed over name only when complete.
// After a failure (or the context's end) no temporary file remains and an
// existing file name is as it was. A file replaced keeps its permissions.
// Errors are *[Error] values, or the context's error.
func Write(name string, a *filter.Array, opts ...Option) error {
	a, err := compact(a)
	if err != nil {
		return &Error{Path: name, What: "array", Err: err}
	}
	c := newConfig(opts)
	format := c.format
	if format == "" {
		var err error
		if format, err = FormatOf(name); err != nil {
			return err
		}
	}
	fail := func(what string, err error) error { return c.writeError(name, format, what, err) }
	// refuse what cannot be written before creating anything
	if err := c.check(a, format); err != nil {
		return fail("", err)
	}
	return c.writeAtomic(name, format, func(w io.WriteSeeker) error {
		if format == TIFF {
			// the TIFF writer seeks to link its IFDs in after their
			// pages, and writes in chunks of its own
			return c.encode(w, a, format)
		}
		bw := bufio.NewWriterSize(w, 1<<20)
		if err := c.encode(bw, a, format); err != nil {
			return err
		}
		return bw.Flush()
	})
}

// writeError is err as an *Error about writing name, or the context's
// error once it is done (a cancelled write fails because it was
// cancelled, whatever the writer said).
func (c *config) writeError(name string, format Format, what string, err error) error {
	if c.ctx.Err() != nil {
		return c.ctx.Err()
	}
	var e *Error
	if errors.As(err, &e) && e.Path == "" {
		e.Path = name
		return e
	}
	return &Error{Path: name, Format: format, What: what, Err: err}
}

// writeAtomic writes name with write, through a temporary file.
func (c *config) writeAtomic(name string, format Format, write func(io.WriteSeeker) error) (err error) {
	fail := func(what string, err error) error { return c.writeError(name, format, what, err) }
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		return &Error{Path: name, What: "is a directory"}
	}
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, "."+filepath.Base(name)+".kfilter-*")
	if err != nil {
		return fail("cannot write in "+dir, errors.Unwrap(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = write(ctxFile{c.ctx, f}); err != nil {
		return fail("", err)
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(name); err == nil {
		mode = st.Mode().Perm()
	}
	if err = f.Chmod(mode); err != nil {
		return fail("", err)
	}
	if err = f.Sync(); err != nil {
		return fail("", err)
	}
	if err = f.Close(); err != nil {
		return fail("", err)
	}
	if err = c.ctx.Err(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), name); err != nil {
		return fail("", err)
	}
	return nil
}

// Encode writes a to w in format. Errors are *[Error] values with no
// Path, or the context's error.
func Encode(w io.Writer, a *filter.Array, format Format, opts ...Option) error {
	a, err := compact(a)
	if err != nil {
		return &Error{Format: format, What: "array", Err: err}
	}
	c := newConfig(opts)
	err = c.check(a, format)
	if err == nil {
		err = c.encode(ctxWriter{c.ctx, w}, a, format)
	}
	if err != nil {
		if c.ctx.Err() != nil {
			return c.ctx.Err()
		}
		var e *Error
		if errors.As(err, &e) {
			return e
		}
		return &Error{Format: format, Err: err}
	}
	return nil
}

// check refuses an array that format cannot hold, before writing.
func (c *config) check(a *filter.Array, format Format) error {
	if a == nil {
		return &Error{Format: format, What: "nil array", Err: ErrUnsupported}
	}
	if _, err := filter.ArrayOf(a.Data, a.Shape...); err != nil {
		return &Error{Format: format, What: "malformed array", Err: err}
	}
	switch format {
	case NPY, TIFF:
	case JPEG:
		return &Error{Format: format, What: "jpg is read-only here (lossy): write .png, .tif or .npy", Err: ErrFormat}
	case PNG, PNM:
		if _, err := c.imageChannels(a); err != nil {
			return err
		}
	default:
		return &Error{Format: format, What: "unknown format " + quote(string(format)), Err: ErrFormat}
	}
	if !format.CanWrite(a.DType) {
		what := fmt.Sprintf("%s holds uint8 or uint16 samples, not %v", format, a.DType)
		if format == TIFF {
			what = fmt.Sprintf("TIFF has no %v samples", a.DType)
		}
		return &Error{Format: format, What: what, Err: ErrUnsupported}
	}
	return nil
}

// imageChannels returns the channels on the last axis of an array to be
// written as an image, 0 for HxW.
func (c *config) imageChannels(a *filter.Array) (int, error) {
	n := c.channels
	if n < 0 {
		n = 0
		if len(a.Shape) == 3 && a.Shape[2] >= 2 && a.Shape[2] <= 4 {
			n = a.Shape[2]
		}
	}
	if (n == 0 && len(a.Shape) != 2) || (n > 0 && (len(a.Shape) != 3 || a.Shape[2] != n || n > 4)) {
		return 0, &Error{What: fmt.Sprintf("a %d-D array of shape %v is not an image; write .npy (an image is HxW, or HxWx3 or HxWx4)", len(a.Shape), a.Shape), Err: ErrUnsupported}
	}
	return n, nil
}

func (c *config) encode(w io.Writer, a *filter.Array, format Format) error {
	switch format {
	case NPY:
		return npy.Write(w, &npy.Array{Shape: a.Shape, DType: a.DType, Data: a.Data})
	case TIFF:
		o := tiff.Options{Compression: tiff.Deflate, Level: 1}
		if c.tiff != nil {
			o = *c.tiff
		}
		n := c.channels
		if n < 0 {
			n = 0
			if last := len(a.Shape) - 1; last >= 2 && (a.Shape[last] == 3 || a.Shape[last] == 4) {
				n = a.Shape[last]
			}
		}
		o.Channels = n > 0
		return tiff.Write(w, a, &o)
	}
	n, err := c.imageChannels(a)
	if err != nil {
		return err
	}
	chans := []*filter.Array{a}
	var alpha *filter.Array
	if n > 0 {
		chans = SplitChannels(a)
		if n == 2 || n == 4 {
			chans, alpha = chans[:n-1], chans[n-1]
		}
	}
	img, err := filter.ToImage(chans, alpha)
	if err != nil {
		return err
	}
	if format == PNG {
		if alpha != nil && isOpaque(alpha) {
			img = keepAlpha{img}
		}
		return png.Encode(w, img)
	}
	if alpha != nil {
		return &Error{What: "pgm/ppm have no alpha channel: write .png or .tif", Err: ErrUnsupported}
	}
	return encodePNM(w, img)
}

// isOpaque reports whether an alpha channel is all opaque.
func isOpaque(a *filter.Array) bool {
	switch s := a.Data.(type) {
	case []uint8:
		for _, v := range s {
			if v != 0xff {
				return false
			}
		}
	case []uint16:
		for _, v := range s {
			if v != 0xffff {
				return false
			}
		}
	}
	return true
}

// keepAlpha makes the PNG encoder write the alpha channel of an image
// whose alpha is all opaque, which it would otherwise drop.
type keepAlpha struct{ image.Image }

func (keepAlpha) Opaque() bool { return false }

// ctxWriter is ctxReader for writes.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// ctxFile is ctxWriter for a file, which a TIFF writer seeks in.
type ctxFile struct {
	ctx context.Context
	f   *os.File
}

func (c ctxFile) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.f.Write(p)
}

func (c ctxFile) Seek(off int64, whence int) (int64, error) { return c.f.Seek(off, whence) }

// compact is a in C order, the encoders' layout: a view (filter.ViewOf,
// a sub-image) is copied, anything else passed through as it is.
func compact(a *filter.Array) (*filter.Array, error) {
	if a == nil || !a.IsView() {
		return a, nil
	}
	return filter.Compact(a)
}
