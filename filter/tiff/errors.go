package tiff

import (
	"errors"
	"fmt"
)

// ErrLimit is wrapped by the *[FormatError] returned when the array a
// call would return is larger than [Limits.MaxBytes], or a file holds
// more pages than [Limits.MaxPages].
var ErrLimit = errors.New("tiff: size limit exceeded")

// A FormatError describes a malformed TIFF file.
type FormatError struct {
	Offset int64  // byte offset of the data at fault (perhaps past the file's end), or -1
	Page   int    // index of the IFD (page) at fault, or -1
	Tag    int    // number of the tag at fault, or 0
	Msg    string // description of the problem
	Err    error  // underlying error (ErrLimit, an I/O or decompression error); may be nil
}

// Error returns a message such as
// "tiff: page 2: StripOffsets (tag 273): offset 70000 is beyond the end of the file (4096 bytes)".
func (e *FormatError) Error() string {
	s := "tiff: " + where(e.Page, e.Tag)
	switch {
	case e.Msg != "":
		s += e.Msg
	case e.Err != nil:
		s += e.Err.Error()
	default:
		s += "malformed file"
	}
	return s
}

// Unwrap returns the underlying error, which may be nil.
func (e *FormatError) Unwrap() error { return e.Err }

// An UnsupportedError reports a valid TIFF feature that this package does
// not read or write, such as JPEG compression or a palette image, naming
// the tag and value at fault.
type UnsupportedError struct {
	Page  int    // index of the IFD (page), or -1
	Tag   int    // number of the tag, or 0
	Value int64  // the tag's value at fault, when Tag is set
	Msg   string // what is not supported
}

// Error returns a message such as
// "tiff: page 0: Compression (tag 259): 7 (JPEG) is not supported".
func (e *UnsupportedError) Error() string {
	return "tiff: " + where(e.Page, e.Tag) + e.Msg
}

// A WriteError reports an array or options that [Write] cannot write.
type WriteError struct {
	Field string // "array", "array: dtype", "array: shape", "options"
	Msg   string
}

func (e *WriteError) Error() string { return "tiff: " + e.Field + ": " + e.Msg }

func where(page, tag int) string {
	s := ""
	if page >= 0 {
		s += fmt.Sprintf("page %d: ", page)
	}
	if tag != 0 {
		s += tagName(tag) + ": "
	}
	return s
}

// tagName names a tag for messages: "StripOffsets (tag 273)".
func tagName(tag int) string {
	if n, ok := tagNames[tag]; ok {
		return fmt.Sprintf("%s (tag %d)", n, tag)
	}
	return fmt.Sprintf("tag %d", tag)
}

var tagNames = map[int]string{
	tNewSubfileType:   "NewSubfileType",
	tImageWidth:       "ImageWidth",
	tImageLength:      "ImageLength",
	tBitsPerSample:    "BitsPerSample",
	tCompression:      "Compression",
	tPhotometric:      "PhotometricInterpretation",
	tFillOrder:        "FillOrder",
	tImageDescription: "ImageDescription",
	tStripOffsets:     "StripOffsets",
	tSamplesPerPixel:  "SamplesPerPixel",
	tRowsPerStrip:     "RowsPerStrip",
	tStripByteCounts:  "StripByteCounts",
	tPlanarConfig:     "PlanarConfiguration",
	tPredictor:        "Predictor",
	tTileWidth:        "TileWidth",
	tTileLength:       "TileLength",
	tTileOffsets:      "TileOffsets",
	tTileByteCounts:   "TileByteCounts",
	tExtraSamples:     "ExtraSamples",
	tSampleFormat:     "SampleFormat",
	tImageDepth:       "ImageDepth",
	tTileDepth:        "TileDepth",
	tYCbCrSubSampling: "YCbCrSubSampling",
	tJPEGTables:       "JPEGTables",
	tSubIFDs:          "SubIFDs",
	tColorMap:         "ColorMap",
	tTransferFunction: "TransferFunction",
	tSMinSampleValue:  "SMinSampleValue",
	tSMaxSampleValue:  "SMaxSampleValue",
	tResolutionUnit:   "ResolutionUnit",
	tXResolution:      "XResolution",
	tYResolution:      "YResolution",
	tSoftware:         "Software",
	tOrientation:      "Orientation",
	tDateTime:         "DateTime",
	tMinSampleValue:   "MinSampleValue",
	tMaxSampleValue:   "MaxSampleValue",
}

// compressionNames names the compression schemes in messages, the
// unsupported ones included.
var compressionNames = map[int64]string{
	cNone:       "none",
	2:           "CCITT RLE",
	3:           "CCITT Group 3",
	4:           "CCITT Group 4",
	cLZW:        "LZW",
	6:           "old-style JPEG",
	7:           "JPEG",
	cDeflate:    "Adobe deflate",
	32766:       "NeXT",
	32771:       "CCITT RLEW",
	cPackBits:   "PackBits",
	32809:       "ThunderScan",
	cDeflateOld: "deflate",
	34661:       "JBIG",
	34676:       "SGI LogLuv",
	34712:       "JPEG 2000",
	34887:       "LERC",
	34925:       "LZMA",
	50000:       "Zstandard",
	50001:       "WebP",
	50002:       "JPEG XL",
	34892:       "lossy JPEG (DNG)",
	33003:       "JPEG 2000 (Aperio)",
	33005:       "JPEG 2000 (Aperio)",
	34933:       "PNG",
	34934:       "JPEG XR",
}

func compressionName(c int64) string {
	if n := compressionNames[c]; n != "" {
		return fmt.Sprintf("%d (%s)", c, n)
	}
	return fmt.Sprintf("%d (unknown)", c)
}
