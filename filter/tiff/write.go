package tiff

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/kfilter/kfilter/filter"
)

// Compression is a compression scheme Write can use.
type Compression int

// The compression schemes Write can use.
const (
	None     Compression = 1
	Deflate  Compression = 8 // zlib, under Adobe's code
	PackBits Compression = 32773
)

// Predictor is a transform of the samples before compression.
type Predictor int

// The predictors.
const (
	NoPredictor   Predictor = 1
	Horizontal    Predictor = 2 // for integer samples
	FloatingPoint Predictor = 3 // for floating-point samples
)

// Options controls Write. The zero value writes uncompressed
// little-endian strips, every axis before the last two being pages.
type Options struct {
	// Channels says that the array's last axis holds the samples of each
	// pixel: 3 are written as RGB, 4 as RGB with (unassociated) alpha,
	// other counts as grey with extra samples. The page shape is then
	// (H, W, C) instead of (H, W).
	Channels bool

	Compression Compression // None (the default), Deflate or PackBits
	Predictor   Predictor   // with Deflate: Horizontal or FloatingPoint
	Level       int         // zlib level for Deflate; 0 means zlib.DefaultCompression

	BigEndian bool // write a big-endian ("MM") file
	BigTIFF   bool // write a BigTIFF even if a classic TIFF would do

	// RowsPerStrip is the height of a strip; zero means strips of about
	// 64 KiB. TileWidth and TileHeight, multiples of 16, write tiles
	// instead of strips.
	RowsPerStrip          int
	TileWidth, TileHeight int
}

// Write writes a to w as a TIFF file of one page per (H, W) or, with
// Options.Channels, (H, W, C) slice of a, in C order: an array of rank 3
// or more is a stack of pages. The first page carries tifffile's shape
// description ({"shape": [...]}), with which this package and tifffile
// read back the array's shape exactly.
//
// The file is a BigTIFF if opt.BigTIFF is set or if a classic TIFF's
// 32-bit offsets might not reach all of it (about 4 GiB). A nil opt is
// the zero Options.
//
// A compressed page's IFD, which holds the sizes of its chunks, comes
// before the chunks, so the compressed page is held in memory until it
// is written, unless w is an io.WriteSeeker (an *os.File): then each
// page is written chunk by chunk before its IFD, and the offsets that
// point to the IFD are written afterwards, so that no page is held in
// memory.
func Write(w io.Writer, a *filter.Array, opt *Options) error {
	var o Options
	if opt != nil {
		o = *opt
	}
	if a == nil {
		return &WriteError{"array", "nil array"}
	}
	if a.IsView() { // pages are written from C order
		c, err := filter.Compact(a)
		if err != nil {
			return &WriteError{"array", err.Error()}
		}
		a = c
	}
	if _, err := filter.ArrayOf(a.Data, a.Shape...); err != nil {
		return &WriteError{"array", err.Error()}
	}
	g, err := layout(a, &o)
	if err != nil {
		return err
	}
	e := &encoder{w: w, g: g, o: &o}
	if o.BigEndian {
		e.order = binary.BigEndian
	} else {
		e.order = binary.LittleEndian
	}
	return e.write(a)
}

// geometry is how an array is laid out in pages and chunks.
type geometry struct {
	h, w, spp, es  int
	pages          int
	chunkW, chunkH int
	across, down   int
	tiled          bool
	format         int
	big            bool
	desc           string
}

