package tiff_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
	"github.com/kfilter/kfilter/filter/tiff"
)

// writerFixtures are files written by Write that make.py checks with
// tifffile ("make.py check"): tifffile must read each as its array.
var writerFixtures = []struct {
	name  string
	array *filter.Array
	opt   tiff.Options
}{
	{"go_u16_stack", pattern(filter.Uint16, 3, 10, 12), tiff.Options{}},
	{"go_f32_deflate_fpred", pattern(filter.Float32, 11, 13), tiff.Options{Compression: tiff.Deflate, Predictor: tiff.FloatingPoint}},
	{"go_i16_be_deflate_pred", pattern(filter.Int16, 2, 9, 7), tiff.Options{Compression: tiff.Deflate, Predictor: tiff.Horizontal, BigEndian: true}},
	{"go_rgb_u8_tiles", pattern(filter.Uint8, 20, 18, 3), tiff.Options{Channels: true, TileWidth: 16, TileHeight: 16}},
	{"go_f64_bigtiff_4d", pattern(filter.Float64, 2, 2, 5, 6), tiff.Options{BigTIFF: true, Compression: tiff.Deflate}},
	{"go_i32_packbits", pattern(filter.Int32, 9, 8), tiff.Options{Compression: tiff.PackBits, RowsPerStrip: 2}},
	{"go_rgba_u16_stack", pattern(filter.Uint16, 2, 6, 5, 4), tiff.Options{Channels: true, Compression: tiff.Deflate, Predictor: tiff.Horizontal}},
}

// TestWriterFixtures checks the committed files Write produced (and
// tifffile read back, see make.py): they decode to their arrays and
// Write still produces them byte for byte. With -update it rewrites
// them.
func TestWriterFixtures(t *testing.T) {
	for _, fx := range writerFixtures {
		t.Run(fx.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tiff.Write(&buf, fx.array, &fx.opt); err != nil {
				t.Fatal(err)
			}
			base := filepath.Join(fixtureDir, fx.name)
			if *update {
				if err := os.WriteFile(base+".tif", buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				var nb bytes.Buffer
				if err := npy.Write(&nb, &npy.Array{Shape: fx.array.Shape, DType: fx.array.DType, Data: fx.array.Data}); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(base+".npy", nb.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := readNPY(t, base+".npy")
			if msg := sameArray(fx.array, want); msg != "" {
				t.Fatalf("the array of %s.npy changed: %s", fx.name, msg)
			}
			got, err := readTIFF(base + ".tif")
			if err != nil {
				t.Fatal(err)
			}
			if msg := sameArray(got, want); msg != "" {
				t.Fatal(msg)
			}
			committed, err := os.ReadFile(base + ".tif")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), committed) {
				t.Errorf("Write's output (%d bytes) differs from %s.tif (%d bytes), which tifffile was checked on; rerun with -update and make.py check", buf.Len(), fx.name, len(committed))
			}
		})
	}
}
