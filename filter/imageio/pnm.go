package imageio

// Netpbm codec: PGM (P2, P5) and PPM (P3, P6) images.
//
// The header follows the netpbm specification: a two-byte magic number,
// then width, height and maxval as ASCII decimal numbers separated by
// whitespace (blank, TAB, CR, LF, VT, FF), with '#' comments (running to
// the next CR or LF) allowed anywhere between tokens. In the binary
// formats exactly one whitespace byte follows maxval and the raster starts
// right after it; as in libnetpbm, a comment directly after maxval is
// skipped up to and including its terminating newline, which then counts
// as that whitespace byte. Only the first image of a multi-image stream is
// read, and anything after the raster is ignored.
//
// The decoder runs on files from strangers: it checks the declared size
// against a caller-supplied pixel limit before allocating anything sized by
// the header, allocates nothing beyond the declared image plus one row of
// scratch space, rejects samples above maxval, and reports truncated files
// with the expected amount of data.

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"
	"math"
)

const (
	// pnmMaxDigits bounds the length of a decimal number, leading zeros
	// included.
	pnmMaxDigits = 20
	// pnmMaxDim bounds the declared width and height, so that their
	// product fits comfortably in an int64.
	pnmMaxDim = math.MaxInt32
)

// decodePNM reads a PGM or PPM image: P2 (ASCII grey), P5 (binary grey), P3
// (ASCII colour), P6 (binary colour), with maxval 1..65535. It returns
// *image.Gray (maxval <= 255) or *image.Gray16 (maxval > 255) for grey,
// *image.NRGBA or *image.NRGBA64 for colour (alpha opaque). Samples are
// scaled to the full range when maxval is not 255 or 65535 (e.g. maxval 15:
// v*255/15 rounded), as netpbm does when converting.
//
// An image with more than maxPixels pixels is rejected before any pixel
// memory is allocated; a non-positive maxPixels rejects every image.
func decodePNM(r io.Reader, maxPixels int64) (image.Image, error) {
	d := &pnmDecoder{br: bufio.NewReader(r)}
	return d.decode(maxPixels)
}

