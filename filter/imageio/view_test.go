package imageio

import (
	"bytes"
	"image"
	"testing"

	"github.com/kfilter/kfilter/filter"
)

// TestEncodeView writes a view (a sub-image's pixels) as the contiguous
// copy would be written, in every format that takes uint8, and splits its
// channels in C order.
func TestEncodeView(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 9, 7))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 3)
	}
	view, err := filter.GrayView(img.SubImage(image.Rect(2, 1, 7, 6)).(*image.Gray))
	if err != nil {
		t.Fatal(err)
	}
	flat, err := filter.Compact(view)
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []Format{NPY, PNG, TIFF, PNM} {
		var a, b bytes.Buffer
		if err := Encode(&a, view, format); err != nil {
			t.Fatalf("%v: %v", format, err)
		}
		if err := Encode(&b, flat, format); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%v: a view encodes differently from its copy", format)
		}
	}
	rgba := image.NewRGBA(image.Rect(0, 0, 5, 4))
	for i := range rgba.Pix {
		rgba.Pix[i] = uint8(i)
	}
	rv, err := filter.RGBAView(rgba.SubImage(image.Rect(1, 1, 4, 3)).(*image.RGBA))
	if err != nil {
		t.Fatal(err)
	}
	chans := SplitChannels(rv)
	if got := chans[2].Data.([]uint8); got[0] != uint8((1*5+1)*4+2) || got[3] != uint8((2*5+1)*4+2) {
		t.Errorf("blue of the RGBA view: %v", got)
	}
}
