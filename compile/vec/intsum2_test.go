package vec

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestColSlideU8 checks ColSlideU8 against its portable loop bit for bit,
// on lengths around the vector step, with sums that wrap.
func TestColSlideU8(t *testing.T) {
	r := rand.New(rand.NewPCG(201, 202))
	for _, n := range []int{0, 1, 15, 16, 17, 31, 32, 33, 100} {
		col := make([]uint16, n)
		out, in := make([]uint8, n), make([]uint8, n)
		for i := range n {
			col[i], out[i], in[i] = uint16(r.Uint32()), uint8(r.Uint32()), uint8(r.Uint32())
		}
		want := slices.Clone(col)
		colSlideU8Generic(want, out, in)
		ColSlideU8(col, out, in)
		if !slices.Equal(col, want) {
			t.Errorf("n %d: got %v, want %v", n, col, want)
		}
	}
}

// TestWinSumU16 checks WinSumU16 against its portable loop bit for bit,
// for the widths with kernels and one without, with sums that wrap.
func TestWinSumU16(t *testing.T) {
	r := rand.New(rand.NewPCG(203, 204))
	for _, width := range []int{1, 3, 5, 7, 9} {
		for _, n := range []int{0, 1, 15, 16, 17, 33, 100} {
			col := make([]uint16, n+width-1)
			for i := range col {
				col[i] = uint16(r.Uint32())
			}
			got, want := make([]uint16, n), make([]uint16, n)
			winSumU16Generic(want, col, width)
			WinSumU16(got, col, width)
			if !slices.Equal(got, want) {
				t.Errorf("width %d n %d: got %v, want %v", width, n, got, want)
			}
		}
	}
}
