package vec

import (
	"math/rand/v2"
	"testing"
)

// TestOverlapInts checks the Overlap kernels against the portable loops
// on every length around the vector widths, with a distinct and with a
// the same slice as x (a box fold's acc = op(acc, s)), vector kernels on
// and off.
func TestOverlapInts(t *testing.T) {
	saved := AVX2
	defer func() { AVX2 = saved }()
	for _, vector := range []bool{false, true} {
		AVX2 = vector && saved
		overlapCase(t, "MinU8", MinU8Overlap, minIntsGeneric[uint8])
		overlapCase(t, "MaxU8", MaxU8Overlap, maxIntsGeneric[uint8])
		overlapCase(t, "MinI8", MinI8Overlap, minIntsGeneric[int8])
		overlapCase(t, "MaxI8", MaxI8Overlap, maxIntsGeneric[int8])
		overlapCase(t, "MinU16", MinU16Overlap, minIntsGeneric[uint16])
		overlapCase(t, "MaxU16", MaxU16Overlap, maxIntsGeneric[uint16])
		overlapCase(t, "MinI16", MinI16Overlap, minIntsGeneric[int16])
		overlapCase(t, "MaxI16", MaxI16Overlap, maxIntsGeneric[int16])
	}
}

func overlapCase[T Integer](t *testing.T, name string, op, portable func(a, x, y []T)) {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n <= 100; n++ {
		x, y := make([]T, n+3), make([]T, n+3)
		for i := range x {
			x[i], y[i] = T(r.Uint64()), T(r.Uint64())
		}
		want := make([]T, n)
		portable(want, x, y)
		a := make([]T, n)
		op(a, x, y)
		ax := append([]T(nil), x[:n]...)
		op(ax, ax, y)
		for i := range want {
			if a[i] != want[i] || ax[i] != want[i] {
				t.Fatalf("%s (AVX2 %v) n=%d: [%d] = %v (a is x: %v), want %v", name, AVX2, n, i, a[i], ax[i], want[i])
			}
		}
	}
}
