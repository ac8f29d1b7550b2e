package main

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"

	"github.com/kfilter/kfilter/filter"
)

// What the image decoders do not say: how many images a TIFF holds, and
// how many channels a file has (Go's decoders give an opaque RGBA file as
// RGB, and x/image/tiff writes every colour image with alpha). Channels
// in are channels out.

// maxTIFFPages bounds the walk along a TIFF's chain of images.
const maxTIFFPages = 1 << 16

// A pagesError is a TIFF with more than one image: kfilter reads one.
type pagesError struct {
	Pages int  // images in the file
	More  bool // at least Pages: the walk stopped at maxTIFFPages
}

func (e *pagesError) Error() string {
	n := fmt.Sprint(e.Pages)
	if e.More {
		n = "more than " + n
	}
	return fmt.Sprintf("a TIFF of %s pages (images); kfilter reads single-page TIFFs only: save a stack as .npy", n)
}

// layout is what a file's header says of its channels.
type layout struct {
	grey  bool // one colour channel (PNG grey with tRNS or alpha decodes as RGBA)
	alpha bool // an alpha channel, opaque or not
}

// tiffLayout walks the chain of image file directories (IFDs) of a TIFF,
// refusing more than one image, and reads from the first whether it has
// alpha. The walk is bounded: each IFD is checked against the file's
// length, a chain that loops back is an error, and it stops after
// maxTIFFPages.
func tiffLayout(raw []byte) (layout, error) {
	var bo binary.ByteOrder
	switch {
	case bytes.HasPrefix(raw, []byte("II*\x00")):
		bo = binary.LittleEndian
	case bytes.HasPrefix(raw, []byte("MM\x00*")):
		bo = binary.BigEndian
	default:
		return layout{}, errors.New("not a valid tiff file: bad header")
	}
	if len(raw) < 8 {
		return layout{}, errors.New("not a valid tiff file: truncated header")
	}
	var lay layout
	seen := make(map[uint32]bool)
	pages := 0
	for off := bo.Uint32(raw[4:]); off != 0; pages++ {
		if pages == maxTIFFPages {
			return layout{}, &pagesError{Pages: pages, More: true}
		}
		if seen[off] {
			return layout{}, fmt.Errorf("not a valid tiff file: the chain of images loops back to offset %d after %d images", off, pages)
		}
		seen[off] = true
		if int64(off)+2 > int64(len(raw)) {
			return layout{}, fmt.Errorf("not a valid tiff file: image %d at offset %d is past the end of the file (%d bytes)", pages+1, off, len(raw))
		}
		n := int64(bo.Uint16(raw[off:]))
		end := int64(off) + 2 + 12*n + 4
		if end > int64(len(raw)) {
			return layout{}, fmt.Errorf("not a valid tiff file: the directory of image %d at offset %d runs past the end of the file (%d bytes)", pages+1, off, len(raw))
		}
		if pages == 0 {
			var photometric, samples, bits uint32
			for i := int64(0); i < n; i++ {
				e := raw[int64(off)+2+12*i:]
				switch bo.Uint16(e) {
				case 258: // BitsPerSample: one per sample
					bits = bo.Uint32(e[4:])
				case 262: // PhotometricInterpretation
					photometric = uint32(bo.Uint16(e[8:]))
				case 277: // SamplesPerPixel
					samples = uint32(bo.Uint16(e[8:]))
				}
			}
			lay.alpha = photometric == 2 && max(samples, bits) == 4
		}
		off = bo.Uint32(raw[end-4:])
	}
	if pages > 1 {
		return layout{}, &pagesError{Pages: pages}
	}
	return lay, nil
}

// pngLayout reads a PNG's colour type and looks for a tRNS chunk (a
// transparent colour, which Go decodes as alpha) before the image data.
func pngLayout(raw []byte) layout {
	if len(raw) < 26 {
		return layout{} // png.DecodeConfig has reported it
	}
	ct := raw[25] // IHDR is the first chunk: 8 + 4 + 4 + 9
	lay := layout{grey: ct == 0 || ct == 4, alpha: ct == 4 || ct == 6}
	for p := 8; p+8 <= len(raw); {
		n := int(binary.BigEndian.Uint32(raw[p:]))
		switch string(raw[p+4 : p+8]) {
		case "tRNS":
			lay.alpha = true
			return lay
		case "IDAT", "IEND":
			return lay
		}
		if n < 0 || n > len(raw)-p-12 {
			return lay
		}
		p += 12 + n
	}
	return lay
}

