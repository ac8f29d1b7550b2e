package filter

import "fmt"

// FromRows copies rows, a matrix as Go literals often hold one, into a new
// 2-D array of len(rows) x len(rows[0]) elements. It copies so that the
// array owns one block of memory; for large data wrap a slice you already
// have with FromSlice instead. Every row must have the length of the first:
// a ragged row is an *Error of kind ArrayError naming it. No rows give a
// 0 x 0 array.
func FromRows[T Element](rows [][]T) (*Array, error) {
	h, w := len(rows), 0
	if h > 0 {
		w = len(rows[0])
	}
	for i, r := range rows {
		if len(r) != w {
			return nil, &Error{Kind: ArrayError, Msg: fmt.Sprintf("rows[%d] has length %d, rows[0] has length %d: rows must all have one length", i, len(r), w)}
		}
	}
	if _, err := size([]int{h, w}); err != nil {
		return nil, err
	}
	data := make([]T, 0, h*w)
	for _, r := range rows {
		data = append(data, r...)
	}
	return FromSlice(data, h, w)
}

// Rows copies a 2-D array into a new slice of rows, each its own copy:
// changing them does not change a. The dtype must be T's (an *Error of
// kind DTypeError otherwise; Convert first); an array that is not 2-D is
// an *Error of kind ArrayError.
func Rows[T Element](a *Array) ([][]T, error) {
	data, err := Data[T](a)
	if err != nil {
		return nil, err
	}
	if len(a.Shape) != 2 {
		return nil, &Error{Kind: ArrayError, Msg: fmt.Sprintf("Rows needs a 2-D array, this one has shape %v", a.Shape)}
	}
	h, w := a.Shape[0], a.Shape[1]
	// One block for all rows: one allocation for the elements, and each
	// row capped at its width so an append to one never runs into the next.
	all := make([]T, h*w)
	rows := make([][]T, h)
	for i := range rows {
		start := a.lineStart(i) // a view's rows may be apart
		rows[i] = all[i*w : (i+1)*w : (i+1)*w]
		copy(rows[i], data[start:start+w])
	}
	return rows, nil
}
