package npy_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kfilter/kfilter/filter/npy"
)

func FuzzRead(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.npy"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no fixtures: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add(npyFile(1, "{'descr': [('x', '<f4')], 'fortran_order': True, 'shape': (-1, 2L)}", nil))
	f.Add(npyFile(2, `{"shape": (1, 2, 3), "descr": ">u4", "fortran_order": True}`, make([]byte, 24)))

	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := npy.Read(bytes.NewReader(b))
		if err != nil {
			var e *npy.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not an *Error", err, err)
			}
			if e.Offset < 0 || e.Offset > int64(len(b)) {
				t.Fatalf("error %v: Offset %d outside the input of %d bytes", err, e.Offset, len(b))
			}
			return
		}
		var buf bytes.Buffer
		if err := npy.Write(&buf, a); err != nil {
			t.Fatalf("Write of a read array: %v", err)
		}
		a2, err := npy.Read(&buf)
		if err != nil {
			t.Fatalf("Read of a written array: %v", err)
		}
		if !shapeEqual(a.Shape, a2.Shape) || a.DType != a2.DType || !dataEqual(a.Data, a2.Data) {
			t.Fatalf("round trip changed the array: %v %v -> %v %v", a.DType, a.Shape, a2.DType, a2.Shape)
		}
	})
}