// fitLayout makes the channels the decoder gave match the file's own.
func fitLayout(d *data, lay layout) {
	if lay.grey && len(d.chans) == 3 {
		d.chans = d.chans[:1]
	}
	if lay.alpha && d.alpha == nil {
		// Go drops an alpha that is all opaque; the file has one.
		c := d.chans[0]
		a, _ := filter.Zeros(c.DType, c.Shape...)
		switch s := a.Data.(type) {
		case []uint8:
			for i := range s {
				s[i] = 0xff
			}
		case []uint16:
			for i := range s {
				s[i] = 0xffff
			}
		}
		d.alpha = a
	}
}

// keepAlpha makes the PNG encoder write the alpha channel of an image
// whose alpha is all opaque, which it would otherwise drop.
type keepAlpha struct{ image.Image }

func (keepAlpha) Opaque() bool { return false }

// encodeRGBTIFF writes three uint8 or uint16 channels as an RGB TIFF with
// no alpha (x/image/tiff writes every colour image with four samples): a
// little-endian file with one deflate-compressed strip, as x/image/tiff
// writes its own.
func encodeRGBTIFF(w io.Writer, chans []*filter.Array) error {
	h, wd := chans[0].Shape[0], chans[0].Shape[1]
	bps := 8
	if chans[0].DType == filter.Uint16 {
		bps = 16
	}
	var strip bytes.Buffer
	zw := zlib.NewWriter(&strip)
	row := make([]byte, wd*3*bps/8)
	for y := 0; y < h; y++ {
		for c, ch := range chans {
			switch s := ch.Data.(type) {
			case []uint8:
				for x, v := range s[y*wd : (y+1)*wd] {
					row[3*x+c] = v
				}
			case []uint16:
				for x, v := range s[y*wd : (y+1)*wd] {
					binary.LittleEndian.PutUint16(row[6*x+2*c:], v)
				}
			}
		}
		if _, err := zw.Write(row); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if strip.Len() > 1<<32-1-1024 {
		return errors.New("tiff: image too large for a TIFF (4 GiB)")
	}
	// header | strip | IFD | BitsPerSample | XResolution | YResolution
	const nEntries = 13
	stripOff := uint32(8)
	ifdOff := stripOff + uint32(strip.Len())
	ifdOff += ifdOff & 1 // IFDs start on a word boundary
	bitsOff := ifdOff + 2 + 12*nEntries + 4
	xresOff := bitsOff + 6
	yresOff := xresOff + 8
	le := binary.LittleEndian
	bw := bufio.NewWriter(w)
	bw.WriteString("II*\x00")
	binary.Write(bw, le, ifdOff)
	bw.Write(strip.Bytes())
	if strip.Len()&1 == 1 {
		bw.WriteByte(0)
	}
	const short, long, rational = 3, 4, 5
	entries := [nEntries][4]uint32{
		{256, long, 1, uint32(wd)},          // ImageWidth
		{257, long, 1, uint32(h)},           // ImageLength
		{258, short, 3, bitsOff},            // BitsPerSample
		{259, short, 1, 8},                  // Compression: deflate
		{262, short, 1, 2},                  // PhotometricInterpretation: RGB
		{273, long, 1, stripOff},            // StripOffsets
		{277, short, 1, 3},                  // SamplesPerPixel
		{278, long, 1, uint32(h)},           // RowsPerStrip
		{279, long, 1, uint32(strip.Len())}, // StripByteCounts
		{282, rational, 1, xresOff},         // XResolution
		{283, rational, 1, yresOff},         // YResolution
		{284, short, 1, 1},                  // PlanarConfiguration: chunky
		{296, short, 1, 2},                  // ResolutionUnit: inch
	}
	binary.Write(bw, le, uint16(nEntries))
	for _, e := range entries {
		binary.Write(bw, le, uint16(e[0]))
		binary.Write(bw, le, uint16(e[1]))
		binary.Write(bw, le, e[2])
		if e[1] == short && e[2] == 1 {
			binary.Write(bw, le, [2]uint16{uint16(e[3]), 0})
		} else {
			binary.Write(bw, le, e[3])
		}
	}
	binary.Write(bw, le, uint32(0)) // no next image
	binary.Write(bw, le, [3]uint16{uint16(bps), uint16(bps), uint16(bps)})
	binary.Write(bw, le, [4]uint32{72, 1, 72, 1})
	return bw.Flush()
}
