package tiff

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/kfilter/kfilter/filter"
)

// Tags.
const (
	tNewSubfileType   = 254
	tImageWidth       = 256
	tImageLength      = 257
	tBitsPerSample    = 258
	tCompression      = 259
	tPhotometric      = 262
	tFillOrder        = 266
	tImageDescription = 270
	tStripOffsets     = 273
	tOrientation      = 274
	tSamplesPerPixel  = 277
	tRowsPerStrip     = 278
	tStripByteCounts  = 279
	tMinSampleValue   = 280
	tMaxSampleValue   = 281
	tXResolution      = 282
	tYResolution      = 283
	tPlanarConfig     = 284
	tResolutionUnit   = 296
	tTransferFunction = 301
	tSoftware         = 305
	tDateTime         = 306
	tPredictor        = 317
	tColorMap         = 320
	tTileWidth        = 322
	tTileLength       = 323
	tTileOffsets      = 324
	tTileByteCounts   = 325
	tSubIFDs          = 330
	tExtraSamples     = 338
	tSampleFormat     = 339
	tSMinSampleValue  = 340
	tSMaxSampleValue  = 341
	tJPEGTables       = 347
	tYCbCrSubSampling = 530
	tImageDepth       = 32997
	tTileDepth        = 32998
)

// Compression schemes.
const (
	cNone       = 1
	cLZW        = 5
	cDeflate    = 8
	cPackBits   = 32773
	cDeflateOld = 32946
)

// Field types.
const (
	tyByte      = 1
	tyASCII     = 2
	tyShort     = 3
	tyLong      = 4
	tyRational  = 5
	tySByte     = 6
	tyUndefined = 7
	tySShort    = 8
	tySLong     = 9
	tySRational = 10
	tyFloat     = 11
	tyDouble    = 12
	tyIFD       = 13
	tyLong8     = 16
	tySLong8    = 17
	tyIFD8      = 18
)

func typeSize(t uint16) int64 {
	switch t {
	case tyByte, tyASCII, tySByte, tyUndefined:
		return 1
	case tyShort, tySShort:
		return 2
	case tyLong, tySLong, tyFloat, tyIFD:
		return 4
	case tyRational, tySRational, tyDouble, tyLong8, tySLong8, tyIFD8:
		return 8
	}
	return 0
}

const (
	// maxIFDEntries bounds the entries of one IFD; real files have a few
	// dozen.
	maxIFDEntries = 1 << 16

	// DefaultMaxPages is the number of IFDs followed when
	// Limits.MaxPages is zero.
	DefaultMaxPages = 1 << 20

	// maxDescription is the longest ImageDescription read; the ImageJ
	// and tifffile descriptions this package uses are far shorter.
	maxDescription = 1 << 16
)

// entry is an IFD entry: a tag's type, count and where its values are.
type entry struct {
	typ   uint16
	count uint64
	pos   int64   // file offset of the values, or -1 if inline
	val   [8]byte // the inline values
}

// page is one IFD, checked: everything needed to decode its data
// except the chunk offsets and byte counts, which are read when the page
// is decoded.
type page struct {
	index  int   // IFD index in the file
	offset int64 // IFD offset

	width, height int
	spp           int // samples per pixel
	bps           int // bits per sample
	format        int // SampleFormat: 1 unsigned, 2 signed, 3 float
	dtype         filter.DType
	compression   int64
	predictor     int
	invert        bool // MinIsWhite: unsigned samples are inverted
	planar        bool // PlanarConfiguration 2: one plane per sample
	subfile       int64

	// chunks: strips are chunks of width x rowsPerStrip
	tiled          bool
	chunkW, chunkH int
	across, down   int // chunks per plane in each direction
	nchunks        int // in all planes
	offsets        entry
	counts         entry

	// virtual >= 0: the page stands for all the pages of the array,
	// stored contiguously and uncompressed from this offset, as ImageJ
	// and tifffile write large stacks with a single IFD.
	virtual int64

	description string // ImageDescription of the first page only
}

func (p *page) elemSize() int { return p.bps / 8 }

// rowBytes is the size of one row of a page.
func (p *page) rowBytes() int64 { return int64(p.width) * int64(p.spp) * int64(p.bps/8) }

// nbytes is the decoded size of a page.
func (p *page) nbytes() int64 { return p.rowBytes() * int64(p.height) }

