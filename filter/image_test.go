package filter

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
)

func TestImageRoundTrip(t *testing.T) {
	f, err := os.Open("../testdata/images/coins.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	chans, alpha := FromImage(img)
	if len(chans) != 1 || alpha != nil || chans[0].DType != Uint8 || chans[0].Shape[0] != 303 || chans[0].Shape[1] != 384 {
		t.Fatalf("coins.png: %d channels of %v %v, alpha %v", len(chans), chans[0].DType, chans[0].Shape, alpha)
	}
	back, err := ToImage(chans, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []image.Point{{0, 0}, {383, 302}, {100, 50}} {
		if back.At(p.X, p.Y) != img.At(p.X, p.Y) {
			t.Errorf("pixel %v: %v, want %v", p, back.At(p.X, p.Y), img.At(p.X, p.Y))
		}
	}
}

func TestImageColour(t *testing.T) {
	tests := []struct {
		img   image.Image
		dtype DType
		alpha bool
	}{
		{image.NewNRGBA(image.Rect(0, 0, 3, 2)), Uint8, true},
		{image.NewRGBA(image.Rect(0, 0, 3, 2)), Uint8, true},
		{image.NewNRGBA64(image.Rect(0, 0, 3, 2)), Uint16, true},
		{image.NewGray16(image.Rect(0, 0, 3, 2)), Uint16, false},
	}
	for _, tt := range tests {
		m := tt.img.(draw2)
		m.Set(1, 1, color.NRGBA{R: 200, G: 100, B: 50, A: 128})
		m.Set(2, 0, color.NRGBA{R: 1, G: 2, B: 3, A: 255})
		chans, alpha := FromImage(tt.img)
		if chans[0].DType != tt.dtype || (alpha != nil) != tt.alpha {
			t.Errorf("%T: %v, alpha %v", tt.img, chans[0].DType, alpha != nil)
			continue
		}
		back, err := ToImage(chans, alpha)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []image.Point{{1, 1}, {2, 0}, {0, 0}} {
			r1, g1, b1, a1 := back.At(p.X, p.Y).RGBA()
			r2, g2, b2, a2 := tt.img.At(p.X, p.Y).RGBA()
			if d := max(diff(r1, r2), diff(g1, g2), diff(b1, b2), diff(a1, a2)); d > 0x101 {
				t.Errorf("%T pixel %v: %v, want %v", tt.img, p, back.At(p.X, p.Y), tt.img.At(p.X, p.Y))
			}
		}
	}
}

type draw2 interface {
	image.Image
	Set(x, y int, c color.Color)
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestToImageErrors(t *testing.T) {
	f64, _ := Zeros(Float64, 2, 2)
	u8, _ := Zeros(Uint8, 2, 2)
	u8b, _ := Zeros(Uint8, 3, 2)
	for _, tt := range []struct {
		chans []*Array
		msg   string
	}{
		{[]*Array{f64}, "not float64"},
		{[]*Array{u8, u8}, "2 channels"},
		{[]*Array{u8, u8, u8b}, "of one shape"},
	} {
		if _, err := ToImage(tt.chans, nil); err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ToImage: %v, want %q", err, tt.msg)
		}
	}
}