// encodePNM writes P5 for *image.Gray (maxval 255) and *image.Gray16
// (maxval 65535, big-endian samples), P6 for *image.NRGBA / *image.NRGBA64
// (maxval 255 / 65535), alpha dropped; other image types give an error
// saying which types are supported.
func encodePNM(w io.Writer, img image.Image) error {
	var (
		magic    string
		maxval   int
		channels int // samples per pixel written
		bps      int // bytes per sample
		pixBytes int // bytes per pixel in Pix
		pix      []byte
		stride   int
		rect     image.Rectangle
	)
	switch m := img.(type) {
	case *image.Gray:
		if m == nil {
			return errors.New("pgm/ppm: cannot encode a nil *image.Gray")
		}
		magic, maxval, channels, bps, pixBytes = "P5", 255, 1, 1, 1
		pix, stride, rect = m.Pix, m.Stride, m.Rect
	case *image.Gray16:
		if m == nil {
			return errors.New("pgm/ppm: cannot encode a nil *image.Gray16")
		}
		magic, maxval, channels, bps, pixBytes = "P5", 65535, 1, 2, 2
		pix, stride, rect = m.Pix, m.Stride, m.Rect
	case *image.NRGBA:
		if m == nil {
			return errors.New("pgm/ppm: cannot encode a nil *image.NRGBA")
		}
		magic, maxval, channels, bps, pixBytes = "P6", 255, 3, 1, 4
		pix, stride, rect = m.Pix, m.Stride, m.Rect
	case *image.NRGBA64:
		if m == nil {
			return errors.New("pgm/ppm: cannot encode a nil *image.NRGBA64")
		}
		magic, maxval, channels, bps, pixBytes = "P6", 65535, 3, 2, 8
		pix, stride, rect = m.Pix, m.Stride, m.Rect
	case nil:
		return errors.New("pgm/ppm: cannot encode a nil image")
	default:
		return fmt.Errorf("pgm/ppm: cannot encode image type %T: supported types are *image.Gray, *image.Gray16 (PGM) and *image.NRGBA, *image.NRGBA64 (PPM)", img)
	}
	width, height := rect.Dx(), rect.Dy()
	if width <= 0 || height <= 0 {
		return fmt.Errorf("pgm/ppm: cannot encode an empty image (%dx%d): width and height must be positive", width, height)
	}
	if need := (height-1)*stride + width*pixBytes; stride < width*pixBytes || len(pix) < need {
		return fmt.Errorf("pgm/ppm: malformed %T: Pix has %d bytes and stride %d, too few for %dx%d pixels", img, len(pix), stride, width, height)
	}

	bw := bufio.NewWriter(w)
	if _, err := fmt.Fprintf(bw, "%s\n%d %d\n%d\n", magic, width, height, maxval); err != nil {
		return fmt.Errorf("pgm/ppm: writing header: %w", err)
	}
	rowBytes := width * pixBytes
	if channels == 1 {
		// Gray and Gray16 rows are already in PGM raster order
		// (Gray16 samples are big-endian in Pix).
		for y := 0; y < height; y++ {
			if _, err := bw.Write(pix[y*stride : y*stride+rowBytes]); err != nil {
				return fmt.Errorf("pgm/ppm: writing pixel data: %w", err)
			}
		}
	} else {
		out := make([]byte, width*channels*bps)
		for y := 0; y < height; y++ {
			row := pix[y*stride : y*stride+rowBytes]
			if bps == 1 {
				for x := 0; x < width; x++ {
					copy(out[3*x:3*x+3], row[4*x:4*x+3])
				}
			} else {
				for x := 0; x < width; x++ {
					copy(out[6*x:6*x+6], row[8*x:8*x+6])
				}
			}
			if _, err := bw.Write(out); err != nil {
				return fmt.Errorf("pgm/ppm: writing pixel data: %w", err)
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("pgm/ppm: writing pixel data: %w", err)
	}
	return nil
}

// pnmDecoder holds the state of one decodePNM call.
type pnmDecoder struct {
	br *bufio.Reader

	// Position of the ASCII sample being read, for error messages.
	x, y int
}

func isPNMSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r':
		return true
	}
	return false
}

func (d *pnmDecoder) decode(maxPixels int64) (image.Image, error) {
	magic, err := d.readMagic()
	if err != nil {
		return nil, err
	}
	ascii := magic == '2' || magic == '3'
	channels := 1
	if magic == '3' || magic == '6' {
		channels = 3
	}

	width, err := d.readHeaderNumber("width")
	if err != nil {
		return nil, err
	}
	if width == 0 {
		return nil, errors.New("pgm/ppm: width must be positive, got 0")
	}
	if width > pnmMaxDim {
		return nil, fmt.Errorf("pgm/ppm: width %d is too large (more than %d)", width, pnmMaxDim)
	}
	height, err := d.readHeaderNumber("height")
	if err != nil {
		return nil, err
	}
	if height == 0 {
		return nil, errors.New("pgm/ppm: height must be positive, got 0")
	}
	if height > pnmMaxDim {
		return nil, fmt.Errorf("pgm/ppm: height %d is too large (more than %d)", height, pnmMaxDim)
	}
	// Both are at most 2^31-1, so the product cannot overflow an int64.
	pixels := int64(width) * int64(height)
	if pixels > maxPixels {
		return nil, limitError(fmt.Sprintf("pgm/ppm: image size %dx%d (%d pixels) exceeds the limit of %d pixels", width, height, pixels, maxPixels))
	}
	// The largest result type uses 8 bytes per pixel.
	if pixels > math.MaxInt/8 {
		return nil, fmt.Errorf("pgm/ppm: image size %dx%d (%d pixels) is too large for this platform", width, height, pixels)
	}

	mv, err := d.readHeaderNumber("maxval")
	if err != nil {
		return nil, err
	}
	if mv == 0 || mv > 65535 {
		return nil, fmt.Errorf("pgm/ppm: maxval %d is out of range (must be 1..65535)", mv)
	}
	maxval := int(mv)

	w, h := int(width), int(height)
	rect := image.Rect(0, 0, w, h)
	var img image.Image
	outMax := 255
	switch {
	case channels == 1 && maxval <= 255:
		img = image.NewGray(rect)
	case channels == 1:
		img, outMax = image.NewGray16(rect), 65535
	case maxval <= 255:
		m := image.NewNRGBA(rect)
		for i := 3; i < len(m.Pix); i += 4 {
			m.Pix[i] = 0xff
		}
		img = m
	default:
		m := image.NewNRGBA64(rect)
		for i := 6; i < len(m.Pix); i += 8 {
			m.Pix[i], m.Pix[i+1] = 0xff, 0xff
		}
		img, outMax = m, 65535
	}
	st := &pnmStore{img: img, width: w, channels: channels, maxval: maxval, outMax: outMax}

	samples := make([]uint16, w*channels) // one row
	if ascii {
		err = d.readASCII(st, samples, h)
	} else {
		err = d.readBinary(st, samples, h)
	}
	if err != nil {
		return nil, err
	}
	return img, nil
}

