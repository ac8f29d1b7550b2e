package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/tiff"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
)

// data is what a file holds: one array, or an image's colour channels
// (filtered one by one) and its alpha (left untouched).
type data struct {
	chans []*filter.Array
	alpha *filter.Array
}

// formats maps file extensions to format names.
var formats = map[string]string{
	".npy": "npy", ".png": "png", ".tif": "tiff", ".tiff": "tiff",
	".pgm": "pnm", ".ppm": "pnm", ".pnm": "pnm", ".jpg": "jpeg", ".jpeg": "jpeg",
}

// stdoutIsTerminal reports whether a command's standard output is a
// terminal; tests replace it.
var stdoutIsTerminal = isTerminal

// refuseTerminal refuses to write a binary file to a terminal.
func refuseTerminal(e *env, path, format string) error {
	if path != "-" || !stdoutIsTerminal(e.stdout) {
		return nil
	}
	return usagef("refusing to write binary %s to a terminal; redirect standard output or name an output file", formatNames[format])
}

// checkStdout refuses, before any work, standard output that cannot be
// written: no --format, or a terminal.
func checkStdout(e *env, o *options) error {
	if len(o.files) < 2 || o.files[1] != "-" {
		return nil
	}
	format, err := formatOf(o.files[1], o.format)
	if err != nil {
		return err
	}
	return refuseTerminal(e, o.files[1], format)
}

// formatNames name the formats in messages.
var formatNames = map[string]string{"npy": ".npy", "png": "PNG", "tiff": "TIFF", "pnm": "PGM/PPM", "jpeg": "JPEG"}

// formatOf returns the format of path: by extension, or --format for "-".
func formatOf(path, flagFormat string) (string, error) {
	if path == "-" {
		if flagFormat == "" {
			return "", usagef("- (standard output) needs --format npy, png, tiff, pgm or ppm")
		}
		if f, ok := formats["."+strings.ToLower(flagFormat)]; ok {
			return f, nil
		}
		return "", usagef("--format %s: unknown format; use npy, png, tiff, pgm, ppm or jpg", flagFormat)
	}
	ext := strings.ToLower(filepath.Ext(path))
	if f, ok := formats[ext]; ok {
		return f, nil
	}
	return "", usagef("%s: unknown file type %q; use .npy, .png, .tif, .pgm, .ppm or .jpg (input only)", path, ext)
}

// readAll reads a whole input, refusing one larger than the limit.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than the limit of %d bytes (raise it with --max-bytes)", limit)
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

