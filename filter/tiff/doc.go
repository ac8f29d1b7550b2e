// Package tiff reads and writes TIFF and BigTIFF files as N-D arrays
// (*filter.Array), as tifffile reads them.
//
// Reading covers what scientific images use: unsigned and signed 8-,
// 16-, 32- and 64-bit integer samples and 32- and 64-bit floating-point
// samples, in either byte order; grey pages (MinIsBlack, and MinIsWhite
// with unsigned samples, which are inverted so that larger is brighter),
// RGB and RGBA pages, and any number of samples per pixel, which become
// the last axis (H, W, C), or the first, (C, H, W), when the samples are
// stored in separate planes, as tifffile gives them; strips or tiles,
// partial edge tiles included; no compression, LZW, deflate (Adobe's and the old
// code) and PackBits, with the horizontal and the floating-point
// predictors. A stack of pages of one shape and dtype is one array of
// shape (pages, H, W[, C]); ImageJ hyperstacks and tifffile's shape
// descriptions give tifffile's shape (see [NewDecoder]).
//
// Refused, with an *[UnsupportedError] naming the tag and its value:
// other compressions (JPEG, CCITT, LZMA, Zstandard, ...), palette,
// CMYK, YCbCr and Lab images, samples of 1, 4, 12, 24 bits and
// float16, samples of different sizes in a pixel, volumetric tiles,
// sparse files (chunks with no data), and a predictor with no
// compression or PackBits (libtiff ignores it there, others apply it).
//
// Reading is lazy: a [Decoder] reads the IFDs when it is made, and then
// a range of pages ([Decoder.ReadPages]) or of rows of one page
// ([Decoder.ReadRows]) reads only the strips or tiles that hold them:
//
//	d, err := tiff.NewDecoder(f, size, tiff.Limits{MaxBytes: 1 << 30})
//	if err != nil {
//		return err
//	}
//	fmt.Println(d.Shape(), d.DType()) // [7 512 512] uint16
//	a, err := d.ReadPages(3, 1)       // the fourth page, as (1, 512, 512)
//
// [Read] reads a whole file. A file is never trusted: offsets and byte
// counts are checked against the file's size, IFD loops are detected,
// and the size of an array is checked against [Limits.MaxBytes] and
// against what the file's bytes can decode to before it is allocated.
// Malformed files give a *[FormatError] naming the page, the tag and
// the byte offset at fault.
//
// [Write] writes an array as pages in strips or tiles, uncompressed,
// deflated (with a predictor if asked) or PackBits-compressed, in
// either byte order, as a BigTIFF when a classic TIFF could pass 4 GiB
// or when asked; tifffile and this package read back the same shape.
//
// Large reads are decoded on several threads, a band of strips or tiles
// each.
package tiff

import (
	"io"

	"github.com/kfilter/kfilter/filter"
)

// Read reads the whole array of the TIFF file of size bytes in r, with
// no limits other than the file's size (see [NewDecoder]).
func Read(r io.ReaderAt, size int64) (*filter.Array, error) {
	return ReadLimits(r, size, Limits{})
}

// ReadLimits reads the whole array of the TIFF file of size bytes in r
// within the limits.
func ReadLimits(r io.ReaderAt, size int64, lim Limits) (*filter.Array, error) {
	d, err := NewDecoder(r, size, lim)
	if err != nil {
		return nil, err
	}
	return d.Read()
}
