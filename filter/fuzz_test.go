package filter

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kfilter/kfilter/filter/npy"
)

// seeds adds every file under testdata/fuzz/name as a seed.
func seeds(f *testing.F, name string, add func(data []byte)) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "fuzz", name, "*"))
	if len(files) == 0 {
		f.Fatalf("no seed corpus in testdata/fuzz/%s", name)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		add(data)
	}
}

// FuzzParseFootprint: any spec either parses into a valid footprint or
// gives an *Error, never a panic.
func FuzzParseFootprint(f *testing.F) {
	seeds(f, "FuzzParseFootprint", func(d []byte) { f.Add(string(d), uint8(2)) })
	f.Fuzz(func(t *testing.T, spec string, rank uint8) {
		fp, err := ParseFootprint(spec, 1+int(rank%4))
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("%q: %T %v", spec, err, err)
			}
			return
		}
		if err := fp.check(); err != nil || fp.Count() == 0 {
			t.Fatalf("%q parsed into an invalid footprint: %v", spec, err)
		}
	})
}

// FuzzFootprintNPY: any .npy bytes either make a footprint or an error.
func FuzzFootprintNPY(f *testing.F) {
	files, _ := filepath.Glob("../testdata/footprints/*.npy")
	for _, file := range files {
		data, _ := os.ReadFile(file)
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := npy.ReadLimits(bytes.NewReader(data), npy.Limits{MaxBytes: 1 << 20})
		if err != nil {
			return
		}
		fp, err := FootprintOf(&Array{Shape: a.Shape, DType: a.DType, Data: a.Data})
		if err == nil && fp.Count() == 0 {
			t.Fatal("a footprint with no true element was accepted")
		}
	})
}
