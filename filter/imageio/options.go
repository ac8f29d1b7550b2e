package imageio

import (
	"context"

	"github.com/kfilter/kfilter/filter/tiff"
)

// Limits bound what a read may allocate. The sizes a file declares are
// checked against them before anything of that size is allocated.
type Limits struct {
	// MaxBytes is the largest array read, in bytes. A stream whose
	// format is read whole (all but .npy, and TIFF from a file) may hold
	// MaxBytes plus 1 MiB of headers. Zero means no limit but the data
	// present.
	MaxBytes int64
	// MaxPixels is the largest PNG, JPEG or PGM/PPM image, in pixels
	// (height x width): their decoders hold a copy of the image in
	// memory on top of the array. Zero means MaxBytes/32 (eight float64
	// planes of the image within MaxBytes), or no limit if MaxBytes is
	// zero.
	MaxPixels int64
	// MaxPages is the most TIFF pages (IFDs) followed; zero means
	// tiff.DefaultMaxPages.
	MaxPages int
}

func (l Limits) maxPixels() int64 {
	switch {
	case l.MaxPixels > 0:
		return l.MaxPixels
	case l.MaxBytes > 0:
		return max(l.MaxBytes/32, 1)
	}
	return 1 << 62
}

// Info describes the array a file held or is to be written as.
type Info struct {
	Format Format
	// Channels is the number of samples per pixel on the array's last
	// axis: 3 for RGB, 4 for RGBA, 2 for grey and alpha; 0 when the
	// array has no channel axis (a grey image, a stack of grey pages,
	// any .npy).
	Channels int
}

// Alpha reports whether the last channel is alpha: with 2 (grey and
// alpha) or 4 (RGBA) channels.
func (i Info) Alpha() bool { return i.Channels == 2 || i.Channels == 4 }

// An Option changes how Read, Decode, Write or Encode work.
type Option func(*config)

type config struct {
	ctx      context.Context
	lim      Limits
	format   Format
	info     *Info
	channels int // -1: not set
	tiff     *tiff.Options
	size     int64
}

func newConfig(opts []Option) *config {
	c := &config{ctx: context.Background(), channels: -1}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithLimits bounds a read (the default is no limits but the data).
func WithLimits(l Limits) Option { return func(c *config) { c.lim = l } }

// WithContext stops a read or a write, with the context's error, when
// ctx is done.
func WithContext(ctx context.Context) Option { return func(c *config) { c.ctx = ctx } }

// WithFormat reads or writes the format f whatever the file's name or
// first bytes.
func WithFormat(f Format) Option { return func(c *config) { c.format = f } }

// Describe makes a read store what it read in *info: the format and
// the channels on the array's last axis.
func Describe(info *Info) Option { return func(c *config) { c.info = info } }

// WithChannels tells a write that the array's last axis holds n samples
// per pixel (1 to 4; for TIFF any number), or none when n is 0. Without
// it, a PNG or PGM/PPM takes an array of rank 3 as HxWxC, and a TIFF
// takes a last axis of 3 or 4 of an array of rank 3 or more as RGB or
// RGBA and other axes as pages, as tifffile does.
func WithChannels(n int) Option { return func(c *config) { c.channels = n } }

// WithTIFF sets the TIFF writer's options (compression, byte order,
// tiles; Channels is set from the array). The default is deflate at
// zlib's fastest level (1), with no predictor (which every reader
// decodes), in little-endian strips of 64 KiB: smaller files than
// uncompressed ones, written at some 50 MB/s even for noise.
func WithTIFF(o tiff.Options) Option { return func(c *config) { c.tiff = &o } }

// WithSize tells Decode the number of bytes left in its reader, so that a
// .npy is read into one allocation and a declared size larger than the
// data is refused before anything is allocated. Decode finds it itself
// for a regular *os.File.
func WithSize(n int64) Option { return func(c *config) { c.size = n } }
