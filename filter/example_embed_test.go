package filter_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"

	"github.com/kfilter/kfilter/filter"
)

// A median over part of an image: a sub-image shares its parent's pixels
// with a wider stride, and GrayView wraps them as they are, so the filter
// reads the window in place, and Copy writes the result back into it (and
// so into the parent).
func Example_subImage() {
	img := image.NewGray(image.Rect(0, 0, 6, 4))
	for i := range img.Pix {
		img.Pix[i] = 10
	}
	img.Pix[1*6+2] = 200 // a hot pixel inside the window
	img.Pix[3*6+5] = 200 // one outside it, left alone

	// The window, read and written in place: no copy either way.
	sub := img.SubImage(image.Rect(1, 0, 5, 3)).(*image.Gray)
	in, _ := filter.GrayView(sub)
	out, _ := filter.GrayView(image.NewGray(sub.Rect))
	f, _ := filter.New("median(values)", filter.Options{Footprint: filter.BoxN(2, 3)})
	if err := f.ApplyTo(context.Background(), out, in); err != nil {
		fmt.Println(err)
		return
	}
	filter.Copy(in, out)

	for y := 0; y < 4; y++ {
		fmt.Println(img.Pix[y*6 : y*6+6])
	}
	// Output:
	// [10 10 10 10 10 10]
	// [10 10 10 10 10 10]
	// [10 10 10 10 10 10]
	// [10 10 10 10 10 200]
}

// One compiled Filter used from many goroutines at once: a Filter is safe
// for concurrent use, so a server compiles once and applies per request.
func Example_concurrent() {
	f, err := filter.New("mean(values)", filter.Options{Footprint: filter.BoxN(2, 3), Threads: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for g := range n {
		wg.Go(func() {
			// each goroutine its own image: a flat one of value g, whose mean is g
			pix := make([]float64, 32*32)
			for i := range pix {
				pix[i] = float64(g)
			}
			in, _ := filter.FromSlice(pix, 32, 32)
			out, err := f.Apply(context.Background(), in)
			if err != nil {
				errs[g] = err
				return
			}
			got, _ := filter.Data[float64](out)
			for i, v := range got {
				if v != float64(g) {
					errs[g] = fmt.Errorf("goroutine %d: pixel %d is %v, want %d", g, i, v, g)
					return
				}
			}
		})
	}
	wg.Wait()
	fmt.Println(errors.Join(errs...) == nil)
	// Output: true
}

// Cancelling the context stops a filter between lines: Apply returns the
// context's error, which errors.Is recognises. Here the first progress
// report cancels.
func Example_cancel() {
	in, _ := filter.Zeros(filter.Float32, 256, 256)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, _ := filter.New("median(values)", filter.Options{
		Footprint: filter.BoxN(2, 5),
		Threads:   1,
		Progress:  func(done, total int) { cancel() },
	})
	_, err := f.Apply(ctx, in)
	fmt.Println(errors.Is(err, context.Canceled))
	// Output: true
}

// Typed access: small data from Go literals (FromRows copies), the result
// as a typed slice (Data shares) or as rows again (Rows copies), with no
// type assertion.
func Example_typed() {
	in, err := filter.FromRows([][]float64{
		{1, 2, 3},
		{4, 5, 6},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	f, _ := filter.New("max(values)", filter.Options{Footprint: filter.Box(1, 3), Mode: filter.Nearest})
	out, _ := f.Apply(context.Background(), in)
	data, _ := filter.Data[float64](out)
	rows, _ := filter.Rows[float64](out)
	fmt.Println(data)
	fmt.Println(rows)
	_, err = filter.Data[uint8](out)
	fmt.Println(err)
	// Output:
	// [2 3 3 5 6 6]
	// [[2 3 3] [5 6 6]]
	// dtype: the array holds float64 elements, not uint8; convert it first with filter.Convert(a, filter.Uint8)
}

// BoxN gives a box of one size on every axis; Box takes one size per
// axis, so Box(5) is 1-D.
func ExampleBoxN() {
	fmt.Println(filter.BoxN(2, 3).Shape, filter.Box(3, 3).Shape, filter.Box(3).Shape)
	// Output: [3 3] [3 3] [3]
}