// chunkSamples is the number of samples in a row of a chunk.
func (p *page) chunkSamples() int {
	if p.planar {
		return p.chunkW
	}
	return p.chunkW * p.spp
}

// file is the parsed header and the reader.
type file struct {
	r     io.ReaderAt
	size  int64
	order binary.ByteOrder
	big   bool // BigTIFF
}

func (f *file) formatErr(off int64, page, tag int, format string, args ...any) error {
	return &FormatError{Offset: off, Page: page, Tag: tag, Msg: fmt.Sprintf(format, args...)}
}

// readAt reads len(b) bytes at off, which must lie inside the file.
func (f *file) readAt(b []byte, off int64, page, tag int, what string) error {
	if off < 0 || off > f.size || int64(len(b)) > f.size-off {
		return f.formatErr(off, page, tag, "%s at offset %d, %d bytes long, passes the end of the file (%d bytes)", what, off, len(b), f.size)
	}
	n, err := f.r.ReadAt(b, off)
	if n == len(b) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return &FormatError{Offset: off + int64(n), Page: page, Tag: tag, Msg: fmt.Sprintf("reading %s: %v", what, err), Err: err}
}

// header parses the file header and returns the offset of the first IFD.
func (f *file) header() (int64, error) {
	var b [16]byte
	n, _ := f.r.ReadAt(b[:min(int64(16), f.size)], 0)
	if n < 8 {
		return 0, f.formatErr(int64(n), -1, 0, "file too short for a TIFF header: %d bytes", f.size)
	}
	switch string(b[:2]) {
	case "II":
		f.order = binary.LittleEndian
	case "MM":
		f.order = binary.BigEndian
	default:
		return 0, f.formatErr(0, -1, 0, "not a TIFF file: starts with %q, not \"II\" or \"MM\"", b[:2])
	}
	switch v := f.order.Uint16(b[2:]); v {
	case 42:
		return int64(f.order.Uint32(b[4:])), nil
	case 43:
		f.big = true
		if n < 16 {
			return 0, f.formatErr(int64(n), -1, 0, "file too short for a BigTIFF header: %d bytes", f.size)
		}
		if bs, z := f.order.Uint16(b[4:]), f.order.Uint16(b[6:]); bs != 8 || z != 0 {
			return 0, f.formatErr(4, -1, 0, "BigTIFF header declares offsets of %d bytes, not 8", bs)
		}
		off := f.order.Uint64(b[8:])
		if off > math.MaxInt64 {
			return 0, f.formatErr(8, -1, 0, "first IFD offset %d is beyond the end of the file (%d bytes)", off, f.size)
		}
		return int64(off), nil
	default:
		return 0, f.formatErr(2, -1, 0, "not a TIFF file: version %d, not 42 (TIFF) or 43 (BigTIFF)", v)
	}
}

// ifd reads the entries of the IFD at off and the offset of the next.
func (f *file) ifd(off int64, index int) (map[int]entry, int64, error) {
	cs, es, ns := int64(2), int64(12), int64(4)
	if f.big {
		cs, es, ns = 8, 20, 8
	}
	var b [8]byte
	if err := f.readAt(b[:cs], off, index, 0, "IFD entry count"); err != nil {
		return nil, 0, err
	}
	var n uint64
	if f.big {
		n = f.order.Uint64(b[:])
	} else {
		n = uint64(f.order.Uint16(b[:]))
	}
	if n == 0 {
		return nil, 0, f.formatErr(off, index, 0, "IFD at offset %d has no entries", off)
	}
	if n > maxIFDEntries || int64(n)*es+cs+ns > f.size-off {
		return nil, 0, f.formatErr(off, index, 0, "IFD at offset %d declares %d entries, more than the file holds (%d bytes)", off, n, f.size)
	}
	buf := make([]byte, int64(n)*es+ns)
	if err := f.readAt(buf, off+cs, index, 0, "IFD entries"); err != nil {
		return nil, 0, err
	}
	m := make(map[int]entry, n)
	for i := range int(n) {
		e := buf[int64(i)*es:]
		tag := int(f.order.Uint16(e))
		var ent entry
		ent.typ = f.order.Uint16(e[2:])
		var valb []byte
		if f.big {
			ent.count = f.order.Uint64(e[4:])
			valb = e[12:20]
		} else {
			ent.count = uint64(f.order.Uint32(e[4:]))
			valb = e[8:12]
		}
		ts := typeSize(ent.typ)
		if ts == 0 {
			// An unknown type: skip the entry, as the spec asks.
			continue
		}
		if _, dup := m[tag]; dup {
			continue // the first of duplicated entries wins, as in libtiff
		}
		if ent.count > uint64(f.size) || int64(ent.count)*ts > f.size {
			return nil, 0, f.formatErr(off+cs+int64(i)*es, index, tag, "count %d is larger than the file (%d bytes)", ent.count, f.size)
		}
		if int64(ent.count)*ts <= int64(len(valb)) {
			ent.pos = -1
			copy(ent.val[:], valb)
		} else {
			var p uint64
			if f.big {
				p = f.order.Uint64(valb)
			} else {
				p = uint64(f.order.Uint32(valb))
			}
			if p > uint64(f.size) || int64(ent.count)*ts > f.size-int64(p) {
				return nil, 0, f.formatErr(off+cs+int64(i)*es, index, tag, "values at offset %d, %d bytes long, pass the end of the file (%d bytes)", p, int64(ent.count)*ts, f.size)
			}
			ent.pos = int64(p)
		}
		m[tag] = ent
	}
	tail := buf[int64(n)*es:]
	var next uint64
	if f.big {
		next = f.order.Uint64(tail)
	} else {
		next = uint64(f.order.Uint32(tail))
	}
	if next > uint64(math.MaxInt64) {
		return nil, 0, f.formatErr(off+cs+int64(n)*es, index, 0, "next IFD offset %d is beyond the end of the file (%d bytes)", next, f.size)
	}
	return m, int64(next), nil
}

