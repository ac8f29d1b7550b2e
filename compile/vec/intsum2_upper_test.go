//go:build !race && !purego

package vec

import "testing"

// TestUpperClearIntSum2 is TestUpperClear for ColSlideU8's and
// WinSumU16's kernels: math.Exp after them runs as fast as after the
// portable loops.
func TestUpperClearIntSum2(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	const n = 256
	col, acc := make([]uint16, n+4), make([]uint16, n)
	out, in := make([]uint8, n+4), make([]uint8, n+4)
	expAfter(t, "ColSlideU8", func(vector bool) {
		if vector {
			ColSlideU8(col, out, in)
		} else {
			colSlideU8Generic(col, out, in)
		}
	})
	expAfter(t, "WinSumU16", func(vector bool) {
		if vector {
			WinSumU16(acc, col, 5)
		} else {
			winSumU16Generic(acc, col, 5)
		}
	})
	for _, m := range []uint32{1 << 16, 2622} {
		expAfter(t, "CastU16U8", func(vector bool) {
			if vector {
				CastU16U8(out[:n], acc, m, 0)
			} else {
				castU16U8Generic(out[:n], acc, m, 0)
			}
		})
	}
}