// readMagic reads the magic number and returns its digit ('2', '3', '5'
// or '6'). It also checks that a separator follows it.
func (d *pnmDecoder) readMagic() (byte, error) {
	c0, err := d.br.ReadByte()
	if err == io.EOF {
		return 0, errors.New("pgm/ppm: empty input")
	}
	if err != nil {
		return 0, fmt.Errorf("pgm/ppm: reading header: %w", err)
	}
	if c0 != 'P' {
		return 0, fmt.Errorf("pgm/ppm: bad magic number: file starts with %q, want P2, P3, P5 or P6", c0)
	}
	c1, err := d.br.ReadByte()
	if err == io.EOF {
		return 0, errors.New("pgm/ppm: truncated header: incomplete magic number")
	}
	if err != nil {
		return 0, fmt.Errorf("pgm/ppm: reading header: %w", err)
	}
	switch c1 {
	case '2', '3', '5', '6':
	case '1', '4':
		return 0, fmt.Errorf("pgm/ppm: PBM bitmap format P%c is not supported (only PGM P2/P5 and PPM P3/P6)", c1)
	case '7':
		return 0, errors.New("pgm/ppm: PAM format P7 is not supported (only PGM P2/P5 and PPM P3/P6)")
	default:
		return 0, fmt.Errorf("pgm/ppm: bad magic number %q, want P2, P3, P5 or P6", []byte{c0, c1})
	}
	c2, err := d.br.ReadByte()
	if err == io.EOF {
		return 0, errors.New("pgm/ppm: truncated header: missing width")
	}
	if err != nil {
		return 0, fmt.Errorf("pgm/ppm: reading header: %w", err)
	}
	if !isPNMSpace(c2) && c2 != '#' {
		return 0, fmt.Errorf("pgm/ppm: bad magic number %q, want P2, P3, P5 or P6 followed by whitespace", []byte{c0, c1, c2})
	}
	_ = d.br.UnreadByte() // cannot fail right after ReadByte
	return c1, nil
}

// readHeaderNumber reads one header token. For maxval of a binary format
// it also consumes the single whitespace byte (or comment) before the
// raster; readNumber leaves the delimiter unread.
func (d *pnmDecoder) readHeaderNumber(what string) (uint64, error) {
	v, ok, err := d.readNumber(what)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, fmt.Errorf("pgm/ppm: truncated header: missing %s", what)
	}
	return v, nil
}

// skipSpace skips whitespace and comments. It returns io.EOF at the end of
// the input and any other read error unchanged.
func (d *pnmDecoder) skipSpace() error {
	for {
		c, err := d.br.ReadByte()
		if err != nil {
			return err
		}
		if isPNMSpace(c) {
			continue
		}
		if c == '#' {
			if err := d.skipComment(); err != nil {
				return err
			}
			continue
		}
		return d.br.UnreadByte()
	}
}

