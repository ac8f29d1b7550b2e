package filter_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/kfilter/kfilter/filter"
)

// Grey erosion written as a kernel: the minimum over a cross.
func Example_erosion() {
	img, _ := filter.ArrayOf([]float64{
		9, 9, 9, 9, 9,
		9, 9, 1, 9, 9,
		9, 9, 9, 9, 9,
		9, 9, 9, 9, 2,
	}, 4, 5)
	f, err := filter.New("min(values)", filter.Options{Footprint: filter.Cross(2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := f.Apply(context.Background(), img)
	for r := 0; r < 4; r++ {
		fmt.Println(out.Data.([]float64)[r*5 : r*5+5])
	}
	// Output:
	// [9 9 1 9 9]
	// [9 1 1 1 9]
	// [9 9 1 9 2]
	// [9 9 9 2 2]
}

// A parameterised filter: the median absolute deviation from c, on uint8
// pixels, written back as uint8.
func Example_mad() {
	img, _ := filter.ArrayOf([]uint8{
		10, 10, 10, 10,
		10, 50, 10, 10,
		10, 10, 10, 90,
	}, 3, 4)
	f, err := filter.New("median(abs(values - c))", filter.Options{
		Footprint: filter.Box(3, 3),
		Params:    map[string]filter.Param{"c": filter.Number(10)},
		Mode:      filter.Nearest,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := f.Apply(context.Background(), img)
	fmt.Println(out.DType, out.Data)
	// Output: uint8 [0 0 0 0 0 0 0 0 0 0 0 0]
}

// A 3-D median over a ball of radius 1.
func Example_median3D() {
	vol, _ := filter.Zeros(filter.Float64, 3, 3, 3)
	vol.Data.([]float64)[13] = 100 // a hot voxel in the middle
	f, _ := filter.New("median(values)", filter.Options{Footprint: filter.Ball(1)})
	out, _ := f.Apply(context.Background(), vol)
	fmt.Println(out.Data.([]float64)[13])
	// Output: 0
}

// Filtering over some axes only: a running mean along the last axis of a
// stack of 1-D signals, each signal on its own.
func Example_axes() {
	signals, _ := filter.ArrayOf([]float64{
		0, 3, 6, 9,
		1, 1, 1, 1,
	}, 2, 4)
	f, _ := filter.New("mean(values)", filter.Options{
		Footprint: filter.Box(3),
		Axes:      []int{1},
		Mode:      filter.Nearest,
	})
	out, _ := f.Apply(context.Background(), signals)
	fmt.Println(out.Data)
	// Output: [1 3 6 8 1 1 1 1]
}

// Errors about options say which option by their Kind.
func ExampleErrorKind() {
	_, err := filter.New("min(values)", filter.Options{Footprint: filter.Box(3, 3), Origin: []int{2}})
	var fe *filter.Error
	if errors.As(err, &fe) && fe.Kind == filter.OriginError {
		fmt.Println(fe.Msg)
	}
	// Output: origin 2 on axis 0 is out of range for footprint size 3 (valid: -1 to 1)
}

// An array parameter: a weighted sum along a line (scipy's correlate1d),
// with weights given as a List.
func ExampleList() {
	signal, _ := filter.ArrayOf([]float64{0, 0, 4, 0, 0}, 5)
	f, err := filter.New("sum(values * w)", filter.Options{
		Footprint: filter.Box(3),
		Params:    map[string]filter.Param{"w": filter.List(1, 2, 1)},
		Mode:      filter.Constant,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := f.Apply(context.Background(), signal)
	fmt.Println(out.Data)
	// Output: [0 4 8 4 0]
}