// layout checks the array's shape and dtype (not its data) and the
// options, and lays the pages out.
func layout(a *filter.Array, o *Options) (*geometry, error) {
	g := &geometry{format: 1}
	switch a.DType {
	case filter.Uint8, filter.Uint16, filter.Uint32, filter.Uint64:
	case filter.Int8, filter.Int16, filter.Int32, filter.Int64:
		g.format = 2
	case filter.Float32, filter.Float64:
		g.format = 3
	default:
		return nil, &WriteError{"array: dtype", a.DType.String() + " has no TIFF sample format"}
	}
	g.es = a.DType.Size()
	rank := 2
	if o.Channels {
		rank = 3
	}
	if len(a.Shape) < rank {
		return nil, &WriteError{"array: shape", fmt.Sprintf("%v: pages need %d axes", a.Shape, rank)}
	}
	for _, v := range a.Shape {
		if v == 0 {
			return nil, &WriteError{"array: shape", fmt.Sprintf("%v: TIFF cannot hold an empty array", a.Shape)}
		}
	}
	ps := a.Shape[len(a.Shape)-rank:]
	g.h, g.w, g.spp = ps[0], ps[1], 1
	if o.Channels {
		g.spp = ps[2]
	}
	if g.h > math.MaxUint32 || g.w > math.MaxUint32 || g.spp > math.MaxUint16 {
		return nil, &WriteError{"array: shape", fmt.Sprintf("%v: pages larger than TIFF allows", a.Shape)}
	}
	g.pages = a.Len() / (g.h * g.w * g.spp) // a.Len() fits: ArrayOf checked it
	switch o.Compression {
	case 0:
		o.Compression = None
	case None, Deflate, PackBits:
	default:
		return nil, &WriteError{"options", fmt.Sprintf("compression %d: Write supports None, Deflate and PackBits", o.Compression)}
	}
	switch o.Predictor {
	case 0:
		o.Predictor = NoPredictor
	case NoPredictor:
	case Horizontal, FloatingPoint:
		if o.Compression != Deflate {
			return nil, &WriteError{"options", "a predictor needs Deflate compression"}
		}
		if (o.Predictor == FloatingPoint) != (g.format == 3) {
			return nil, &WriteError{"options", fmt.Sprintf("predictor %d does not suit %s samples (Horizontal is for integers, FloatingPoint for floats)", o.Predictor, a.DType)}
		}
	default:
		return nil, &WriteError{"options", fmt.Sprintf("predictor %d: Write supports NoPredictor, Horizontal and FloatingPoint", o.Predictor)}
	}
	if o.Level < -2 || o.Level > 9 {
		return nil, &WriteError{"options", fmt.Sprintf("zlib level %d out of range", o.Level)}
	}
	rowBytes := g.w * g.spp * g.es
	switch {
	case o.TileWidth != 0 || o.TileHeight != 0:
		if o.TileWidth <= 0 || o.TileHeight <= 0 || o.TileWidth%16 != 0 || o.TileHeight%16 != 0 || o.TileWidth > 1<<16 || o.TileHeight > 1<<16 {
			return nil, &WriteError{"options", fmt.Sprintf("tiles of %dx%d: TIFF tiles are positive multiples of 16", o.TileWidth, o.TileHeight)}
		}
		g.tiled, g.chunkW, g.chunkH = true, o.TileWidth, o.TileHeight
	case o.RowsPerStrip < 0:
		return nil, &WriteError{"options", fmt.Sprintf("%d rows per strip", o.RowsPerStrip)}
	case o.RowsPerStrip > 0:
		g.chunkW, g.chunkH = g.w, min(o.RowsPerStrip, g.h)
	default:
		g.chunkW, g.chunkH = g.w, max(1, min(g.h, (1<<16)/rowBytes))
	}
	g.across = (g.w + g.chunkW - 1) / g.chunkW
	g.down = (g.h + g.chunkH - 1) / g.chunkH

	dims := make([]string, len(a.Shape))
	for i, v := range a.Shape {
		dims[i] = strconv.Itoa(v)
	}
	g.desc = `{"shape": [` + strings.Join(dims, ", ") + `]}`

	// A classic TIFF must reach its last byte with 32-bit offsets: bound
	// the file's size, data expanded as compression can at worst.
	nchunks := int64(g.across * g.down)
	chunk := int64(g.chunkW * g.chunkH * g.spp * g.es)
	var cb int64
	switch o.Compression {
	case None:
		cb = chunk
	case Deflate:
		cb = chunk + chunk>>12 + chunk>>14 + chunk>>25 + 13 + 6 // zlib's compressBound and its header
	case PackBits:
		cb = chunk + (chunk+127)/128
	}
	perPage := 512 + int64(len(g.desc)) + 20*int64(g.spp) + 16*nchunks + nchunks*cb
	total, ok := mul(int64(g.pages), perPage)
	g.big = o.BigTIFF || !ok || total+16 > math.MaxUint32
	return g, nil
}

type encoder struct {
	w     io.Writer
	g     *geometry
	o     *Options
	order binary.AppendByteOrder
	pos   int64
	err   error
	buf   []byte // raw chunk
	row   []byte // predictor scratch
	cbuf  bytes.Buffer
	zw    *zlib.Writer
}

func (e *encoder) put(b []byte) {
	if e.err != nil {
		return
	}
	_, e.err = e.w.Write(b)
	e.pos += int64(len(b))
}

