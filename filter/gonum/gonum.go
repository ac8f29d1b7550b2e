// Package gonum connects gonum's matrices (gonum.org/v1/gonum/mat) to
// kfilter's arrays: a *mat.Dense becomes a 2-D float64 *filter.Array
// (rows x columns) and back. It is the only package of kfilter that
// imports gonum, so programs that do not use gonum do not build it.
//
// A Dense whose rows lie one after the other in memory (every Dense made
// by mat.NewDense, and row ranges of one) is wrapped without a copy, both
// ways. A view with a wider stride than its width, such as
// m.Slice(i, k, j, l) over fewer columns than m has, is copied on the way
// in, because the filter engine reads arrays in C order. Results go back
// into such a view with IntoDense, which copies row by row.
package gonum

import (
	"fmt"
	"unsafe"

	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"github.com/kfilter/kfilter/filter"
)

// FromDense returns m as a rows x columns float64 array. When m's rows are
// contiguous (m.RawMatrix().Stride equals its column count, or m has one
// row) the array shares m's memory in C order; a strided view (m.Slice)
// becomes a filter view (filter.ViewOf) of the same memory, rows a Stride
// apart. Either way there is no copy, writes to one show in the other, and
// the engine filters from and into it directly. An empty m gives a 0 x 0
// array; a nil m an *filter.Error of kind ArrayError.
func FromDense(m *mat.Dense) (*filter.Array, error) {
	if m == nil {
		return nil, &filter.Error{Kind: filter.ArrayError, Msg: "nil *mat.Dense"}
	}
	if m.IsEmpty() {
		return filter.FromSlice([]float64{}, 0, 0)
	}
	raw := m.RawMatrix()
	r, c := raw.Rows, raw.Cols
	if raw.Stride == c || r == 1 { // one row is contiguous whatever the stride
		return filter.FromSlice(raw.Data[:r*c:r*c], r, c)
	}
	n := (r-1)*raw.Stride + c
	return filter.ViewOf(raw.Data[:n:n], []int{r, c}, []int{raw.Stride, 1})
}

// ToDense returns a 2-D float64 array as a *mat.Dense that shares its
// memory: no copy (a view's rows keep their stride). Other dtypes are an *filter.Error of kind DTypeError
// (filter.Convert(a, filter.Float64) first, or set Options.Output to
// filter.Float64); other ranks, and arrays with an empty axis, which gonum
// cannot hold, are one of kind ArrayError.
func ToDense(a *filter.Array) (*mat.Dense, error) {
	data, err := filter.Data[float64](a)
	if err != nil {
		return nil, err
	}
	r, c, err := dims(a)
	if err != nil {
		return nil, err
	}
	if a.IsView() {
		var m mat.Dense
		n := (r-1)*a.Strides[0] + c
		m.SetRawMatrix(blas64.General{Rows: r, Cols: c, Stride: a.Strides[0], Data: data[:n:n]})
		return &m, nil
	}
	return mat.NewDense(r, c, data), nil
}

// IntoDense copies a 2-D array of any dtype into dst, which must have the
// array's shape; dst may be a strided view (m.Slice(...)), so a filtered
// window goes back where it came from. Values convert to float64 as Go
// conversions do. dst may share memory with a (the matrix a wraps, or any
// other overlap): the result is as if a were copied first.
func IntoDense(dst *mat.Dense, a *filter.Array) error {
	if dst == nil {
		return &filter.Error{Kind: filter.OutputError, Msg: "nil *mat.Dense"}
	}
	if a == nil {
		return &filter.Error{Kind: filter.ArrayError, Msg: "nil array"}
	}
	if len(a.Shape) != 2 {
		return &filter.Error{Kind: filter.ArrayError, Msg: fmt.Sprintf("a matrix needs a 2-D array, this one has shape %v", a.Shape)}
	}
	r, c := a.Shape[0], a.Shape[1]
	dr, dc := dst.Dims()
	if dr != r || dc != c {
		return &filter.Error{Kind: filter.OutputError, Msg: fmt.Sprintf("the matrix is %d x %d, the array %d x %d", dr, dc, r, c)}
	}
	if a.IsView() {
		compact, err := filter.Compact(a) // checks a
		if err != nil {
			return err
		}
		a = compact
	}
	if a.DType != filter.Float64 {
		conv, err := filter.Convert(a, filter.Float64) // checks a
		if err != nil {
			return err
		}
		a = conv
	}
	data, err := filter.Data[float64](a) // checks a
	if err != nil {
		return err
	}
	if r == 0 || c == 0 {
		return nil
	}
	raw := dst.RawMatrix()
	if overlap(raw, data) && !(raw.Stride == c && &raw.Data[0] == &data[0]) {
		// dst shares memory with a but not element for element: copying
		// row by row would overwrite rows of a before they are read
		data = append([]float64(nil), data...)
	}
	for i := 0; i < r; i++ {
		copy(raw.Data[i*raw.Stride:i*raw.Stride+c], data[i*c:(i+1)*c])
	}
	return nil
}

func dims(a *filter.Array) (r, c int, err error) {
	if len(a.Shape) != 2 {
		return 0, 0, &filter.Error{Kind: filter.ArrayError, Msg: fmt.Sprintf("a matrix needs a 2-D array, this one has shape %v", a.Shape)}
	}
	r, c = a.Shape[0], a.Shape[1]
	if r == 0 || c == 0 {
		return 0, 0, &filter.Error{Kind: filter.ArrayError, Msg: fmt.Sprintf("gonum holds no matrix with an empty axis, the array has shape %v", a.Shape)}
	}
	return r, c, nil
}

// overlap reports whether the elements of m and data share memory.
func overlap(m blas64.General, data []float64) bool {
	if m.Rows == 0 || m.Cols == 0 || len(data) == 0 {
		return false
	}
	const size = unsafe.Sizeof(float64(0))
	mlo := uintptr(unsafe.Pointer(&m.Data[0]))
	mhi := mlo + uintptr((m.Rows-1)*m.Stride+m.Cols)*size
	dlo := uintptr(unsafe.Pointer(&data[0]))
	dhi := dlo + uintptr(len(data))*size
	return mlo < dhi && dlo < mhi
}
