package vec

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestInts holds the integer min and max kernels to their portable twins
// element for element, on every length up to a few vectors, at any
// alignment, in place (a is x) and not, with the extremes of each type
// frequent, leaving the elements past len(a) alone.
func TestInts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	testInts(t, rng, "MinU8", MinU8, minIntsGeneric[uint8])
	testInts(t, rng, "MaxU8", MaxU8, maxIntsGeneric[uint8])
	testInts(t, rng, "MinI8", MinI8, minIntsGeneric[int8])
	testInts(t, rng, "MaxI8", MaxI8, maxIntsGeneric[int8])
	testInts(t, rng, "MinU16", MinU16, minIntsGeneric[uint16])
	testInts(t, rng, "MaxU16", MaxU16, maxIntsGeneric[uint16])
	testInts(t, rng, "MinI16", MinI16, minIntsGeneric[int16])
	testInts(t, rng, "MaxI16", MaxI16, maxIntsGeneric[int16])
}

func testInts[T Integer](t *testing.T, rng *rand.Rand, name string, vec, gen func(a, x, y []T)) {
	t.Helper()
	var lo, hi T
	hi = ^lo
	if hi < lo { // signed: the extremes are the bit patterns 100… and 011…
		lo, hi = hi<<(8*sizeOf(lo)-1), ^(hi << (8*sizeOf(lo) - 1))
	}
	for n := range 140 {
		for trial := range 4 {
			const guard = 33
			off := rng.IntN(32)
			buf := func() []T {
				b := make([]T, off+n+guard)
				for i := range b {
					b[i] = T(rng.Uint64())
					if rng.IntN(4) == 0 {
						b[i] = []T{lo, hi, 0}[rng.IntN(3)]
					}
				}
				return b
			}
			x, y, a := buf(), buf(), buf()
			va, pa := slices.Clone(a), slices.Clone(a)
			vec(va[off:off+n], x[off:off+n+guard], y[off:])
			gen(pa[off:off+n], x[off:off+n+guard], y[off:])
			if !slices.Equal(va, pa) {
				t.Fatalf("%s n %d trial %d: vector %v, portable %v", name, n, trial, va, pa)
			}
			vx, px := slices.Clone(x), slices.Clone(x)
			vec(vx[off:off+n], vx[off:], y[off:])
			gen(px[off:off+n], px[off:], y[off:])
			if !slices.Equal(vx, px) {
				t.Fatalf("%s in place, n %d trial %d: vector %v, portable %v", name, n, trial, vx, px)
			}
		}
	}
}

func sizeOf[T Integer](T) int {
	var x T
	x = ^x
	n := 0
	for ; x != 0; x <<= 1 {
		n++
	}
	return (n + 7) / 8
}