func (e *encoder) write(a *filter.Array) error {
	g := e.g
	hdr := make([]byte, 0, 16)
	if e.o.BigEndian {
		hdr = append(hdr, "MM"...)
	} else {
		hdr = append(hdr, "II"...)
	}
	if g.big {
		hdr = e.order.AppendUint16(hdr, 43)
		hdr = e.order.AppendUint16(hdr, 8)
		hdr = e.order.AppendUint16(hdr, 0)
		hdr = e.order.AppendUint64(hdr, 16)
	} else {
		hdr = e.order.AppendUint16(hdr, 42)
		hdr = e.order.AppendUint32(hdr, 8)
	}
	e.put(hdr)
	nchunks := g.across * g.down
	if ws, ok := e.w.(io.WriteSeeker); ok && e.o.Compression != None {
		return e.writeSeeking(a, ws, int64(len(hdr)-g.ptrSize()), nchunks)
	}
	for pg := range g.pages {
		var counts []int64
		var data []byte
		if e.o.Compression == None {
			// the chunks' sizes are known: they are written after the
			// IFD straight from the array, with no copy of the page
			for i := range nchunks {
				counts = append(counts, int64(e.chunkRows(i)*g.chunkW*g.spp*g.es))
			}
		} else {
			// Compress the page's chunks first: the IFD precedes them
			// and holds their sizes.
			e.cbuf.Reset()
			for i := range nchunks {
				n := e.cbuf.Len()
				if err := e.compress(e.chunk(a, pg, i)); err != nil {
					return err
				}
				counts = append(counts, int64(e.cbuf.Len()-n))
			}
			data = e.cbuf.Bytes()
		}
		var dataLen int64
		for _, c := range counts {
			dataLen += c
		}
		last := pg == g.pages-1
		pad := dataLen & 1 // the next IFD starts on a word boundary
		ifd, _ := e.ifd(pg, counts, dataLen+pad, last, -1)
		e.put(ifd)
		if e.o.Compression != None {
			e.put(data)
		} else {
			for i := range nchunks {
				e.put(e.chunk(a, pg, i))
			}
		}
		if pad == 1 && !last {
			e.put([]byte{0})
		}
		if !g.big && e.pos > math.MaxUint32 {
			return &WriteError{"array", "the file passed 4 GiB; write it as a BigTIFF"}
		}
		if e.err != nil {
			return e.err
		}
	}
	return e.err
}

func (g *geometry) ptrSize() int {
	if g.big {
		return 8
	}
	return 4
}

// writeSeeking writes compressed pages each before its IFD, chunk by
// chunk, and then links the IFD in: the offset of the first IFD (at
// ptrPos in the header) and each IFD's next-IFD offset are written when
// the IFD they point to is. No page is held in memory.
func (e *encoder) writeSeeking(a *filter.Array, ws io.WriteSeeker, ptrPos int64, nchunks int) error {
	g := e.g
	base, err := ws.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	base -= e.pos // where the file starts
	for pg := range g.pages {
		dataStart := e.pos
		var counts []int64
		for i := range nchunks {
			e.cbuf.Reset()
			if err := e.compress(e.chunk(a, pg, i)); err != nil {
				return err
			}
			counts = append(counts, int64(e.cbuf.Len()))
			e.put(e.cbuf.Bytes())
		}
		if e.pos&1 == 1 {
			e.put([]byte{0}) // IFDs start on a word boundary
		}
		ifdPos := e.pos
		ifd, nextAt := e.ifd(pg, counts, 0, pg == g.pages-1, dataStart)
		e.put(ifd)
		if !g.big && e.pos > math.MaxUint32 {
			return &WriteError{"array", "the file passed 4 GiB; write it as a BigTIFF"}
		}
		if e.err != nil {
			return e.err
		}
		// link the IFD in, and come back to the end
		var ptr []byte
		if g.big {
			ptr = e.order.AppendUint64(nil, uint64(ifdPos))
		} else {
			ptr = e.order.AppendUint32(nil, uint32(ifdPos))
		}
		if _, err := ws.Seek(base+ptrPos, io.SeekStart); err != nil {
			return err
		}
		if _, err := ws.Write(ptr); err != nil {
			return err
		}
		if _, err := ws.Seek(base+e.pos, io.SeekStart); err != nil {
			return err
		}
		ptrPos = ifdPos + int64(nextAt)
	}
	return nil
}

