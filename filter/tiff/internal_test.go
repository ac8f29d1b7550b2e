package tiff

import (
	"testing"

	"github.com/kfilter/kfilter/filter"
)

// TestBigTIFFChoice checks that Write picks BigTIFF exactly when a
// classic TIFF's 32-bit offsets might not reach the end of the file.
// The arrays are never allocated: layout looks at shapes only.
func TestBigTIFFChoice(t *testing.T) {
	for _, tc := range []struct {
		shape []int
		dtype filter.DType
		opt   Options
		big   bool
	}{
		{[]int{1000, 1000}, filter.Uint8, Options{}, false},
		{[]int{3, 20000, 20000}, filter.Uint16, Options{}, false},                 // 2.4 GB
		{[]int{6, 20000, 20000}, filter.Uint16, Options{}, true},                  // 4.8 GB
		{[]int{65520, 65520}, filter.Uint8, Options{}, false},                     // 4292870400 bytes and 65520 strips fit
		{[]int{65535, 65535}, filter.Uint8, Options{}, true},                      // 4294836225 bytes, but not with the strip tables
		{[]int{65520, 65520}, filter.Uint8, Options{Compression: Deflate}, true},  // deflate might expand it past 4 GiB
		{[]int{65520, 65520}, filter.Uint8, Options{Compression: PackBits}, true}, // likewise PackBits
		{[]int{100, 100}, filter.Float32, Options{BigTIFF: true}, true},
		{[]int{2, 30000, 30000, 3}, filter.Uint8, Options{Channels: true}, true},
	} {
		a := &filter.Array{Shape: tc.shape, DType: tc.dtype}
		g, err := layout(a, &tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if g.big != tc.big {
			t.Errorf("%v %v %+v: BigTIFF = %v, want %v", tc.shape, tc.dtype, tc.opt, g.big, tc.big)
		}
	}
}
