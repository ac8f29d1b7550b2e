package filter

import (
	"math/rand/v2"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// TestOverlapTail checks overlapTail against the plain loop on every
// length around the vector widths, with a the same slice as x too (the
// box folds' acc = op(acc, s)).
func TestOverlapTail(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	op := overlapTail(vec.MaxU8, 32)
	for n := 0; n <= 100; n++ {
		x, y, a := make([]uint8, n+5), make([]uint8, n+5), make([]uint8, n)
		for i := range x {
			x[i], y[i] = uint8(r.IntN(256)), uint8(r.IntN(256))
		}
		want := make([]uint8, n)
		for i := range want {
			want[i] = max(x[i], y[i])
		}
		op(a, x, y)
		for i := range a {
			if a[i] != want[i] {
				t.Fatalf("n=%d: a[%d] = %d, want %d", n, i, a[i], want[i])
			}
		}
		ax := append([]uint8(nil), x[:n]...)
		op(ax, ax, y)
		for i := range ax {
			if ax[i] != want[i] {
				t.Fatalf("n=%d, a is x: a[%d] = %d, want %d", n, i, ax[i], want[i])
			}
		}
	}
	op16 := overlapTail(vec.MinI16, 16)
	for n := 0; n <= 60; n++ {
		x, y, a := make([]int16, n), make([]int16, n), make([]int16, n)
		for i := range x {
			x[i], y[i] = int16(r.Uint32()), int16(r.Uint32())
		}
		op16(a, x, y)
		for i := range a {
			if a[i] != min(x[i], y[i]) {
				t.Fatalf("int16 n=%d: a[%d] = %d, want %d", n, i, a[i], min(x[i], y[i]))
			}
		}
	}
}
