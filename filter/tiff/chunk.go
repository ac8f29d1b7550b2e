package tiff

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"golang.org/x/image/tiff/lzw"
)

// chunkReader decodes strips and tiles, reusing its buffers.
type chunkReader struct {
	comp []byte // compressed bytes
	buf  []byte // decoded chunk
	tmp  []byte // floating-point predictor's row
	br   bytes.Reader
	zr   io.ReadCloser
}

// band decodes job j's rows into dst, a slice of the page's dtype.
func (c *chunkReader) band(d *Decoder, j job, dst any) error {
	p, y0, y1, reg := j.p, j.y0, j.y1, j.reg
	rowElems := p.width * p.spp
	if p.virtual >= 0 {
		// read a bounded band of rows at a time: the scratch buffer stays
		// small however large the page
		rb := p.rowBytes()
		step := max(1, int(scratchBytes/rb))
		for r0 := y0; r0 < y1; r0 += step {
			r1 := min(y1, r0+step)
			b := grow(&c.buf, int64(r1-r0)*rb)
			if err := d.f.readAt(b, p.virtual+int64(j.k)*p.nbytes()+int64(r0)*rb, p.index, 0, "image data"); err != nil {
				return err
			}
			put(dst, reg.off+(r0-reg.y0)*rowElems, 1, b, d.f.order == binary.BigEndian, p.invert)
		}
		return nil
	}
	es := p.elemSize()
	planes := 1
	if p.planar {
		planes = p.spp
	}
	perPlane := p.across * p.down
	rs := p.chunkSamples() * es
	for plane := range planes {
		for ty := y0 / p.chunkH; ty < p.down && ty*p.chunkH < y1; ty++ {
			rows := min(p.chunkH, p.height-ty*p.chunkH) // rows of image data in the chunk
			if p.tiled {
				rows = p.chunkH
			}
			if p.compression == cNone && !p.tiled {
				if err := c.rawStrip(d, j, dst, plane, plane*perPlane+ty, ty, rows, rs); err != nil {
					return err
				}
				continue
			}
			for tx := range p.across {
				i := plane*perPlane + ty*p.across + tx
				big, err := c.decode(d, p, i, j.offs[i], j.counts[i], int64(rows)*int64(rs))
				if err != nil {
					return err
				}
				// copy the chunk's rows inside [y0, y1) and the image
				x0 := tx * p.chunkW
				w := min(p.chunkW, p.width-x0)
				for r := max(y0, ty*p.chunkH); r < min(y1, ty*p.chunkH+p.chunkH, p.height); r++ {
					src := c.buf[(r-ty*p.chunkH)*rs:]
					di := reg.off + (r-reg.y0)*rowElems + x0*p.spp
					n := w * p.spp
					if p.planar {
						// separate planes give (S, rows, W), as tifffile reads them
						di = reg.off + (plane*reg.rows+r-reg.y0)*p.width + x0
						n = w
					}
					put(dst, di, 1, src[:n*es], big, p.invert)
				}
			}
		}
	}
	return nil
}

// scratchBytes bounds the buffer an uncompressed strip is read through.
const scratchBytes = 1 << 20