// skipComment skips the rest of a comment up to and including the next CR
// or LF.
func (d *pnmDecoder) skipComment() error {
	for {
		c, err := d.br.ReadByte()
		if err != nil {
			return err
		}
		if c == '\n' || c == '\r' {
			return nil
		}
	}
}

// name describes what is being read, for error messages.
func (d *pnmDecoder) name(what string) string {
	if what == "sample" {
		return fmt.Sprintf("sample at pixel (%d, %d)", d.x, d.y)
	}
	return what
}

// readNumber skips whitespace and comments and reads an unsigned decimal
// number, leaving the byte after it unread. ok is false (with a nil error)
// if the input ends before a number starts. The number must be followed by
// whitespace, a comment or the end of the input. Values are bounded to 32
// bits and to pnmMaxDigits digits.
func (d *pnmDecoder) readNumber(what string) (v uint64, ok bool, err error) {
	if err := d.skipSpace(); err != nil {
		if err == io.EOF {
			return 0, false, nil
		}
		return 0, false, fmt.Errorf("pgm/ppm: reading %s: %w", d.name(what), err)
	}
	var tok [pnmMaxDigits]byte
	n := 0
	for {
		c, err := d.br.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, false, fmt.Errorf("pgm/ppm: reading %s: %w", d.name(what), err)
		}
		if isPNMSpace(c) || c == '#' {
			_ = d.br.UnreadByte()
			break
		}
		if c < '0' || c > '9' {
			return 0, false, d.badToken(what, tok[:n], c)
		}
		if n == pnmMaxDigits {
			return 0, false, fmt.Errorf("pgm/ppm: invalid %s: number too long (more than %d digits)", d.name(what), pnmMaxDigits)
		}
		tok[n] = c
		n++
		v = v*10 + uint64(c-'0')
		if v > math.MaxUint32 {
			return 0, false, fmt.Errorf("pgm/ppm: invalid %s: number %s... is too large (more than %d)", d.name(what), tok[:n], uint64(math.MaxUint32))
		}
	}
	// skipSpace left a non-separator byte unread, so at least one byte
	// was consumed above, and it was a digit.
	return v, true, nil
}

// badToken builds the error for a token that is not a decimal number:
// prefix holds the digits already read and c the offending byte. It reads
// the rest of the token (a bounded amount) to quote it.
func (d *pnmDecoder) badToken(what string, prefix []byte, c byte) error {
	const show = 20
	tok := append(make([]byte, 0, show+1), prefix...)
	tok = append(tok, c)
	for len(tok) <= show {
		c, err := d.br.ReadByte()
		if err != nil {
			break
		}
		if isPNMSpace(c) || c == '#' {
			break
		}
		tok = append(tok, c)
	}
	s := string(tok)
	if len(tok) > show {
		s = string(tok[:show]) + "..."
	}
	if tok[0] == '-' {
		return fmt.Errorf("pgm/ppm: invalid %s: %q is negative", d.name(what), s)
	}
	return fmt.Errorf("pgm/ppm: invalid %s: %q is not a decimal number", d.name(what), s)
}

// readASCII reads the raster of P2 and P3 files.
func (d *pnmDecoder) readASCII(st *pnmStore, row []uint16, height int) error {
	total := int64(len(row)) * int64(height)
	for y := 0; y < height; y++ {
		for i := range row {
			d.x, d.y = i/st.channels, y
			v, ok, err := d.readNumber("sample")
			if err != nil {
				return err
			}
			if !ok {
				got := int64(y)*int64(len(row)) + int64(i)
				return fmt.Errorf("pgm/ppm: truncated file: expected %d samples, got %d", total, got)
			}
			if v > uint64(st.maxval) {
				return fmt.Errorf("pgm/ppm: sample value %d at pixel (%d, %d) exceeds maxval %d", v, d.x, y, st.maxval)
			}
			row[i] = uint16(v)
		}
		if err := st.storeRow(y, row); err != nil {
			return err
		}
	}
	return nil
}

