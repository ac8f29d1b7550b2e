package filter

import (
	"fmt"
	"image"
	"slices"
)

// Views: an Array whose Strides are set is a view of its Data, as Go's
// image types are views of their Pix: element (i0, i1, ..., ik) of the
// array is Data[i0*Strides[0] + ... + ik*Strides[k]]. Its last axis is
// contiguous (stride 1), so that the engine reads and writes whole lines
// with no copy; the other axes may skip, as the rows of a sub-image or of
// a gonum matrix view do. Filter.Apply and ApplyTo take views for input
// and output, with results bit for bit those of a contiguous copy; the
// functions that need C order (Convert, FootprintOf, ToImage, ...) refuse
// a view with an error that says so, and Compact copies one into C order.

// ViewOf returns a view of data with the given shape and strides (in
// elements, one per axis, the last 1), without copying. Rows must not
// overlap: each stride covers the extent of the axes inside it.
func ViewOf(data any, shape, strides []int) (*Array, error) {
	a := &Array{Shape: slices.Clone(shape), Strides: slices.Clone(strides), DType: dtypeOf(data), Data: data}
	if err := a.checkView(); err != nil {
		return nil, err
	}
	return a, nil
}

// GrayView returns img's pixels as an HxW uint8 view, without copying:
// a sub-image (img.SubImage(r)) is filtered, and written into, in place of
// a copy.
func GrayView(img *image.Gray) (*Array, error) {
	b := img.Rect
	return ViewOf(img.Pix, []int{b.Dy(), b.Dx()}, []int{img.Stride, 1})
}

// RGBAView returns img's pixels as an HxWx4 uint8 view (R, G, B, A on the
// last axis), without copying.
func RGBAView(img *image.RGBA) (*Array, error) {
	b := img.Rect
	return ViewOf(img.Pix, []int{b.Dy(), b.Dx(), 4}, []int{img.Stride, 4, 1})
}

// IsView reports whether a's elements are not in plain C order over all of
// Data: its Strides skip elements.
func (a *Array) IsView() bool {
	if a.Strides == nil {
		return false
	}
	if len(a.Strides) != len(a.Shape) {
		return true // inconsistent: checkView says how
	}
	want := 1
	for ax := len(a.Shape) - 1; ax >= 0; ax-- {
		if a.Shape[ax] > 1 && a.Strides[ax] != want {
			return true
		}
		want *= a.Shape[ax]
	}
	return sliceLen(a.Data) != want
}

// Compact returns a in C order: a itself if it is not a view, else a
// contiguous copy.
func Compact(a *Array) (*Array, error) {
	if err := a.checkView(); err != nil {
		return nil, err
	}
	if !a.IsView() {
		return a, nil
	}
	out, err := Zeros(a.DType, a.Shape...)
	if err != nil {
		return nil, err
	}
	return out, Copy(out, a)
}

// Copy copies src's elements into dst, which must have src's shape and
// dtype; either may be a view. dst and src must not overlap (the byte
// ranges their elements span).
func Copy(dst, src *Array) error {
	if err := src.checkView(); err != nil {
		return err
	}
	if err := dst.checkView(); err != nil {
		return err
	}
	if !equalShape(dst.Shape, src.Shape) || dst.DType != src.DType {
		return &Error{Kind: OutputError, Msg: fmt.Sprintf("copy of %v %v into %v %v: shapes and dtypes must match", src.Shape, src.DType, dst.Shape, dst.DType)}
	}
	if overlaps(dst, src) {
		return &Error{Kind: OutputError, Msg: "the copy's destination overlaps its source", Err: ErrOverlap}
	}
	switch d := dst.Data.(type) {
	case []bool:
		copyLines(d, src.Data.([]bool), dst, src)
	case []int8:
		copyLines(d, src.Data.([]int8), dst, src)
	case []int16:
		copyLines(d, src.Data.([]int16), dst, src)
	case []int32:
		copyLines(d, src.Data.([]int32), dst, src)
	case []int64:
		copyLines(d, src.Data.([]int64), dst, src)
	case []uint8:
		copyLines(d, src.Data.([]uint8), dst, src)
	case []uint16:
		copyLines(d, src.Data.([]uint16), dst, src)
	case []uint32:
		copyLines(d, src.Data.([]uint32), dst, src)
	case []uint64:
		copyLines(d, src.Data.([]uint64), dst, src)
	case []float32:
		copyLines(d, src.Data.([]float32), dst, src)
	case []float64:
		copyLines(d, src.Data.([]float64), dst, src)
	}
	return nil
}

func copyLines[T any](d, s []T, dst, src *Array) {
	L := lastAxis(src.Shape)
	if src.Len() == 0 {
		return
	}
	for line := range lineCount(src.Shape) {
		i, j := dst.lineStart(line), src.lineStart(line)
		copy(d[i:i+L], s[j:j+L])
	}
}

// checkView checks a as check does, but takes views.
func (a *Array) checkView() error {
	if a == nil || a.Strides == nil {
		return a.check()
	}
	if _, err := size(a.Shape); err != nil {
		return err
	}
	if dtypeOf(a.Data) == 0 {
		return &Error{Kind: ArrayError, Msg: fmt.Sprintf("data of type %T is not a supported slice type", a.Data)}
	}
	if a.DType != dtypeOf(a.Data) {
		return &Error{Kind: ArrayError, Msg: fmt.Sprintf("dtype %v does not match data of type %T", a.DType, a.Data)}
	}
	rank := len(a.Shape)
	if len(a.Strides) != rank {
		return &Error{Kind: ArrayError, Msg: fmt.Sprintf("%d strides for a %d-D array", len(a.Strides), rank)}
	}
	if rank == 0 || slices.Contains(a.Shape, 0) {
		return nil
	}
	if a.Strides[rank-1] != 1 && a.Shape[rank-1] > 1 {
		return &Error{Kind: ArrayError, Msg: fmt.Sprintf("strides %v: the last axis must be contiguous (stride 1); Compact a copy", a.Strides)}
	}
	// Each stride covers the extent of the axes inside it, so that no two
	// elements share memory: an output view can then be written line by
	// line from any number of goroutines.
	extent := 1
	for ax := rank - 1; ax >= 0; ax-- {
		if a.Shape[ax] > 1 && a.Strides[ax] < extent {
			return &Error{Kind: ArrayError, Msg: fmt.Sprintf("strides %v for shape %v: axis %d's stride %d is below the %d elements of the axes inside it", a.Strides, a.Shape, ax, a.Strides[ax], extent)}
		}
		extent = a.Strides[ax]*(a.Shape[ax]-1) + extent
	}
	if n := sliceLen(a.Data); extent > n {
		return &Error{Kind: ArrayError, Msg: fmt.Sprintf("shape %v with strides %v reaches element %d, data has %d", a.Shape, a.Strides, extent-1, n)}
	}
	return nil
}

// lineStart is the index in Data of the first element of line (lines run
// along the last axis, numbered in C order over the other axes).
func (a *Array) lineStart(line int) int {
	rank := len(a.Shape)
	if a.Strides == nil {
		return line * lastAxis(a.Shape)
	}
	start := 0
	for ax := rank - 2; ax >= 0; ax-- {
		start += line % a.Shape[ax] * a.Strides[ax]
		line /= a.Shape[ax]
	}
	return start
}

func lastAxis(shape []int) int {
	if len(shape) == 0 {
		return 1
	}
	return shape[len(shape)-1]
}

func lineCount(shape []int) int {
	n := 1
	for _, s := range shape[:max(len(shape)-1, 0)] {
		n *= s
	}
	return n
}