func readInput(ctx context.Context, e *env, path string, o *options) (*data, error) {
	var r io.Reader = e.stdin
	var size int64 // the file's size, if known
	format, name := "", path
	if path == "-" {
		name = "standard input"
		// stdin redirected from a file: its size is known too
		if f, ok := e.stdin.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
				if pos, err := f.Seek(0, io.SeekCurrent); err == nil {
					size = st.Size() - pos
				}
			}
		}
	} else {
		var err error
		if format, err = formatOf(path, o.format); err != nil {
			return nil, err
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("input: %w", err)
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("input %s is a directory", path)
		} else if err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		r = f
	}
	br := bufio.NewReaderSize(ctxReader{ctx, r}, 1<<20)
	if path == "-" {
		var err error
		if format, err = sniff(br); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	d, err := decode(br, format, o.limits, size)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

// magics are the first bytes of each format read from standard input.
var magics = []struct{ magic, format string }{
	{"\x93NUMPY", "npy"},
	{"\x89PNG\r\n\x1a\n", "png"},
	{"II*\x00", "tiff"},
	{"MM\x00*", "tiff"},
	{"\xff\xd8\xff", "jpeg"},
	{"P2", "pnm"}, {"P3", "pnm"}, {"P5", "pnm"}, {"P6", "pnm"},
	// netpbm formats kfilter does not read, for the decoder's message
	{"P1", "pnm"}, {"P4", "pnm"}, {"P7", "pnm"},
}

// sniff tells the format of standard input from its first bytes, which
// it leaves to be read.
func sniff(br *bufio.Reader) (string, error) {
	head, err := br.Peek(8)
	if len(head) == 0 {
		if err != nil && err != io.EOF {
			return "", err
		}
		return "", errors.New("empty input: expected a .npy, PNG, TIFF, PGM/PPM or JPEG file")
	}
	for _, m := range magics {
		if strings.HasPrefix(string(head), m.magic) {
			return m.format, nil
		}
	}
	return "", fmt.Errorf("unrecognised data (starts with %q); kfilter knows .npy (\\x93NUMPY), PNG (\\x89PNG), TIFF (II*, MM*), PGM/PPM (P2, P3, P5, P6) and JPEG (\\xff\\xd8\\xff) by their first bytes", head)
}

func decode(r io.Reader, format string, lim limits, size int64) (*data, error) {
	if format == "npy" {
		a, err := npy.ReadLimits(r, npy.Limits{MaxBytes: lim.maxBytes, InputSize: size})
		if errors.Is(err, npy.ErrLimit) {
			return nil, fmt.Errorf("%w (raise it with --max-bytes)", err)
		}
		if err != nil {
			return nil, err
		}
		return &data{chans: []*filter.Array{{Shape: a.Shape, DType: a.DType, Data: a.Data}}}, nil
	}
	raw, err := readAll(r, lim.maxBytes)
	if err != nil {
		return nil, err
	}
	var img image.Image
	var lay layout
	switch format {
	case "pnm":
		img, err = decodePNM(bytes.NewReader(raw), lim.maxPixels())
	default:
		cfg, cerr := decodeConfig(raw, format)
		if cerr != nil {
			return nil, imageError(format, cerr)
		}
		switch format {
		case "tiff":
			if lay, err = tiffLayout(raw); err != nil {
				return nil, err
			}
		case "png":
			lay = pngLayout(raw)
		}
		// A small file may declare an enormous image: check before decoding.
		if px := int64(cfg.Width) * int64(cfg.Height); px > lim.maxPixels() {
			return nil, fmt.Errorf("declares a %dx%d image, over the limit of %d pixels (raise it with --max-bytes)", cfg.Width, cfg.Height, lim.maxPixels())
		}
		img, err = decodeImage(raw, format)
	}
	if err != nil {
		return nil, imageError(format, err)
	}
	chans, alpha := filter.FromImage(img)
	d := &data{chans: chans, alpha: alpha}
	fitLayout(d, lay)
	return d, nil
}

// imageError tells a file kfilter cannot read (a valid image of a kind it
// does not support) from a broken one.
func imageError(format string, err error) error {
	var tu tiff.UnsupportedError
	var pu png.UnsupportedError
	if errors.As(err, &tu) || errors.As(err, &pu) {
		return fmt.Errorf("a %s kfilter cannot read (%w): it reads 8- and 16-bit integer images; save other data as .npy", format, err)
	}
	return fmt.Errorf("not a valid %s file: %w", format, err)
}

func decodeConfig(raw []byte, format string) (image.Config, error) {
	switch format {
	case "png":
		return png.DecodeConfig(bytes.NewReader(raw))
	case "jpeg":
		return jpeg.DecodeConfig(bytes.NewReader(raw))
	}
	return tiff.DecodeConfig(bytes.NewReader(raw))
}

func decodeImage(raw []byte, format string) (img image.Image, err error) {
	defer func() {
		// x/image/tiff has panicked on hostile files before; a panic
		// there is a bad file, not a crash.
		if r := recover(); r != nil {
			err = fmt.Errorf("corrupt file (%v)", r)
		}
	}()
	switch format {
	case "png":
		return png.Decode(bytes.NewReader(raw))
	case "jpeg":
		return jpeg.Decode(bytes.NewReader(raw))
	}
	return tiff.Decode(bytes.NewReader(raw))
}

// readArrayFile reads a .npy file (footprints, array parameters).
func readArrayFile(path string, lim limits) (*filter.Array, error) {
	if !strings.HasSuffix(strings.ToLower(path), ".npy") {
		return nil, fmt.Errorf("%s: arrays come from .npy files", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	a, err := npy.ReadLimits(bufio.NewReader(f), npy.Limits{MaxBytes: lim.maxBytes, InputSize: size})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &filter.Array{Shape: a.Shape, DType: a.DType, Data: a.Data}, nil
}

// toFloats converts any array to float64s.
func toFloats(dst []float64, a *filter.Array) {
	f, _ := filter.Convert(a, filter.Float64)
	copy(dst, f.Data.([]float64))
}

// encode writes d in format.
func encode(w io.Writer, format string, d *data) error {
	if format == "npy" {
		a, err := stack(d)
		if err != nil {
			return err
		}
		return npy.Write(w, &npy.Array{Shape: a.Shape, DType: a.DType, Data: a.Data})
	}
	if format == "jpeg" {
		return errors.New("jpg is read-only here (lossy): write .png, .tif or .npy")
	}
	chans, alpha := d.chans, d.alpha
	if len(chans) == 1 && len(chans[0].Shape) == 3 && alpha == nil {
		chans, alpha = unstack(chans[0])
	}
	if len(chans) == 1 && len(chans[0].Shape) != 2 {
		return fmt.Errorf("a %d-D array of shape %v is not an image; write .npy (an image is HxW, or HxWx3 or HxWx4)", len(chans[0].Shape), chans[0].Shape)
	}
	for _, c := range chans {
		if c.DType != filter.Uint8 && c.DType != filter.Uint16 {
			return fmt.Errorf("%s holds uint8 or uint16 samples, not %v: write .npy, or convert with --dtype uint8 (or uint16)", format, c.DType)
		}
	}
	img, err := filter.ToImage(chans, alpha)
	if err != nil {
		return err
	}
	switch format {
	case "png":
		if alpha != nil && isOpaque(alpha) {
			img = keepAlpha{img}
		}
		return png.Encode(w, img)
	case "tiff":
		if len(chans) == 3 && alpha == nil {
			return encodeRGBTIFF(w, chans)
		}
		return tiff.Encode(w, img, &tiff.Options{Compression: tiff.Deflate})
	}
	if alpha != nil {
		return errors.New("pgm/ppm have no alpha channel: write .png or .tif")
	}
	return encodePNM(w, img)
}

// stack joins colour channels (and alpha) into one HxWxC array for .npy,
// in the channels' dtype.
func stack(d *data) (*filter.Array, error) {
	if len(d.chans) == 1 && d.alpha == nil {
		return d.chans[0], nil
	}
	all := append([]*filter.Array(nil), d.chans...)
	if d.alpha != nil {
		all = append(all, d.alpha)
	}
	h, w, c := all[0].Shape[0], all[0].Shape[1], len(all)
	flat := make([]float64, h*w*c)
	plane := make([]float64, h*w)
	for k, a := range all {
		toFloats(plane, a)
		for i, v := range plane {
			flat[i*c+k] = v
		}
	}
	f, _ := filter.ArrayOf(flat, h, w, c)
	return filter.Convert(f, all[0].DType)
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

// unstack splits an HxWx2 (grey and alpha), HxWx3 or HxWx4 array into
// channels and alpha.
func unstack(a *filter.Array) ([]*filter.Array, *filter.Array) {
	h, w, c := a.Shape[0], a.Shape[1], a.Shape[2]
	if c < 2 || c > 4 {
		return []*filter.Array{a}, nil
	}
	var planes []*filter.Array
	for k := 0; k < c; k++ {
		p, _ := filter.Zeros(a.DType, h, w)
		switch s := a.Data.(type) {
		case []uint8:
			d := p.Data.([]uint8)
			for i := range d {
				d[i] = s[i*c+k]
			}
		case []uint16:
			d := p.Data.([]uint16)
			for i := range d {
				d[i] = s[i*c+k]
			}
		default:
			return []*filter.Array{a}, nil // encode reports the dtype
		}
		planes = append(planes, p)
	}
	if c != 3 {
		return planes[:c-1], planes[c-1]
	}
	return planes, nil
}

// writeOutput writes d to path atomically: a temporary file beside the
// target, renamed over it only when complete. After a failure (or an
// interrupt) no temporary remains and an existing target is untouched.
func writeOutput(ctx context.Context, e *env, path string, d *data, o *options) error {
	format, err := formatOf(path, o.format)
	if err != nil {
		return err
	}
	if path == "-" {
		if err := refuseTerminal(e, path, format); err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := encode(&buf, format, d); err != nil {
			return fmt.Errorf("standard output: %w", err)
		}
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	return writeAtomic(ctx, path, func(w io.Writer) error { return encode(w, format, d) })
}

func writeAtomic(ctx context.Context, path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return fmt.Errorf("output %s is a directory", path)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".kfilter-*")
	if err != nil {
		return fmt.Errorf("output %s: cannot write in %s: %w", path, dir, errors.Unwrap(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(ctxWriter{ctx, f}, 1<<20)
	if err = write(bw); err == nil {
		err = bw.Flush()
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("output %s: %w", path, err)
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	if err = f.Chmod(mode); err != nil {
		return fmt.Errorf("output %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("output %s: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("output %s: %w", path, err)
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("output %s: %w", path, err)
	}
	return nil
}
