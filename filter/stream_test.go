package filter

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter/npy"
)

func writeNPY(t *testing.T, path string, a *Array) {
	t.Helper()
	var b bytes.Buffer
	if err := npy.Write(&b, &npy.Array{Shape: a.Shape, DType: a.DType, Data: a.Data}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readNPY(t *testing.T, path string) *Array {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := npy.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return &Array{Shape: a.Shape, DType: a.DType, Data: a.Data}
}

// TestNPYRegions: the random tilings of TestRegions read from a .npy file
// and written into one give Apply's output, byte for byte as npy.Write
// writes it; Stream by bands of 1 to 4 rows too.
func TestNPYRegions(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	for seed := range uint64(150) {
		f, in, tiles, desc, err := regionCase(seed)
		if err != nil {
			t.Fatal(err)
		}
		want, err := f.Apply(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		inPath, outPath := filepath.Join(dir, "in.npy"), filepath.Join(dir, "out.npy")
		writeNPY(t, inPath, in)
		wantPath := filepath.Join(dir, "want.npy")
		writeNPY(t, wantPath, want)
		wantBytes, _ := os.ReadFile(wantPath)
		for mode := range 2 {
			r, err := os.Open(inPath)
			if err != nil {
				t.Fatal(err)
			}
			st, _ := r.Stat()
			src, err := NPYSource(r, st.Size())
			if err != nil {
				t.Fatal(err)
			}
			w, err := os.Create(outPath)
			if err != nil {
				t.Fatal(err)
			}
			dst, err := NPYSink(w, want.DType, want.Shape)
			if err != nil {
				t.Fatal(err)
			}
			if mode == 0 {
				for _, tile := range tiles {
					if err := f.ApplyRegion(ctx, dst, src, tile); err != nil {
						t.Fatalf("seed %d (%s): %v", seed, desc, err)
					}
				}
			} else {
				if err := f.Stream(ctx, dst, src, StreamOptions{Rows: 1 + int(seed%4)}); err != nil {
					t.Fatalf("seed %d (%s): %v", seed, desc, err)
				}
			}
			r.Close()
			w.Close()
			got, _ := os.ReadFile(outPath)
			if !bytes.Equal(got, wantBytes) {
				t.Fatalf("seed %d (%s, shape %v, stream %v): the .npy written differs from Apply's", seed, desc, in.Shape, mode == 1)
			}
		}
	}
}

func TestNPYSourceErrors(t *testing.T) {
	dir := t.TempDir()
	// a Fortran-ordered 2x3 float64 file, by hand
	hdr := "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 3), }"
	hdr += string(bytes.Repeat([]byte(" "), 128-10-len(hdr)-1)) + "\n"
	b := append([]byte("\x93NUMPY\x01\x00"), byte(len(hdr)), 0)
	b = append(append(b, hdr...), make([]byte, 48)...)
	path := filepath.Join(dir, "f.npy")
	os.WriteFile(path, b, 0o644)
	r, _ := os.Open(path)
	defer r.Close()
	_, err := NPYSource(r, int64(len(b)))
	var e *Error
	if !errors.As(err, &e) || e.Kind != ArrayError || !bytes.Contains([]byte(err.Error()), []byte("Fortran")) {
		t.Errorf("Fortran order: %v", err)
	}
	// a file cut short: the header says 2x3, 40 bytes of data are there
	os.WriteFile(path, bytes.Replace(b[:len(b)-8], []byte("True"), []byte("False"), 1), 0o644)
	r2, _ := os.Open(path)
	defer r2.Close()
	st, _ := r2.Stat()
	if _, err := NPYSource(r2, st.Size()); !errors.Is(err, io.ErrUnexpectedEOF) || !strings.Contains(err.Error(), "declares 48 bytes, the file holds 41") {
		t.Errorf("short file: %v", err)
	}
	// a file cut after NPYSource: the Read fails
	src, err := NPYSource(r2, st.Size()+8)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := New("min(values)", Options{Footprint: BoxN(2, 3)})
	out, _ := Zeros(Float64, 2, 3)
	err = f.Stream(context.Background(), ArraySink(out), src, StreamOptions{})
	var ne *npy.Error
	if !errors.As(err, &ne) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short file: %v", err)
	}
}

// TestStreamWriteError: a sink that fails stops the stream with its error.
func TestStreamWriteError(t *testing.T) {
	f, _ := New("min(values)", Options{Footprint: BoxN(2, 3)})
	in, _ := Zeros(Float64, 40, 5)
	boom := errors.New("disk full")
	n := 0
	sink := sinkFunc(func(Region, *Array) error {
		if n++; n == 3 {
			return boom
		}
		return nil
	})
	if err := f.Stream(context.Background(), sink, ArraySource(in), StreamOptions{Rows: 2}); !errors.Is(err, boom) {
		t.Errorf("error %v, want %v", err, boom)
	}
}

type sinkFunc func(Region, *Array) error

func (f sinkFunc) Write(r Region, a *Array) error { return f(r, a) }
