package filter

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// typedCase checks Data, FromSlice, DTypeFor and Rows for one element type.
func typedCase[T Element](t *testing.T, want DType, vals [4]T) {
	t.Helper()
	if got := DTypeFor[T](); got != want {
		t.Errorf("DTypeFor[%T]() = %v, want %v", vals[0], got, want)
	}
	data := vals[:]
	a, err := FromSlice(data, 2, 2)
	if err != nil {
		t.Fatalf("FromSlice(%T): %v", data, err)
	}
	if a.DType != want {
		t.Errorf("FromSlice(%T).DType = %v, want %v", data, a.DType, want)
	}
	got, err := Data[T](a)
	if err != nil {
		t.Fatalf("Data[%T]: %v", vals[0], err)
	}
	if unsafe.SliceData(got) != unsafe.SliceData(data) || len(got) != 4 {
		t.Errorf("Data[%T] does not return the array's own slice", vals[0])
	}
	rows, err := Rows[T](a)
	if err != nil {
		t.Fatalf("Rows[%T]: %v", vals[0], err)
	}
	if !reflect.DeepEqual(rows, [][]T{{vals[0], vals[1]}, {vals[2], vals[3]}}) {
		t.Errorf("Rows[%T] = %v", vals[0], rows)
	}
	back, err := FromRows(rows)
	if err != nil || back.DType != want || !reflect.DeepEqual(back.Shape, []int{2, 2}) || !reflect.DeepEqual(back.Data, a.Data) {
		t.Errorf("FromRows(Rows[%T](a)) = %+v, %v; want a copy of a", vals[0], back, err)
	}
}

func TestTypedEveryDType(t *testing.T) {
	typedCase(t, Bool, [4]bool{true, false, false, true})
	typedCase(t, Int8, [4]int8{-128, 0, 1, 127})
	typedCase(t, Int16, [4]int16{-32768, 0, 1, 32767})
	typedCase(t, Int32, [4]int32{-1 << 31, 0, 1, 1<<31 - 1})
	typedCase(t, Int64, [4]int64{-1 << 63, 0, 1, 1<<63 - 1})
	typedCase(t, Uint8, [4]uint8{0, 1, 254, 255})
	typedCase(t, Uint16, [4]uint16{0, 1, 2, 65535})
	typedCase(t, Uint32, [4]uint32{0, 1, 2, 1<<32 - 1})
	typedCase(t, Uint64, [4]uint64{0, 1, 2, 1<<64 - 1})
	typedCase(t, Float32, [4]float32{-1.5, 0, 1e-30, 3e38})
	typedCase(t, Float64, [4]float64{-1.5, 0, 5e-324, 1e308})
}

func TestDataErrors(t *testing.T) {
	u8, _ := FromSlice([]uint8{1, 2, 3}, 3)
	tests := []struct {
		name string
		get  func() error
		kind ErrorKind
		msg  string
	}{
		{"float32 of uint8", func() error { _, err := Data[float32](u8); return err }, DTypeError,
			"the array holds uint8 elements, not float32; convert it first with filter.Convert(a, filter.Float32)"},
		{"bool of uint8", func() error { _, err := Data[bool](u8); return err }, DTypeError, "holds uint8 elements, not bool"},
		{"int64 of uint8", func() error { _, err := Rows[int64](u8); return err }, DTypeError, "not int64"},
		{"nil", func() error { _, err := Data[float64](nil); return err }, ArrayError, "nil array"},
		{"short", func() error {
			_, err := Data[float64](&Array{Shape: []int{4}, DType: Float64, Data: []float64{1}})
			return err
		}, ArrayError, "shape [4] needs 4 elements, data has 1"},
		{"lying dtype", func() error {
			_, err := Data[float64](&Array{Shape: []int{1}, DType: Float32, Data: []float64{1}})
			return err
		}, ArrayError, "does not match"},
		{"rows of 1-D", func() error { _, err := Rows[uint8](u8); return err }, ArrayError, "Rows needs a 2-D array, this one has shape [3]"},
		{"bad shape", func() error { _, err := FromSlice([]int16{1, 2, 3}, 2, 2); return err }, ArrayError, "shape [2 2] needs 4 elements, data has 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.get()
			var fe *Error
			if !errors.As(err, &fe) || fe.Kind != tt.kind || !strings.Contains(fe.Msg, tt.msg) {
				t.Errorf("error %v, want kind %v with %q", err, tt.kind, tt.msg)
			}
		})
	}
}

func TestFromRows(t *testing.T) {
	tests := []struct {
		name  string
		rows  [][]float64
		shape []int
		data  []float64
		err   string
	}{
		{"2x3", [][]float64{{1, 2, 3}, {4, 5, 6}}, []int{2, 3}, []float64{1, 2, 3, 4, 5, 6}, ""},
		{"1x1", [][]float64{{7}}, []int{1, 1}, []float64{7}, ""},
		{"no rows", nil, []int{0, 0}, []float64{}, ""},
		{"empty rows", [][]float64{{}, {}}, []int{2, 0}, []float64{}, ""},
		{"ragged last", [][]float64{{1, 2}, {3, 4}, {5}}, nil, nil, "array: rows[2] has length 1, rows[0] has length 2: rows must all have one length"},
		{"ragged longer", [][]float64{{1}, {2, 3}}, nil, nil, "rows[1] has length 2, rows[0] has length 1"},
		{"nil row", [][]float64{{1}, nil}, nil, nil, "rows[1] has length 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromRows(tt.rows)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Shape, tt.shape) || !reflect.DeepEqual(a.Data, tt.data) {
				t.Fatalf("got %v %v, want %v %v", a.Shape, a.Data, tt.shape, tt.data)
			}
			// the array owns its memory: changing the rows does not change it
			if len(tt.rows) > 0 && len(tt.rows[0]) > 0 {
				tt.rows[0][0] = -99
				if a.Data.([]float64)[0] == -99 {
					t.Error("FromRows shares memory with its rows; it must copy")
				}
			}
		})
	}
	// float32 rows, the other common literal
	a, err := FromRows([][]float32{{1, 2}, {3, 4}})
	if err != nil || a.DType != Float32 || !reflect.DeepEqual(a.Data, []float32{1, 2, 3, 4}) {
		t.Errorf("FromRows(float32) = %+v, %v", a, err)
	}
}

func TestRowsCopies(t *testing.T) {
	a, _ := FromSlice([]float64{1, 2, 3, 4, 5, 6}, 3, 2)
	rows, err := Rows[float64](a)
	if err != nil {
		t.Fatal(err)
	}
	rows[0][0] = -1
	rows[0] = append(rows[0], 100) // must not spill into rows[1]
	if d := a.Data.([]float64); d[0] != 1 {
		t.Error("Rows shares memory with the array; it must copy")
	}
	if rows[1][0] != 3 {
		t.Errorf("appending to rows[0] changed rows[1] to %v", rows[1])
	}
	empty, _ := FromSlice([]float64{}, 0, 4)
	if rows, err := Rows[float64](empty); err != nil || len(rows) != 0 {
		t.Errorf("Rows of a 0x4 array = %v, %v", rows, err)
	}
}

// Data is a view: no allocation, whatever the dtype.
func TestDataAllocs(t *testing.T) {
	a, _ := FromSlice(make([]float32, 64), 8, 8)
	n := testing.AllocsPerRun(100, func() {
		if _, err := Data[float32](a); err != nil {
			t.Fatal(err)
		}
	})
	if n != 0 {
		t.Errorf("Data allocates %v times, want 0", n)
	}
}