// chunkRows is the number of rows of chunk i.
func (e *encoder) chunkRows(i int) int {
	g := e.g
	if g.tiled {
		return g.chunkH
	}
	return min(g.chunkH, g.h-(i/g.across)*g.chunkH)
}

// chunk encodes chunk i of page pg into e.buf, predictor applied.
func (e *encoder) chunk(a *filter.Array, pg, i int) []byte {
	g := e.g
	pageElems := g.h * g.w * g.spp
	ty, tx := i/g.across, i%g.across
	rows := e.chunkRows(i)
	raw := grow(&e.buf, int64(rows*g.chunkW*g.spp*g.es))
	if g.tiled {
		clear(raw)
	}
	rs := g.chunkW * g.spp * g.es
	w := min(g.chunkW, g.w-tx*g.chunkW)
	for r := range min(rows, g.h-ty*g.chunkH) {
		start := pg*pageElems + ((ty*g.chunkH+r)*g.w+tx*g.chunkW)*g.spp
		encodeSamples(raw[r*rs:r*rs+w*g.spp*g.es], a.Data, start, e.o.BigEndian)
	}
	switch e.o.Predictor {
	case Horizontal:
		for r := 0; r < len(raw); r += rs {
			predict(raw[r:r+rs], g.es, g.spp, e.o.BigEndian)
		}
	case FloatingPoint:
		tmp := grow(&e.row, int64(rs))
		for r := 0; r < len(raw); r += rs {
			predictFloat(raw[r:r+rs], tmp, g.es, g.spp, e.o.BigEndian)
		}
	}
	return raw
}

func (e *encoder) compress(raw []byte) error {
	switch e.o.Compression {
	case Deflate:
		level := e.o.Level
		if level == 0 {
			level = zlib.DefaultCompression
		}
		if e.zw == nil {
			var err error
			e.zw, err = zlib.NewWriterLevel(&e.cbuf, level)
			if err != nil {
				return &WriteError{"options", err.Error()}
			}
		} else {
			e.zw.Reset(&e.cbuf)
		}
		e.zw.Write(raw)
		return e.zw.Close()
	case PackBits:
		e.cbuf.Write(packBits(nil, raw))
	}
	return nil
}

