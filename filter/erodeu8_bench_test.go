package filter

import (
	"context"
	"math/rand/v2"
	"testing"
)

// BenchmarkErodeU8: min over a 3x3 box of uint8 2048x2048, mirror, one
// thread (the u8-erode-3x3 row).
func BenchmarkErodeU8(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	in, _ := Zeros(Uint8, 2048, 2048)
	for i, d := 0, in.Data.([]uint8); i < len(d); i++ {
		d[i] = uint8(r.IntN(256))
	}
	out, _ := Zeros(Uint8, 2048, 2048)
	f, err := New("min(values)", Options{Footprint: BoxN(2, 3), Mode: Mirror, Threads: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(2 * 2048 * 2048)
	for b.Loop() {
		if err := f.ApplyTo(context.Background(), out, in); err != nil {
			b.Fatal(err)
		}
	}
}
