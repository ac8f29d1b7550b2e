package npy_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/kfilter/kfilter/filter/npy"
)

// fixtureDir holds .npy files written by numpy (see gen.py there).
const fixtureDir = "../../testdata/npy"

// fixtureValues returns the contents gen.py gives the (2, 3) arrays of
// each dtype, in C order.
func fixtureValues(d npy.DType) any {
	const n = 6
	f := func(mult int64, off int) func(int) uint64 {
		return func(i int) uint64 { return uint64(int64(i-off) * mult) }
	}
	switch d {
	case npy.Bool:
		return []bool{false, true, false, false, true, false}
	case npy.Int8:
		return makeData(d, n, f(40, 3))
	case npy.Int16:
		return makeData(d, n, f(10000, 3))
	case npy.Int32:
		return makeData(d, n, f(700000000, 3))
	case npy.Int64:
		return makeData(d, n, f(3000000000000000000, 3))
	case npy.Uint8:
		return makeData(d, n, f(50, 0))
	case npy.Uint16:
		return makeData(d, n, f(13000, 0))
	case npy.Uint32:
		return makeData(d, n, f(850000000, 0))
	case npy.Uint64:
		return makeData(d, n, f(3600000000000000000, 0))
	case npy.Float32:
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(float64(i-3)*0.75 + 0.125)
		}
		return s
	case npy.Float64:
		s := make([]float64, n)
		for i := range s {
			s[i] = float64(i-3) / 7
		}
		return s
	}
	panic("bad dtype")
}

type fixture struct {
	file  string
	shape []int
	dtype npy.DType
	data  any

	// same names the fixture that numpy.save wrote for this array in C
	// order, little-endian: Write must produce exactly its contents.
	same string
}

func fixtures() []fixture {
	var fs []fixture
	for _, d := range allDTypes {
		for _, order := range []string{"le", "be"} {
			fs = append(fs, fixture{d.String() + "_" + order + ".npy", []int{2, 3}, d, fixtureValues(d), d.String() + "_le.npy"})
		}
	}
	arange := func(d npy.DType, n int) any {
		return makeData(d, n, func(i int) uint64 {
			if d == npy.Float32 {
				return uint64(math.Float32bits(float32(i)))
			}
			if d == npy.Float64 {
				return math.Float64bits(float64(i))
			}
			return uint64(i)
		})
	}
	nan := math.Float64frombits(0x7ff8000000000000) // numpy's NaN
	special := []float64{nan, math.Inf(1), math.Inf(-1), math.Copysign(0, -1), 5e-324, math.MaxFloat64}
	fs = append(fs,
		fixture{"fortran_2d_f8.npy", []int{3, 4}, npy.Float64, arange(npy.Float64, 12), ""},
		fixture{"fortran_3d_i4_be.npy", []int{2, 3, 4}, npy.Int32, arange(npy.Int32, 24), ""},
		fixture{"fortran_3d_u2.npy", []int{3, 4, 5}, npy.Uint16, arange(npy.Uint16, 60), ""},
		fixture{"v2_f4.npy", []int{2, 5}, npy.Float32, arange(npy.Float32, 10), ""},
		fixture{"v3_i8_be.npy", []int{6}, npy.Int64, arange(npy.Int64, 6), ""},
		fixture{"scalar_f8.npy", []int{}, npy.Float64, []float64{42.5}, "scalar_f8.npy"},
		fixture{"scalar_bool.npy", []int{}, npy.Bool, []bool{true}, "scalar_bool.npy"},
		fixture{"empty_f8.npy", []int{0}, npy.Float64, []float64{}, "empty_f8.npy"},
		fixture{"empty_3d_i2_be.npy", []int{2, 0, 3}, npy.Int16, []int16{}, ""},
		fixture{"rank5_u1.npy", []int{1, 2, 1, 3, 1}, npy.Uint8, arange(npy.Uint8, 6), "rank5_u1.npy"},
		fixture{"special_f8_be.npy", []int{6}, npy.Float64, special, ""},
		fixture{"special_f4.npy", []int{6}, npy.Float32, []float32{
			math.Float32frombits(0x7fc00000), float32(math.Inf(1)), float32(math.Inf(-1)),
			float32(math.Copysign(0, -1)), 1e-45, math.MaxFloat32}, "special_f4.npy"},
	)
	return fs
}

func TestFixtures(t *testing.T) {
	seen := make(map[string]bool)
	for _, fx := range fixtures() {
		seen[fx.file] = true
		t.Run(fx.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(fixtureDir, fx.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := npy.Read(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if !shapeEqual(a.Shape, fx.shape) || a.Shape == nil {
				t.Errorf("Shape = %#v, want %v", a.Shape, fx.shape)
			}
			if a.DType != fx.dtype {
				t.Errorf("DType = %v, want %v", a.DType, fx.dtype)
			}
			if !dataEqual(a.Data, fx.data) {
				t.Errorf("Data = %v, want %v", a.Data, fx.data)
			}

			if fx.same == "" {
				return
			}
			want, err := os.ReadFile(filepath.Join(fixtureDir, fx.same))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := npy.Write(&buf, a); err != nil {
				t.Fatalf("Write: %v", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("Write output differs from numpy's %s:\n got %q\nwant %q", fx.same, buf.Bytes(), want)
			}
		})
	}

	// Every fixture file is checked.
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.npy"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !seen[filepath.Base(f)] {
			t.Errorf("fixture %s is not checked", filepath.Base(f))
		}
	}
}
