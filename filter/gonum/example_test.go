package gonum_test

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/gonum"
)

// A 3x3 median over a gonum matrix: FromDense wraps it without a copy,
// ToDense wraps the result without a copy.
func Example() {
	m := mat.NewDense(4, 4, []float64{
		1, 1, 1, 1,
		1, 9, 1, 1,
		1, 1, 1, 1,
		1, 1, 1, 7,
	})
	f, _ := filter.New("median(values)", filter.Options{Footprint: filter.BoxN(2, 3)})
	in, _ := gonum.FromDense(m)
	out, _ := f.Apply(context.Background(), in)
	res, _ := gonum.ToDense(out)
	fmt.Println(mat.Formatted(res))
	// Output:
	// ⎡1  1  1  1⎤
	// ⎢1  1  1  1⎥
	// ⎢1  1  1  1⎥
	// ⎣1  1  1  1⎦
}

// A window of a larger matrix (a strided view) is copied in, filtered, and
// written back into the window with IntoDense; the rest of the matrix is
// untouched.
func ExampleIntoDense() {
	m := mat.NewDense(4, 5, []float64{
		0, 0, 0, 0, 0,
		0, 5, 6, 7, 0,
		0, 8, 9, 10, 0,
		0, 0, 0, 0, 0,
	})
	window := m.Slice(1, 3, 1, 4).(*mat.Dense) // rows 1-2, columns 1-3
	f, _ := filter.New("max(values)", filter.Options{Footprint: filter.Box(1, 3), Mode: filter.Nearest})
	in, _ := gonum.FromDense(window)
	out, _ := f.Apply(context.Background(), in)
	if err := gonum.IntoDense(window, out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(mat.Formatted(m))
	// Output:
	// ⎡ 0   0   0   0   0⎤
	// ⎢ 0   6   7   7   0⎥
	// ⎢ 0   9  10  10   0⎥
	// ⎣ 0   0   0   0   0⎦
}
