// Package imageio reads and writes the files kfilter filters, as
// N-D arrays (*filter.Array), in one call each way:
//
//	a, err := imageio.Read("stack.tif", imageio.WithLimits(imageio.Limits{MaxBytes: 1 << 30}))
//	...
//	err = imageio.Write("out.tif", b)
//
// The format is the file name's extension, or, for [Decode] (standard
// input) and names of no known extension, what the first bytes show:
//
//   - .npy: any dtype and rank, C or Fortran order, either byte order
//     (package npy), read and written.
//   - .tif .tiff: TIFF and BigTIFF, read and written by package tiff:
//     unsigned and signed 8- to 64-bit integers, float32 and float64,
//     grey, RGB and RGBA, strips or tiles, uncompressed, LZW, deflate or
//     PackBits; a stack of pages is one array (pages, H, W[, C]). Write
//     writes deflate-compressed strips (zlib's fastest level, no
//     predictor, which every reader decodes; see [WithTIFF] for others),
//     each (H, W[, C]) slice of an array of rank 3 or more a page, and a
//     BigTIFF past 4 GiB. Written to a file, each page is written as it is
//     compressed, never held in memory whole.
//   - .png: 8- and 16-bit grey or colour, with or without alpha.
//   - .pgm .ppm .pnm: netpbm P2, P3, P5 and P6, 8- and 16-bit (this
//     package's own codec: it checks the declared size before allocating).
//   - .jpg .jpeg: read only (Go's decoder).
//
// Colour images are HxWxC arrays, channels in are channels out: an RGB
// file is (H, W, 3), an RGBA one (H, W, 4) even if all opaque, a grey PNG
// with alpha (H, W, 2). [Describe] tells how many channels the last axis
// holds; [WithChannels] says it when writing, and [SplitChannels] and
// [JoinChannels] take them apart and back for a filter applied channel by
// channel.
//
// A file is never trusted: the size it declares is checked against
// [Limits] before anything of that size is allocated, and a .npy or TIFF
// of a known size is read into one allocation of the array's size.
// [Write] is atomic: it writes a temporary file in the target's
// directory, syncs it and renames it over the target, so that a failure
// leaves no file behind and an existing one untouched. Errors are
// *[Error] values naming the file, the format and what is wrong; test
// their kind with errors.Is and [ErrFormat], [ErrLimit],
// [ErrUnsupported] and [ErrInvalid].
package imageio
