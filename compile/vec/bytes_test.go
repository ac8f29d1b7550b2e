package vec

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBytes holds MinU8 and MaxU8 to their portable twins byte for byte,
// on every length up to a few vectors, at any alignment, in place (a is
// x) and not, leaving the bytes past len(a) alone.
func TestBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, k := range []struct {
		name     string
		vec, gen func(a, x, y []uint8)
	}{
		{"MinU8", MinU8, minU8Generic},
		{"MaxU8", MaxU8, maxU8Generic},
	} {
		for n := range 140 {
			for trial := range 4 {
				const guard = 33
				off := rng.IntN(32)
				buf := func() []uint8 {
					b := make([]uint8, off+n+guard)
					for i := range b {
						b[i] = uint8(rng.IntN(256))
						if rng.IntN(4) == 0 {
							b[i] = []uint8{0, 255}[rng.IntN(2)]
						}
					}
					return b
				}
				x, y, a := buf(), buf(), buf()
				va, pa := slices.Clone(a), slices.Clone(a)
				k.vec(va[off:off+n], x[off:off+n+guard], y[off:])
				k.gen(pa[off:off+n], x[off:off+n+guard], y[off:])
				if !slices.Equal(va, pa) {
					t.Fatalf("%s n %d trial %d: vector %v, portable %v", k.name, n, trial, va, pa)
				}
				vx, px := slices.Clone(x), slices.Clone(x)
				k.vec(vx[off:off+n], vx[off:], y[off:])
				k.gen(px[off:off+n], px[off:], y[off:])
				if !slices.Equal(vx, px) {
					t.Fatalf("%s in place, n %d trial %d: vector %v, portable %v", k.name, n, trial, vx, px)
				}
			}
		}
	}
}