// rawStrip reads the rows of uncompressed strip i (number ty of its
// plane, rows long, rs bytes a row) inside job j's rows, a bounded band
// at a time, straight from the file: only the rows asked for are read,
// and the scratch buffer stays small however large the strip.
func (c *chunkReader) rawStrip(d *Decoder, j job, dst any, plane, i, ty, rows, rs int) error {
	p, reg := j.p, j.reg
	off, count := j.offs[i], j.counts[i]
	if need := int64(rows) * int64(rs); count < need {
		return d.f.formatErr(off, p.index, tStripOffsets, "strip %d holds %d bytes, the image needs %d", i, count, need)
	}
	big := d.f.order == binary.BigEndian
	es := p.elemSize()
	top := ty * p.chunkH
	start, end := max(j.y0, top), min(j.y1, top+rows)
	step := max(1, scratchBytes/rs)
	for r0 := start; r0 < end; r0 += step {
		r1 := min(end, r0+step)
		b := grow(&c.buf, int64(r1-r0)*int64(rs))
		if err := d.f.readAt(b, off+int64(r0-top)*int64(rs), p.index, tStripOffsets, fmt.Sprintf("strip %d", i)); err != nil {
			return err
		}
		for r := r0; r < r1; r++ {
			src := b[(r-r0)*rs:]
			di := reg.off + (r-reg.y0)*p.width*p.spp
			n := p.width * p.spp
			if p.planar {
				di = reg.off + (plane*reg.rows+r-reg.y0)*p.width
				n = p.width
			}
			put(dst, di, 1, src[:n*es], big, p.invert)
		}
	}
	return nil
}

func grow(b *[]byte, n int64) []byte {
	if int64(cap(*b)) < n {
		*b = make([]byte, n)
	}
	*b = (*b)[:n]
	return *b
}

// decode decompresses chunk i into c.buf (need bytes) and undoes the
// predictor. It reports whether the samples in c.buf are big-endian.
func (c *chunkReader) decode(d *Decoder, p *page, i int, off, count, need int64) (bool, error) {
	big := d.f.order == binary.BigEndian
	tag := tStripOffsets
	what := fmt.Sprintf("strip %d", i)
	if p.tiled {
		tag, what = tTileOffsets, fmt.Sprintf("tile %d", i)
	}
	buf := grow(&c.buf, need)
	if p.compression == cNone {
		if count < need {
			return false, d.f.formatErr(off, p.index, tag, "%s holds %d bytes, the image needs %d", what, count, need)
		}
		return big, d.f.readAt(buf, off, p.index, tag, what)
	}
	comp := grow(&c.comp, count)
	if err := d.f.readAt(comp, off, p.index, tag, what); err != nil {
		return false, err
	}
	var n int
	var err error
	switch p.compression {
	case cPackBits:
		n, err = unpackBits(buf, comp)
	case cLZW:
		if len(comp) >= 2 && comp[0] == 0 && comp[1]&1 != 0 {
			return false, &UnsupportedError{Page: p.index, Tag: tCompression, Value: cLZW, Msg: what + ": old-style LZW (before TIFF 6) is not supported"}
		}
		c.br.Reset(comp)
		r := lzw.NewReader(&c.br, lzw.MSB, 8)
		n, err = io.ReadFull(r, buf)
		r.Close()
	case cDeflate, cDeflateOld:
		c.br.Reset(comp)
		if c.zr == nil {
			c.zr, err = zlib.NewReader(&c.br)
		} else {
			err = c.zr.(zlib.Resetter).Reset(&c.br, nil)
		}
		if err == nil {
			n, err = io.ReadFull(c.zr, buf)
		}
	}
	if n < len(buf) {
		if err == nil || err == io.EOF || err == io.ErrUnexpectedEOF {
			return false, d.f.formatErr(off, p.index, tag, "%s decompresses to %d bytes, the image needs %d", what, n, len(buf))
		}
		return false, &FormatError{Offset: off, Page: p.index, Tag: tag, Msg: fmt.Sprintf("%s: %s data: %v", what, compressionNames[p.compression], err), Err: err}
	}
	switch p.predictor {
	case 2:
		stride := p.spp
		if p.planar {
			stride = 1
		}
		rs := p.chunkSamples() * p.elemSize()
		for r := 0; r+rs <= len(buf); r += rs {
			unpredict(buf[r:r+rs], p.elemSize(), stride, big)
		}
	case 3:
		stride := p.spp
		if p.planar {
			stride = 1
		}
		rs := p.chunkSamples() * p.elemSize()
		tmp := grow(&c.tmp, int64(rs))
		for r := 0; r+rs <= len(buf); r += rs {
			unpredictFloat(buf[r:r+rs], tmp, p.elemSize(), stride)
		}
		big = true
	}
	return big, nil
}

