package gonum

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unsafe"

	"gonum.org/v1/gonum/mat"

	"github.com/kfilter/kfilter/filter"
)

// seq returns a rows x cols Dense holding 0, 1, 2, ... in row order.
func seq(rows, cols int) *mat.Dense {
	d := make([]float64, rows*cols)
	for i := range d {
		d[i] = float64(i)
	}
	return mat.NewDense(rows, cols, d)
}

func TestFromDense(t *testing.T) {
	big := seq(6, 8)
	tests := []struct {
		name  string
		m     *mat.Dense
		share bool // the array must share m's memory
	}{
		{"whole", big, true},
		{"row range", big.Slice(2, 5, 0, 8).(*mat.Dense), true},
		{"one row", big.Slice(3, 4, 0, 8).(*mat.Dense), true},
		{"window", big.Slice(1, 4, 2, 7).(*mat.Dense), true}, // a filter view
		{"one column", big.Slice(0, 6, 5, 6).(*mat.Dense), true},
		{"1x1 view", big.Slice(4, 5, 4, 5).(*mat.Dense), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromDense(tt.m)
			if err != nil {
				t.Fatal(err)
			}
			r, c := tt.m.Dims()
			if !reflect.DeepEqual(a.Shape, []int{r, c}) || a.DType != filter.Float64 {
				t.Fatalf("shape %v dtype %v, want [%d %d] float64", a.Shape, a.DType, r, c)
			}
			data, _ := filter.Data[float64](a)
			stride := c
			if a.IsView() {
				stride = a.Strides[0]
			}
			for i := 0; i < r; i++ {
				for j := 0; j < c; j++ {
					if data[i*stride+j] != tt.m.At(i, j) {
						t.Fatalf("element (%d, %d) = %v, the matrix has %v", i, j, data[i*stride+j], tt.m.At(i, j))
					}
				}
			}
			raw := tt.m.RawMatrix()
			shares := unsafe.SliceData(data) == unsafe.SliceData(raw.Data)
			if shares != tt.share {
				t.Fatalf("shares memory with the matrix: %v, want %v", shares, tt.share)
			}
			if tt.share {
				data[0] = -1 // a view: the matrix sees it
				if tt.m.At(0, 0) != -1 {
					t.Error("a write to the array does not show in the matrix")
				}
				data[0] = raw.Data[0]
			}
		})
	}
}

// The no-copy promise: wrapping a contiguous Dense allocates only the
// *Array and its shape, whatever the matrix's size.
func TestFromDenseAllocs(t *testing.T) {
	small, large := seq(4, 4), seq(512, 512)
	count := func(m *mat.Dense) float64 {
		return testing.AllocsPerRun(50, func() {
			if _, err := FromDense(m); err != nil {
				t.Fatal(err)
			}
		})
	}
	if s, l := count(small), count(large); s != l || l > 3 {
		t.Errorf("FromDense allocates %v times for 4x4, %v for 512x512; want the same few (no copy)", s, l)
	}
	// and in bytes: far less than the 2 MiB a copy of the 512x512 would take
	if b := bytesPerRun(func() { FromDense(large) }); b > 512 {
		t.Errorf("FromDense of a 512x512 Dense allocates %d bytes, want a few dozen (no copy)", b)
	}
	view := seq(1024, 1024).Slice(100, 612, 100, 612).(*mat.Dense)
	if b := bytesPerRun(func() { FromDense(view) }); b > 512 {
		t.Errorf("FromDense of a strided 512x512 view allocates %d bytes, want a few dozen (no copy)", b)
	}
	a, _ := FromDense(large)
	if n := testing.AllocsPerRun(50, func() {
		if _, err := ToDense(a); err != nil {
			t.Fatal(err)
		}
	}); n > 2 {
		t.Errorf("ToDense allocates %v times, want at most 2 (the Dense, no copy)", n)
	}
}

