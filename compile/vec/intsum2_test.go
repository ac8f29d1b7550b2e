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
// for widths with kernels (2 to 16) and without, with sums that wrap.
func TestWinSumU16(t *testing.T) {
	r := rand.New(rand.NewPCG(203, 204))
	for _, width := range []int{1, 2, 3, 5, 7, 9, 15, 16, 17} {
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

// TestCastU16U8 checks CastU16U8 against its portable loop bit for bit:
// words across the whole range (VPACKUSWB's saturation of negative
// int16s to 0), the pack alone (m 2^16), shifts up to past 15.
func TestCastU16U8(t *testing.T) {
	r := rand.New(rand.NewPCG(205, 206))
	for _, n := range []int{0, 1, 31, 32, 33, 64, 100} {
		acc := make([]uint16, n)
		for i := range acc {
			acc[i] = uint16(r.Uint32())
			if r.IntN(2) == 0 {
				acc[i] %= 600
			}
		}
		for _, c := range []struct {
			m  uint32
			sh uint
		}{{1 << 16, 0}, {0, 0}, {2622, 0}, {5243, 3}, {65535, 15}, {40000, 16}, {uint32(r.IntN(1 << 16)), uint(r.IntN(8))}} {
			got, want := make([]uint8, n), make([]uint8, n)
			castU16U8Generic(want, acc, c.m, c.sh)
			CastU16U8(got, acc, c.m, c.sh)
			if !slices.Equal(got, want) {
				t.Errorf("n %d m %d sh %d: got %v, want %v (acc %v)", n, c.m, c.sh, got, want, acc)
			}
		}
	}
}