// unpackBits decodes PackBits data into dst, returning the bytes
// written.
func unpackBits(dst, src []byte) (int, error) {
	n := 0
	for i := 0; i < len(src) && n < len(dst); {
		h := int(int8(src[i]))
		i++
		switch {
		case h >= 0:
			k := h + 1
			if i+k > len(src) {
				return n, errors.New("literal run passes the end of the data")
			}
			n += copy(dst[n:], src[i:i+k])
			i += k
		case h != -128:
			if i >= len(src) {
				return n, errors.New("repeat run passes the end of the data")
			}
			k := min(1-h, len(dst)-n)
			v := src[i]
			i++
			for j := range k {
				dst[n+j] = v
			}
			n += k
		}
	}
	return n, nil
}

// unpredict undoes horizontal differencing on a row of samples of size
// bytes each, stride samples apart.
func unpredict(row []byte, size, stride int, big bool) {
	switch size {
	case 1:
		for i := stride; i < len(row); i++ {
			row[i] += row[i-stride]
		}
	case 2:
		s := 2 * stride
		if big {
			for i := s; i+2 <= len(row); i += 2 {
				binary.BigEndian.PutUint16(row[i:], binary.BigEndian.Uint16(row[i:])+binary.BigEndian.Uint16(row[i-s:]))
			}
		} else {
			for i := s; i+2 <= len(row); i += 2 {
				binary.LittleEndian.PutUint16(row[i:], binary.LittleEndian.Uint16(row[i:])+binary.LittleEndian.Uint16(row[i-s:]))
			}
		}
	case 4:
		s := 4 * stride
		if big {
			for i := s; i+4 <= len(row); i += 4 {
				binary.BigEndian.PutUint32(row[i:], binary.BigEndian.Uint32(row[i:])+binary.BigEndian.Uint32(row[i-s:]))
			}
		} else {
			for i := s; i+4 <= len(row); i += 4 {
				binary.LittleEndian.PutUint32(row[i:], binary.LittleEndian.Uint32(row[i:])+binary.LittleEndian.Uint32(row[i-s:]))
			}
		}
	case 8:
		s := 8 * stride
		if big {
			for i := s; i+8 <= len(row); i += 8 {
				binary.BigEndian.PutUint64(row[i:], binary.BigEndian.Uint64(row[i:])+binary.BigEndian.Uint64(row[i-s:]))
			}
		} else {
			for i := s; i+8 <= len(row); i += 8 {
				binary.LittleEndian.PutUint64(row[i:], binary.LittleEndian.Uint64(row[i:])+binary.LittleEndian.Uint64(row[i-s:]))
			}
		}
	}
}

// unpredictFloat undoes the floating-point predictor on a row: the
// bytes are differenced stride apart, then hold the samples' most
// significant bytes first, the next bytes next and so on. The row is
// left holding big-endian samples.
func unpredictFloat(row, tmp []byte, size, stride int) {
	n := len(row) / size
	tmp = tmp[:len(row)]
	if stride == 1 {
		var acc byte
		for i, b := range row {
			acc += b
			tmp[i] = acc
		}
	} else {
		copy(tmp, row)
		for i := stride; i < len(tmp); i++ {
			tmp[i] += tmp[i-stride]
		}
	}
	switch size {
	case 4:
		p0, p1, p2, p3 := tmp[:n], tmp[n:2*n], tmp[2*n:3*n], tmp[3*n:4*n]
		for i := range n {
			o := row[4*i : 4*i+4 : 4*i+4]
			o[0], o[1], o[2], o[3] = p0[i], p1[i], p2[i], p3[i]
		}
	case 8:
		p0, p1, p2, p3 := tmp[:n], tmp[n:2*n], tmp[2*n:3*n], tmp[3*n:4*n]
		p4, p5, p6, p7 := tmp[4*n:5*n], tmp[5*n:6*n], tmp[6*n:7*n], tmp[7*n:8*n]
		for i := range n {
			o := row[8*i : 8*i+8 : 8*i+8]
			o[0], o[1], o[2], o[3] = p0[i], p1[i], p2[i], p3[i]
			o[4], o[5], o[6], o[7] = p4[i], p5[i], p6[i], p7[i]
		}
	default:
		for k := range size {
			for i, b := range tmp[k*n : k*n+n] {
				row[i*size+k] = b
			}
		}
	}
}

