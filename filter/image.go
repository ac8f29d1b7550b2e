package filter

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
)

// FromImage splits an image into 2-D arrays (height x width), one per
// colour channel: one for grey images, three (R, G, B) for colour ones, in
// uint8 or, for 16-bit images, uint16. alpha is the alpha channel, or nil
// when the image is opaque; filters usually leave it untouched. A grey
// image with its pixels in one run is wrapped without copying.
func FromImage(img image.Image) (channels []*Array, alpha *Array) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	switch m := img.(type) {
	case *image.Gray:
		if m.Stride == w {
			a, _ := ArrayOf(m.Pix[:w*h], h, w)
			return []*Array{a}, nil
		}
		g := make([]uint8, w*h)
		for y := 0; y < h; y++ {
			copy(g[y*w:(y+1)*w], m.Pix[y*m.Stride:y*m.Stride+w])
		}
		a, _ := ArrayOf(g, h, w)
		return []*Array{a}, nil
	case *image.Gray16:
		g := make([]uint16, w*h)
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				g[y*w+x] = m.Gray16At(b.Min.X+x, b.Min.Y+y).Y
			}
		}
		a, _ := ArrayOf(g, h, w)
		return []*Array{a}, nil
	}
	if deep(img) {
		n := image.NewNRGBA64(image.Rect(0, 0, w, h))
		draw.Draw(n, n.Bounds(), img, b.Min, draw.Src)
		planes := [4][]uint16{make([]uint16, w*h), make([]uint16, w*h), make([]uint16, w*h), make([]uint16, w*h)}
		opaque := true
		for i := 0; i < w*h; i++ {
			p := n.Pix[8*i : 8*i+8]
			for c := range planes {
				planes[c][i] = uint16(p[2*c])<<8 | uint16(p[2*c+1])
			}
			opaque = opaque && planes[3][i] == 0xffff
		}
		return splitPlanes(planes[:], opaque, h, w)
	}
	n := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(n, n.Bounds(), img, b.Min, draw.Src)
	planes := [4][]uint8{make([]uint8, w*h), make([]uint8, w*h), make([]uint8, w*h), make([]uint8, w*h)}
	opaque := true
	for i := 0; i < w*h; i++ {
		for c := range planes {
			planes[c][i] = n.Pix[4*i+c]
		}
		opaque = opaque && planes[3][i] == 0xff
	}
	return splitPlanes(planes[:], opaque, h, w)
}

func splitPlanes[T uint8 | uint16](planes [][]T, opaque bool, h, w int) ([]*Array, *Array) {
	var chans []*Array
	for _, p := range planes[:3] {
		a, _ := ArrayOf(p, h, w)
		chans = append(chans, a)
	}
	if opaque {
		return chans, nil
	}
	alpha, _ := ArrayOf(planes[3], h, w)
	return chans, alpha
}

// deep reports whether an image has more than 8 bits per channel.
func deep(img image.Image) bool {
	switch img.ColorModel() {
	case color.RGBA64Model, color.NRGBA64Model, color.Gray16Model, color.Alpha16Model:
		return true
	}
	return false
}

// ToImage joins channels made by FromImage (or filtered from them) into an
// image: one channel gives a grey image, three an NRGBA one, with alpha if
// it is not nil. Every array must be 2-D of one shape and all uint8 or all
// uint16.
func ToImage(channels []*Array, alpha *Array) (image.Image, error) {
	all := channels
	if alpha != nil {
		all = append(append([]*Array(nil), channels...), alpha)
	}
	if len(channels) != 1 && len(channels) != 3 {
		return nil, &Error{Kind: ImageError, Msg: fmt.Sprintf("%d channels; an image has 1 (grey) or 3 (colour)", len(channels))}
	}
	for _, a := range all {
		if err := a.check(); err != nil {
			return nil, err
		}
		if len(a.Shape) != 2 || !equalShape(a.Shape, all[0].Shape) {
			return nil, &Error{Kind: ImageError, Msg: fmt.Sprintf("channel of shape %v; an image needs 2-D channels of one shape", a.Shape)}
		}
		if a.DType != all[0].DType || (a.DType != Uint8 && a.DType != Uint16) {
			return nil, &Error{Kind: ImageError, Msg: fmt.Sprintf("an image holds uint8 or uint16 samples, not %v: convert the output (.npy and .tif hold any dtype)", a.DType)}
		}
	}
	h, w := all[0].Shape[0], all[0].Shape[1]
	r := image.Rect(0, 0, w, h)
	if all[0].DType == Uint8 {
		if len(channels) == 1 && alpha == nil {
			img := image.NewGray(r)
			copy(img.Pix, channels[0].Data.([]uint8))
			return img, nil
		}
		img := image.NewNRGBA(r)
		for i := 0; i < w*h; i++ {
			for c := 0; c < 3; c++ {
				img.Pix[4*i+c] = channels[c%len(channels)].Data.([]uint8)[i]
			}
			img.Pix[4*i+3] = 0xff
			if alpha != nil {
				img.Pix[4*i+3] = alpha.Data.([]uint8)[i]
			}
		}
		return img, nil
	}
	if len(channels) == 1 && alpha == nil {
		img := image.NewGray16(r)
		for i, v := range channels[0].Data.([]uint16) {
			img.Pix[2*i], img.Pix[2*i+1] = uint8(v>>8), uint8(v)
		}
		return img, nil
	}
	img := image.NewNRGBA64(r)
	for i := 0; i < w*h; i++ {
		for c := 0; c < 4; c++ {
			v := uint16(0xffff)
			switch {
			case c < 3:
				v = channels[c%len(channels)].Data.([]uint16)[i]
			case alpha != nil:
				v = alpha.Data.([]uint16)[i]
			}
			img.Pix[8*i+2*c], img.Pix[8*i+2*c+1] = uint8(v>>8), uint8(v)
		}
	}
	return img, nil
}