// ifd returns the IFD of page pg with its out-of-line values, written at
// e.pos and followed by the chunks' data of dataLen bytes.
func (e *encoder) ifd(pg int, counts []int64, dataLen int64, last bool, dataStart int64) ([]byte, int) {
	g := e.g
	type ent struct {
		tag, typ int
		vals     []uint64
		ascii    string
	}
	short := func(tag int, v ...uint64) ent { return ent{tag: tag, typ: tyShort, vals: v} }
	long := func(tag int, v ...uint64) ent {
		if g.big {
			return ent{tag: tag, typ: tyLong8, vals: v}
		}
		return ent{tag: tag, typ: tyLong, vals: v}
	}
	rep := func(v uint64) []uint64 {
		s := make([]uint64, g.spp)
		for i := range s {
			s[i] = v
		}
		return s
	}
	photometric := uint64(1)
	if g.spp == 3 || g.spp == 4 {
		photometric = 2
	}
	ents := []ent{
		long(tImageWidth, uint64(g.w)),
		long(tImageLength, uint64(g.h)),
		short(tBitsPerSample, rep(uint64(8*g.es))...),
		short(tCompression, uint64(e.o.Compression)),
		short(tPhotometric, photometric),
	}
	if pg == 0 {
		ents = append(ents, ent{tag: tImageDescription, typ: tyASCII, ascii: g.desc})
	}
	offsets := make([]uint64, len(counts))
	cs := make([]uint64, len(counts))
	for i, c := range counts {
		cs[i] = uint64(c)
	}
	if !g.tiled {
		ents = append(ents, long(tStripOffsets, offsets...))
	}
	ents = append(ents, short(tSamplesPerPixel, uint64(g.spp)))
	if !g.tiled {
		ents = append(ents, long(tRowsPerStrip, uint64(g.chunkH)), long(tStripByteCounts, cs...))
	}
	ents = append(ents, short(tPlanarConfig, 1))
	if e.o.Predictor != NoPredictor {
		ents = append(ents, short(tPredictor, uint64(e.o.Predictor)))
	}
	if g.tiled {
		ents = append(ents, long(tTileWidth, uint64(g.chunkW)), long(tTileLength, uint64(g.chunkH)), long(tTileOffsets, offsets...), long(tTileByteCounts, cs...))
	}
	if extra := g.spp - 1; photometric == 2 {
		extra = g.spp - 3
		if extra > 0 {
			ents = append(ents, short(tExtraSamples, 2)) // unassociated alpha
		}
	} else if extra > 0 {
		ents = append(ents, short(tExtraSamples, make([]uint64, extra)...)) // unspecified
	}
	ents = append(ents, short(tSampleFormat, rep(uint64(g.format))...))

	cnt, es, nxt := 2, 12, 4
	inline := 4
	if g.big {
		cnt, es, nxt, inline = 8, 20, 8, 8
	}
	size := func(x ent) int {
		if x.typ == tyASCII {
			return len(x.ascii) + 1
		}
		return len(x.vals) * int(typeSize(uint16(x.typ)))
	}
	// Out-of-line values follow the IFD; the data follows them.
	valuePos := e.pos + int64(cnt+es*len(ents)+nxt)
	end := valuePos
	for _, x := range ents {
		if s := size(x); s > inline {
			end += int64(s + s&1)
		}
	}
	off := uint64(end)
	if dataStart >= 0 {
		off = uint64(dataStart) // the data precedes the IFD
	}
	for i, c := range counts {
		offsets[i] = off
		off += uint64(c)
	}
	next := uint64(0)
	if !last && dataStart < 0 {
		next = uint64(end + dataLen)
	}
	o := e.order
	b := make([]byte, 0, end-e.pos)
	var vals []byte
	if g.big {
		b = o.AppendUint64(b, uint64(len(ents)))
	} else {
		b = o.AppendUint16(b, uint16(len(ents)))
	}
	for _, x := range ents {
		var v []byte
		if x.typ == tyASCII {
			v = append([]byte(x.ascii), 0)
		} else {
			for _, u := range x.vals {
				switch x.typ {
				case tyShort:
					v = o.AppendUint16(v, uint16(u))
				case tyLong:
					v = o.AppendUint32(v, uint32(u))
				case tyLong8:
					v = o.AppendUint64(v, u)
				}
			}
		}
		b = o.AppendUint16(b, uint16(x.tag))
		b = o.AppendUint16(b, uint16(x.typ))
		n := uint64(len(v))
		if x.typ != tyASCII {
			n = uint64(len(x.vals))
		}
		if g.big {
			b = o.AppendUint64(b, n)
		} else {
			b = o.AppendUint32(b, uint32(n))
		}
		if len(v) <= inline {
			b = append(b, v...)
			b = append(b, make([]byte, inline-len(v))...)
			continue
		}
		p := uint64(valuePos + int64(len(vals)))
		if g.big {
			b = o.AppendUint64(b, p)
		} else {
			b = o.AppendUint32(b, uint32(p))
		}
		vals = append(vals, v...)
		if len(v)&1 == 1 {
			vals = append(vals, 0) // values start on word boundaries
		}
	}
	nextAt := len(b)
	if g.big {
		b = o.AppendUint64(b, next)
	} else {
		b = o.AppendUint32(b, uint32(next))
	}
	return append(b, vals...), nextAt
}

// encodeSamples writes the samples of data from element start on into
// dst, in the byte order asked for.
func encodeSamples(dst []byte, data any, start int, big bool) {
	switch s := data.(type) {
	case []uint8:
		copy(dst, s[start:])
	case []int8:
		for i := range dst {
			dst[i] = byte(s[start+i])
		}
	case []uint16:
		enc16(dst, s[start:], big)
	case []int16:
		enc16(dst, s[start:], big)
	case []uint32:
		enc32(dst, s[start:], big)
	case []int32:
		enc32(dst, s[start:], big)
	case []uint64:
		enc64(dst, s[start:], big)
	case []int64:
		enc64(dst, s[start:], big)
	case []float32:
		n := len(dst) / 4
		if big {
			for i, v := range s[start : start+n] {
				binary.BigEndian.PutUint32(dst[4*i:], math.Float32bits(v))
			}
		} else {
			for i, v := range s[start : start+n] {
				binary.LittleEndian.PutUint32(dst[4*i:], math.Float32bits(v))
			}
		}
	case []float64:
		n := len(dst) / 8
		if big {
			for i, v := range s[start : start+n] {
				binary.BigEndian.PutUint64(dst[8*i:], math.Float64bits(v))
			}
		} else {
			for i, v := range s[start : start+n] {
				binary.LittleEndian.PutUint64(dst[8*i:], math.Float64bits(v))
			}
		}
	}
}