// put converts n samples in src (big- or little-endian) to dst's type,
// writing them from dst[i] on, step apart; MinIsWhite samples are
// inverted.
func put(dst any, i, step int, src []byte, big, invert bool) {
	switch s := dst.(type) {
	case []uint8:
		put8(s, i, step, src, invert)
	case []int8:
		put8(s, i, step, src, false)
	case []uint16:
		put16(s, i, step, src, big, invert)
	case []int16:
		put16(s, i, step, src, big, false)
	case []uint32:
		put32(s, i, step, src, big, invert)
	case []int32:
		put32(s, i, step, src, big, false)
	case []uint64:
		put64(s, i, step, src, big, invert)
	case []int64:
		put64(s, i, step, src, big, false)
	case []float32:
		if big {
			for k := 0; k+4 <= len(src); k += 4 {
				s[i] = math.Float32frombits(binary.BigEndian.Uint32(src[k:]))
				i += step
			}
		} else {
			for k := 0; k+4 <= len(src); k += 4 {
				s[i] = math.Float32frombits(binary.LittleEndian.Uint32(src[k:]))
				i += step
			}
		}
	case []float64:
		if big {
			for k := 0; k+8 <= len(src); k += 8 {
				s[i] = math.Float64frombits(binary.BigEndian.Uint64(src[k:]))
				i += step
			}
		} else {
			for k := 0; k+8 <= len(src); k += 8 {
				s[i] = math.Float64frombits(binary.LittleEndian.Uint64(src[k:]))
				i += step
			}
		}
	}
}

func put8[T ~uint8 | ~int8](s []T, i, step int, src []byte, invert bool) {
	var x T
	if invert {
		x = ^x
	}
	if step == 1 && !invert {
		for k, b := range src {
			s[i+k] = T(b)
		}
		return
	}
	for _, b := range src {
		s[i] = T(b) ^ x
		i += step
	}
}

func put16[T ~uint16 | ~int16](s []T, i, step int, src []byte, big, invert bool) {
	var x T
	if invert {
		x = ^x
	}
	if big {
		for k := 0; k+2 <= len(src); k += 2 {
			s[i] = T(binary.BigEndian.Uint16(src[k:])) ^ x
			i += step
		}
	} else {
		for k := 0; k+2 <= len(src); k += 2 {
			s[i] = T(binary.LittleEndian.Uint16(src[k:])) ^ x
			i += step
		}
	}
}

func put32[T ~uint32 | ~int32](s []T, i, step int, src []byte, big, invert bool) {
	var x T
	if invert {
		x = ^x
	}
	if big {
		for k := 0; k+4 <= len(src); k += 4 {
			s[i] = T(binary.BigEndian.Uint32(src[k:])) ^ x
			i += step
		}
	} else {
		for k := 0; k+4 <= len(src); k += 4 {
			s[i] = T(binary.LittleEndian.Uint32(src[k:])) ^ x
			i += step
		}
	}
}

func put64[T ~uint64 | ~int64](s []T, i, step int, src []byte, big, invert bool) {
	var x T
	if invert {
		x = ^x
	}
	if big {
		for k := 0; k+8 <= len(src); k += 8 {
			s[i] = T(binary.BigEndian.Uint64(src[k:])) ^ x
			i += step
		}
	} else {
		for k := 0; k+8 <= len(src); k += 8 {
			s[i] = T(binary.LittleEndian.Uint64(src[k:])) ^ x
			i += step
		}
	}
}