// uints reads the values of an integer entry, at most max of them.
func (f *file) uints(e entry, index, tag int, max uint64) ([]uint64, error) {
	switch e.typ {
	case tyByte, tyShort, tyLong, tyLong8, tyIFD, tyIFD8, tyUndefined:
	default:
		return nil, f.formatErr(e.pos, index, tag, "has field type %d, not an unsigned integer type", e.typ)
	}
	if e.count > max {
		return nil, f.formatErr(e.pos, index, tag, "has %d values, expected at most %d", e.count, max)
	}
	ts := typeSize(e.typ)
	b := e.val[:]
	if e.pos >= 0 {
		b = make([]byte, int64(e.count)*ts)
		if err := f.readAt(b, e.pos, index, tag, "values"); err != nil {
			return nil, err
		}
	}
	v := make([]uint64, e.count)
	for i := range v {
		switch ts {
		case 1:
			v[i] = uint64(b[i])
		case 2:
			v[i] = uint64(f.order.Uint16(b[2*i:]))
		case 4:
			v[i] = uint64(f.order.Uint32(b[4*i:]))
		case 8:
			v[i] = f.order.Uint64(b[8*i:])
		}
	}
	return v, nil
}

// page checks the entries of IFD number index and returns the page.
func (f *file) page(m map[int]entry, index int, off int64) (*page, error) {
	p := &page{index: index, offset: off, virtual: -1}
	// one reads a tag that must hold one value (or several equal ones,
	// as BitsPerSample and SampleFormat do), with a default when absent.
	one := func(tag int, def int64, required bool) (int64, error) {
		e, ok := m[tag]
		if !ok {
			if required {
				return 0, f.formatErr(off, index, tag, "missing")
			}
			return def, nil
		}
		if e.count == 0 {
			return 0, f.formatErr(off, index, tag, "has no value")
		}
		v, err := f.uints(e, index, tag, 1<<16)
		if err != nil {
			return 0, err
		}
		for _, x := range v[1:] {
			if x != v[0] {
				return 0, &UnsupportedError{Page: index, Tag: tag, Value: int64(x), Msg: fmt.Sprintf("samples with different values %v are not supported", v)}
			}
		}
		if v[0] > math.MaxInt32*2+1 {
			return 0, f.formatErr(off, index, tag, "value %d out of range", v[0])
		}
		return int64(v[0]), nil
	}
	var err error
	get := func(tag int, def int64, required bool) int64 {
		if err != nil {
			return 0
		}
		var v int64
		v, err = one(tag, def, required)
		return v
	}
	width := get(tImageWidth, 0, true)
	height := get(tImageLength, 0, true)
	spp := get(tSamplesPerPixel, 1, false)
	bps := get(tBitsPerSample, 1, false)
	format := get(tSampleFormat, 1, false)
	p.compression = get(tCompression, cNone, false)
	photometric := get(tPhotometric, -1, false)
	planar := get(tPlanarConfig, 1, false)
	predictor := get(tPredictor, 1, false)
	fill := get(tFillOrder, 1, false)
	p.subfile = get(tNewSubfileType, 0, false)
	depth := get(tImageDepth, 1, false)
	if err != nil {
		return nil, err
	}
	unsupported := func(tag int, v int64, msg string) error {
		return &UnsupportedError{Page: index, Tag: tag, Value: v, Msg: msg}
	}
	if width == 0 || height == 0 {
		return nil, f.formatErr(off, index, 0, "image of %dx%d pixels has no pixels", width, height)
	}
	if spp == 0 || spp > 1<<10 {
		return nil, f.formatErr(off, index, tSamplesPerPixel, "%d samples per pixel", spp)
	}
	if depth != 1 {
		return nil, unsupported(tImageDepth, depth, fmt.Sprintf("%d: volumetric images are not supported", depth))
	}
	if fill != 1 {
		return nil, unsupported(tFillOrder, fill, fmt.Sprintf("%d: only FillOrder 1 (most significant bit first) is supported", fill))
	}
	switch p.compression {
	case cNone, cLZW, cDeflate, cDeflateOld, cPackBits:
	default:
		return nil, unsupported(tCompression, p.compression, compressionName(p.compression)+" is not supported; none, LZW, deflate and PackBits are")
	}
	p.width, p.height, p.spp = int(width), int(height), int(spp)
	p.bps, p.format = int(bps), int(format)
	if format < 1 || format > 4 {
		return nil, unsupported(tSampleFormat, format, fmt.Sprintf("%d is not supported (1 unsigned, 2 signed and 3 floating-point are)", format))
	}
	p.dtype = sampleTypes[sampleType{format, bps}]
	if p.dtype == 0 {
		kind := map[int64]string{1: "unsigned integer", 4: "unsigned integer", 2: "signed integer", 3: "floating-point"}[format]
		return nil, unsupported(tBitsPerSample, bps, fmt.Sprintf("%d-bit %s samples are not supported", bps, kind))
	}
	switch photometric {
	case -1, 1: // absent: read the samples as they are
	case 0:
		if format != 1 && format != 4 {
			return nil, unsupported(tPhotometric, photometric, "0 (MinIsWhite) with signed or floating-point samples is not supported: inverting them has no single meaning")
		}
		p.invert = true
	case 2:
		if spp < 3 {
			return nil, f.formatErr(off, index, tPhotometric, "RGB image with %d samples per pixel", spp)
		}
	default:
		name := map[int64]string{3: "palette", 4: "transparency mask", 5: "separated (CMYK)", 6: "YCbCr", 8: "CIELab", 9: "ICCLab", 10: "ITULab", 32844: "LogL", 32845: "LogLuv", 32803: "CFA", 34892: "LinearRaw"}[photometric]
		if name == "" {
			name = "unknown"
		}
		return nil, unsupported(tPhotometric, photometric, fmt.Sprintf("%d (%s) is not supported; grey (0, 1) and RGB (2) are", photometric, name))
	}
	switch planar {
	case 1:
	case 2:
		p.planar = spp > 1
	default:
		return nil, f.formatErr(off, index, tPlanarConfig, "value %d is neither 1 (contiguous) nor 2 (separate)", planar)
	}
	switch predictor {
	case 1:
	case 2, 3:
		if p.compression == cNone || p.compression == cPackBits {
			// libtiff ignores a predictor here and other readers apply
			// it: refuse rather than pick one.
			return nil, unsupported(tPredictor, predictor, fmt.Sprintf("%d with Compression %s is ambiguous (libtiff ignores it)", predictor, compressionName(p.compression)))
		}
		if predictor == 3 && format != 3 {
			return nil, f.formatErr(off, index, tPredictor, "3 (floating point) with integer samples")
		}
	default:
		return nil, unsupported(tPredictor, predictor, fmt.Sprintf("%d is not supported (1 none, 2 horizontal and 3 floating point are)", predictor))
	}
	p.predictor = int(predictor)

	// Sizes: a page must fit in an int64 of bytes, and a chunk must not
	// be absurdly larger than its page.
	if _, ok := mul(width, height, spp, bps/8); !ok {
		return nil, f.formatErr(off, index, 0, "image of %dx%dx%d %s samples is too large", width, height, spp, p.dtype)
	}
	_, tiled := m[tTileWidth]
	ot, ct := tStripOffsets, tStripByteCounts
	if tiled {
		tw := get(tTileWidth, 0, true)
		th := get(tTileLength, 0, true)
		if err != nil {
			return nil, err
		}
		if tw == 0 || th == 0 {
			return nil, f.formatErr(off, index, tTileWidth, "tiles of %dx%d pixels", tw, th)
		}
		if _, ok := m[tTileDepth]; ok && get(tTileDepth, 1, false) != 1 {
			return nil, unsupported(tTileDepth, 0, "volumetric tiles are not supported")
		}
		p.tiled, p.chunkW, p.chunkH = true, int(tw), int(th)
		ot, ct = tTileOffsets, tTileByteCounts
	} else {
		rps := get(tRowsPerStrip, math.MaxUint32, false)
		if err != nil {
			return nil, err
		}
		if rps == 0 {
			return nil, f.formatErr(off, index, tRowsPerStrip, "zero rows per strip")
		}
		p.chunkW, p.chunkH = p.width, int(min(rps, height))
	}
	cb, ok := mul(int64(p.chunkW), int64(p.chunkH), int64(p.chunkSamples()/p.chunkW), bps/8)
	if !ok || cb > max(4*p.nbytes(), 1<<24) {
		return nil, f.formatErr(off, index, tTileWidth, "tiles of %dx%d pixels are far larger than the %dx%d image", p.chunkW, p.chunkH, width, height)
	}
	p.across = (p.width + p.chunkW - 1) / p.chunkW
	p.down = (p.height + p.chunkH - 1) / p.chunkH
	planes := int64(1)
	if p.planar {
		planes = int64(p.spp)
	}
	// each chunk has at least a byte of data and an entry in two tables
	n, ok := mul(int64(p.across), int64(p.down), planes)
	if !ok || n > f.size {
		return nil, f.formatErr(off, index, ot, "%dx%d image in chunks of %dx%d: more chunks than the file has bytes", width, height, p.chunkW, p.chunkH)
	}
	p.nchunks = int(n)
	var hasO, hasC bool
	p.offsets, hasO = m[ot]
	p.counts, hasC = m[ct]
	if !hasO {
		return nil, f.formatErr(off, index, ot, "missing")
	}
	if !hasC {
		return nil, f.formatErr(off, index, ct, "missing")
	}
	for _, t := range []int{ot, ct} {
		e := m[t]
		if e.count != uint64(p.nchunks) {
			return nil, f.formatErr(off, index, t, "has %d values; a %dx%d image in chunks of %dx%d needs %d", e.count, width, height, p.chunkW, p.chunkH, p.nchunks)
		}
	}
	if e, ok := m[tImageDescription]; ok && index == 0 && e.typ == tyASCII && e.count <= maxDescription {
		var b []byte
		if e.pos < 0 {
			b = e.val[:e.count]
		} else {
			b = make([]byte, e.count)
			if err := f.readAt(b, e.pos, index, tImageDescription, "ImageDescription"); err != nil {
				return nil, err
			}
		}
		for len(b) > 0 && b[len(b)-1] == 0 {
			b = b[:len(b)-1]
		}
		p.description = string(b)
	}
	return p, nil
}

// mul multiplies positive sizes, reporting whether the product fits in
// 62 bits.
func mul(v ...int64) (int64, bool) {
	n := int64(1)
	for _, x := range v {
		if x < 0 || (x > 0 && n > (1<<62)/x) {
			return 0, false
		}
		n *= x
	}
	return n, true
}

// sampleType is a SampleFormat and BitsPerSample pair.
type sampleType struct{ format, bits int64 }

// sampleTypes are the sample types read, by SampleFormat (1 unsigned,
// 2 signed, 3 floating point, 4 "undefined", read as unsigned) and
// BitsPerSample.
var sampleTypes = map[sampleType]filter.DType{
	{1, 8}: filter.Uint8, {1, 16}: filter.Uint16, {1, 32}: filter.Uint32, {1, 64}: filter.Uint64,
	{4, 8}: filter.Uint8, {4, 16}: filter.Uint16, {4, 32}: filter.Uint32, {4, 64}: filter.Uint64,
	{2, 8}: filter.Int8, {2, 16}: filter.Int16, {2, 32}: filter.Int32, {2, 64}: filter.Int64,
	{3, 32}: filter.Float32, {3, 64}: filter.Float64,
}