func enc16[T ~uint16 | ~int16](dst []byte, s []T, big bool) {
	n := len(dst) / 2
	if big {
		for i, v := range s[:n] {
			binary.BigEndian.PutUint16(dst[2*i:], uint16(v))
		}
	} else {
		for i, v := range s[:n] {
			binary.LittleEndian.PutUint16(dst[2*i:], uint16(v))
		}
	}
}

func enc32[T ~uint32 | ~int32](dst []byte, s []T, big bool) {
	n := len(dst) / 4
	if big {
		for i, v := range s[:n] {
			binary.BigEndian.PutUint32(dst[4*i:], uint32(v))
		}
	} else {
		for i, v := range s[:n] {
			binary.LittleEndian.PutUint32(dst[4*i:], uint32(v))
		}
	}
}

func enc64[T ~uint64 | ~int64](dst []byte, s []T, big bool) {
	n := len(dst) / 8
	if big {
		for i, v := range s[:n] {
			binary.BigEndian.PutUint64(dst[8*i:], uint64(v))
		}
	} else {
		for i, v := range s[:n] {
			binary.LittleEndian.PutUint64(dst[8*i:], uint64(v))
		}
	}
}

// predict applies horizontal differencing to a row, right to left.
func predict(row []byte, size, stride int, big bool) {
	s := size * stride
	switch size {
	case 1:
		for i := len(row) - 1; i >= s; i-- {
			row[i] -= row[i-s]
		}
	case 2:
		for i := len(row) - 2; i >= s; i -= 2 {
			if big {
				binary.BigEndian.PutUint16(row[i:], binary.BigEndian.Uint16(row[i:])-binary.BigEndian.Uint16(row[i-s:]))
			} else {
				binary.LittleEndian.PutUint16(row[i:], binary.LittleEndian.Uint16(row[i:])-binary.LittleEndian.Uint16(row[i-s:]))
			}
		}
	case 4:
		for i := len(row) - 4; i >= s; i -= 4 {
			if big {
				binary.BigEndian.PutUint32(row[i:], binary.BigEndian.Uint32(row[i:])-binary.BigEndian.Uint32(row[i-s:]))
			} else {
				binary.LittleEndian.PutUint32(row[i:], binary.LittleEndian.Uint32(row[i:])-binary.LittleEndian.Uint32(row[i-s:]))
			}
		}
	case 8:
		for i := len(row) - 8; i >= s; i -= 8 {
			if big {
				binary.BigEndian.PutUint64(row[i:], binary.BigEndian.Uint64(row[i:])-binary.BigEndian.Uint64(row[i-s:]))
			} else {
				binary.LittleEndian.PutUint64(row[i:], binary.LittleEndian.Uint64(row[i:])-binary.LittleEndian.Uint64(row[i-s:]))
			}
		}
	}
}

// predictFloat applies the floating-point predictor to a row of samples
// in the given byte order: their bytes are regrouped most significant
// first, then differenced stride apart.
func predictFloat(row, tmp []byte, size, stride int, big bool) {
	n := len(row) / size
	for i := range n {
		for k := range size {
			src := k
			if !big {
				src = size - 1 - k
			}
			tmp[k*n+i] = row[i*size+src]
		}
	}
	for i := len(row) - 1; i >= stride; i-- {
		tmp[i] -= tmp[i-stride]
	}
	copy(row, tmp)
}

// packBits appends the PackBits encoding of src to dst.
func packBits(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		// a run of at least 3 equal bytes is repeated; else literals
		j := i + 1
		for j < len(src) && j-i < 128 && src[j] == src[i] {
			j++
		}
		if j-i >= 3 {
			dst = append(dst, byte(int8(1-(j-i))), src[i])
			i = j
			continue
		}
		k := i
		for k < len(src) && k-i < 128 {
			if k+2 < len(src) && src[k] == src[k+1] && src[k] == src[k+2] {
				break
			}
			k++
		}
		dst = append(dst, byte(k-i-1))
		dst = append(dst, src[i:k]...)
		i = k
	}
	return dst
}
