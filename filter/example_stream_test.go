package filter_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
)

// One region of a larger array: the rows 0 and 1 of a wrapped sum over
// three rows read rows 3, 0, 1 and 2 of the source only, and equal those
// rows of Apply over the whole array.
func ExampleFilter_ApplyRegion() {
	img, _ := filter.ArrayOf([]int32{
		1, 1,
		2, 2,
		3, 3,
		4, 4,
	}, 4, 2)
	f, _ := filter.New("sum(values)", filter.Options{Footprint: filter.Box(3, 1), Mode: filter.Wrap})
	out, _ := filter.Zeros(filter.Int32, 4, 2) // the whole output; the sink writes rows 0 and 1
	err := f.ApplyRegion(context.Background(), filter.ArraySink(out), filter.ArraySource(img), filter.Band(img.Shape, 0, 2))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.Data)
	// Output:
	// [7 7 6 6 0 0 0 0]
}

// A .npy file filtered band by band from disk into another: memory holds
// one band of lines and its halo, not the array.
func ExampleFilter_Stream() {
	dir, _ := os.MkdirTemp("", "stream")
	defer os.RemoveAll(dir)
	var b bytes.Buffer
	npy.Write(&b, &npy.Array{Shape: []int{6, 3}, DType: npy.Float64, Data: []float64{
		0, 0, 0,
		0, 9, 0,
		0, 0, 0,
		0, 0, 0,
		5, 0, 0,
		0, 0, 0,
	}})
	os.WriteFile(filepath.Join(dir, "in.npy"), b.Bytes(), 0o644)

	in, _ := os.Open(filepath.Join(dir, "in.npy"))
	defer in.Close()
	st, _ := in.Stat()
	src, err := filter.NPYSource(in, st.Size())
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := os.Create(filepath.Join(dir, "out.npy"))
	defer out.Close()
	dst, _ := filter.NPYSink(out, filter.Float64, src.Shape())
	f, _ := filter.New("max(values)", filter.Options{Footprint: filter.Cross(2)})
	err = f.Stream(context.Background(), dst, src, filter.StreamOptions{Rows: 2}) // or Memory: 256 << 20
	if err != nil {
		fmt.Println(err)
		return
	}
	out.Seek(0, 0)
	res, _ := npy.Read(out)
	for r := range 6 {
		fmt.Println(res.Data.([]float64)[r*3 : r*3+3])
	}
	// Output:
	// [0 9 0]
	// [9 9 9]
	// [0 9 0]
	// [5 0 0]
	// [5 5 0]
	// [5 0 0]
}