// readBinary reads the raster of P5 and P6 files, after consuming the
// single whitespace byte that ends the header.
func (d *pnmDecoder) readBinary(st *pnmStore, row []uint16, height int) error {
	bps := 1
	if st.maxval > 255 {
		bps = 2
	}
	rowBytes := len(row) * bps
	total := int64(rowBytes) * int64(height)

	// readNumber stopped at a separator or the end of the input.
	c, err := d.br.ReadByte()
	if err == io.EOF {
		return fmt.Errorf("pgm/ppm: truncated file: expected %d bytes of pixel data, got 0", total)
	}
	if err != nil {
		return fmt.Errorf("pgm/ppm: reading header: %w", err)
	}
	if c == '#' {
		if err := d.skipComment(); err == io.EOF {
			return fmt.Errorf("pgm/ppm: truncated file: expected %d bytes of pixel data, got 0", total)
		} else if err != nil {
			return fmt.Errorf("pgm/ppm: reading header: %w", err)
		}
	}

	buf := make([]byte, rowBytes)
	for y := 0; y < height; y++ {
		n, err := io.ReadFull(d.br, buf)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			got := int64(y)*int64(rowBytes) + int64(n)
			return fmt.Errorf("pgm/ppm: truncated file: expected %d bytes of pixel data, got %d", total, got)
		}
		if err != nil {
			return fmt.Errorf("pgm/ppm: reading pixel data: %w", err)
		}
		if bps == 1 {
			for i, b := range buf {
				row[i] = uint16(b)
			}
		} else {
			for i := range row {
				row[i] = binary.BigEndian.Uint16(buf[2*i:])
			}
		}
		if err := st.storeRow(y, row); err != nil {
			return err
		}
	}
	return nil
}

// pnmStore checks, scales and stores rows of samples into the result.
type pnmStore struct {
	img      image.Image
	width    int
	channels int
	maxval   int // declared maxval
	outMax   int // 255 or 65535
}

// storeRow checks the samples of row y against maxval, scales them to
// outMax and stores them. It modifies s.
func (st *pnmStore) storeRow(y int, s []uint16) error {
	for i, v := range s {
		if int(v) > st.maxval {
			return fmt.Errorf("pgm/ppm: sample value %d at pixel (%d, %d) exceeds maxval %d", v, i/st.channels, y, st.maxval)
		}
	}
	if st.maxval != st.outMax {
		m, half, out := uint32(st.maxval), uint32(st.maxval/2), uint32(st.outMax)
		for i, v := range s {
			// At most 65535*65535 + 32767 < 2^32.
			s[i] = uint16((uint32(v)*out + half) / m)
		}
	}
	switch m := st.img.(type) {
	case *image.Gray:
		dst := m.Pix[y*m.Stride : y*m.Stride+st.width]
		for x, v := range s {
			dst[x] = uint8(v)
		}
	case *image.Gray16:
		dst := m.Pix[y*m.Stride : y*m.Stride+2*st.width]
		for x, v := range s {
			binary.BigEndian.PutUint16(dst[2*x:], v)
		}
	case *image.NRGBA:
		dst := m.Pix[y*m.Stride : y*m.Stride+4*st.width]
		for x := 0; x < st.width; x++ {
			dst[4*x] = uint8(s[3*x])
			dst[4*x+1] = uint8(s[3*x+1])
			dst[4*x+2] = uint8(s[3*x+2])
		}
	case *image.NRGBA64:
		dst := m.Pix[y*m.Stride : y*m.Stride+8*st.width]
		for x := 0; x < st.width; x++ {
			binary.BigEndian.PutUint16(dst[8*x:], s[3*x])
			binary.BigEndian.PutUint16(dst[8*x+2:], s[3*x+1])
			binary.BigEndian.PutUint16(dst[8*x+4:], s[3*x+2])
		}
	}
	return nil
}
