package tiff

import (
	"fmt"

	"github.com/kfilter/kfilter/filter"
)

// Source is the array d reads, as a filter.Source for Filter.ApplyRegion
// and Filter.Stream: a band of a stack of pages reads those pages only
// (ReadPages), a band of one page those rows only (ReadRows), so a file
// bigger than memory is filtered band by band. An array whose first axis
// is neither pages nor rows (a hyperstack of several page axes, a page of
// separate planes) is refused with an *UnsupportedError.
func Source(d *Decoder) (filter.Source, error) {
	switch {
	case d.lead > 1:
		return nil, &UnsupportedError{Page: -1, Msg: fmt.Sprintf("streaming a hyperstack of %d page axes (shape %v); only a stack of pages or one page streams", d.lead, d.shape)}
	case d.lead == 0 && d.pages[0].planar && len(d.shape) == 3:
		return nil, &UnsupportedError{Page: 0, Msg: fmt.Sprintf("streaming a page of separate planes (shape %v): its first axis is the samples", d.shape)}
	}
	return source{d}, nil
}

type source struct{ d *Decoder }

func (s source) Shape() []int        { return s.d.Shape() }
func (s source) DType() filter.DType { return s.d.DType() }

// Read reads each run of consecutive indices of axis 0 at once (pages,
// or rows of the one page), then picks the other axes' indices.
func (s source) Read(dst *filter.Array, index [][]int) error {
	for i := 0; i < len(index[0]); {
		j := i + 1
		for j < len(index[0]) && index[0][j] == index[0][j-1]+1 {
			j++
		}
		first, n := index[0][i], j-i
		var a *filter.Array
		var err error
		if s.d.lead == 1 {
			a, err = s.d.ReadPages(first, n)
		} else {
			a, err = s.d.ReadRows(0, first, first+n)
		}
		if err != nil {
			return err
		}
		lo := make([]int, len(dst.Shape))
		lo[0] = i
		part, err := filter.SubView(dst, lo, append([]int{n}, dst.Shape[1:]...))
		if err != nil {
			return err
		}
		run := make([]int, n)
		for k := range run {
			run[k] = k
		}
		if err := filter.ArraySource(a).Read(part, append([][]int{run}, index[1:]...)); err != nil {
			return err
		}
		i = j
	}
	return nil
}