// bytesPerRun is the heap bytes f allocates, averaged over runs.
func bytesPerRun(f func()) uint64 {
	const runs = 20
	f()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < runs; i++ {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / runs
}

func TestToDense(t *testing.T) {
	data := []float64{1, 2, 3, 4, 5, 6}
	a, _ := filter.FromSlice(data, 2, 3)
	m, err := ToDense(a)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := m.Dims(); r != 2 || c != 3 || m.At(1, 2) != 6 {
		t.Fatalf("ToDense: %d x %d, (1, 2) = %v", r, c, m.At(1, 2))
	}
	if unsafe.SliceData(m.RawMatrix().Data) != unsafe.SliceData(data) {
		t.Error("ToDense copied; it must share the array's memory")
	}

	u8, _ := filter.FromSlice([]uint8{1, 2}, 1, 2)
	v, _ := filter.FromSlice([]float64{1, 2}, 2)
	empty, _ := filter.FromSlice([]float64{}, 0, 3)
	tests := []struct {
		name string
		a    *filter.Array
		kind filter.ErrorKind
		msg  string
	}{
		{"uint8", u8, filter.DTypeError, "holds uint8 elements, not float64"},
		{"1-D", v, filter.ArrayError, "a matrix needs a 2-D array, this one has shape [2]"},
		{"empty", empty, filter.ArrayError, "gonum holds no matrix with an empty axis, the array has shape [0 3]"},
		{"nil", nil, filter.ArrayError, "nil array"},
	}
	for _, tt := range tests {
		_, err := ToDense(tt.a)
		var fe *filter.Error
		if !errors.As(err, &fe) || fe.Kind != tt.kind || !strings.Contains(fe.Msg, tt.msg) {
			t.Errorf("%s: %v, want kind %v with %q", tt.name, err, tt.kind, tt.msg)
		}
	}
}

func TestFromDenseErrors(t *testing.T) {
	if _, err := FromDense(nil); err == nil || !strings.Contains(err.Error(), "nil *mat.Dense") {
		t.Errorf("FromDense(nil): %v", err)
	}
	a, err := FromDense(&mat.Dense{})
	if err != nil || !reflect.DeepEqual(a.Shape, []int{0, 0}) {
		t.Errorf("FromDense(empty) = %v, %v; want a 0 x 0 array", a, err)
	}
}

// A filtered strided view equals the same filter over a contiguous copy of
// the window, and IntoDense writes it back into the view only.
func TestStridedView(t *testing.T) {
	big := seq(9, 11)
	for i := 0; i < 9; i++ {
		big.Set(i, (i*7)%11, 100) // spikes for the median to remove
	}
	view := big.Slice(2, 8, 3, 10).(*mat.Dense)
	copied := mat.DenseCopyOf(view)
	if copied.RawMatrix().Stride == view.RawMatrix().Stride {
		t.Fatal("the test needs a strided view")
	}
	f, err := filter.New("median(values)", filter.Options{Footprint: filter.BoxN(2, 3)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	av, err := FromDense(view)
	if err != nil {
		t.Fatal(err)
	}
	ac, _ := FromDense(copied)
	outV, err := f.Apply(ctx, av)
	if err != nil {
		t.Fatal(err)
	}
	outC, _ := f.Apply(ctx, ac)
	if !reflect.DeepEqual(outV.Data, outC.Data) {
		t.Fatalf("the view filters to %v, its copy to %v", outV.Data, outC.Data)
	}
	before := mat.DenseCopyOf(big)
	if err := IntoDense(view, outV); err != nil {
		t.Fatal(err)
	}
	want, _ := ToDense(outC)
	for i := 0; i < 9; i++ {
		for j := 0; j < 11; j++ {
			in := i >= 2 && i < 8 && j >= 3 && j < 10
			got, w := big.At(i, j), before.At(i, j)
			if in {
				w = want.At(i-2, j-3)
			}
			if got != w {
				t.Fatalf("after IntoDense, (%d, %d) = %v, want %v (inside the view: %v)", i, j, got, w, in)
			}
		}
	}
}

func TestIntoDense(t *testing.T) {
	u8, _ := filter.FromRows([][]uint8{{1, 2}, {3, 255}})
	dst := mat.NewDense(2, 2, nil)
	if err := IntoDense(dst, u8); err != nil {
		t.Fatal(err)
	}
	if !mat.Equal(dst, mat.NewDense(2, 2, []float64{1, 2, 3, 255})) {
		t.Errorf("IntoDense(uint8) = %v", mat.Formatted(dst))
	}
	// dst overlapping a: the matrix a wraps, and a shift of it by one row
	m := seq(4, 6)
	self, _ := FromDense(m)
	if err := IntoDense(m, self); err != nil || !mat.Equal(m, seq(4, 6)) {
		t.Errorf("IntoDense(m, FromDense(m)) = %v, %v", mat.Formatted(m), err)
	}
	top, _ := FromDense(m.Slice(0, 3, 0, 6).(*mat.Dense))
	if err := IntoDense(m.Slice(1, 4, 0, 6).(*mat.Dense), top); err != nil {
		t.Fatal(err)
	}
	want := seq(4, 6)
	want.Slice(1, 4, 0, 6).(*mat.Dense).Copy(seq(3, 6))
	if !mat.Equal(m, want) {
		t.Errorf("IntoDense into its own array shifted one row:\n%v\nwant\n%v", mat.Formatted(m), mat.Formatted(want))
	}

	v, _ := filter.FromSlice([]float64{1, 2}, 2)
	tests := []struct {
		name string
		dst  *mat.Dense
		a    *filter.Array
		kind filter.ErrorKind
		msg  string
	}{
		{"size", mat.NewDense(3, 2, nil), u8, filter.OutputError, "the matrix is 3 x 2, the array 2 x 2"},
		{"nil dst", nil, u8, filter.OutputError, "nil *mat.Dense"},
		{"1-D", dst, v, filter.ArrayError, "needs a 2-D array"},
		{"nil array", dst, nil, filter.ArrayError, "nil array"},
		{"inconsistent", dst, &filter.Array{Shape: []int{2, 2}, DType: filter.Float64, Data: []float64{1}}, filter.ArrayError, "needs 4 elements"},
	}
	for _, tt := range tests {
		err := IntoDense(tt.dst, tt.a)
		var fe *filter.Error
		if !errors.As(err, &fe) || fe.Kind != tt.kind || !strings.Contains(fe.Msg, tt.msg) {
			t.Errorf("%s: %v, want kind %v with %q", tt.name, err, tt.kind, tt.msg)
		}
	}
}
