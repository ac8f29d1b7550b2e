package filter

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// TestIntSumColumns compares the column-sum form of the integer box sums
// (uint16 lanes: uint8 input, or a bool transform) with the lane program
// bit for bit: box widths from 1 to 15 (the vector kernels' 2 to 16,
// the portable four-lane adds up to 8, the running sum beyond), heights 1
// to 5, line lengths around the vector step, every mode, with the
// vector kernels and without.
func TestIntSumColumns(t *testing.T) {
	defer func(v bool) { vec.AVX2 = v }(vec.AVX2)
	r := rand.New(rand.NewPCG(145, 146))
	for _, avx := range []bool{vec.AVX2, false} {
		vec.AVX2 = avx
		for _, src := range []string{"mean(values)", "sum(values)", "count(values, # > 128)"} {
			for trial := range 60 {
				width := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 15}[trial%10]
				height := 1 + r.IntN(5)
				shape := []int{1 + r.IntN(9), []int{1, 3, 15, 16, 17, 33, 70}[r.IntN(7)]}
				in, _ := Zeros(Uint8, shape...)
				fill(in, r)
				for i := range in.Data.([]uint8) {
					if r.IntN(3) == 0 {
						in.Data.([]uint8)[i] = 255
					}
				}
				opts := Options{Footprint: Box(height, width), Mode: Mode(trial % 8), Cval: float64(r.IntN(256)), Threads: 1 + r.IntN(2)}
				what := fmt.Sprintf("%s (AVX2 %v) over %v, box %dx%d, mode %v", src, avx, shape, height, width, opts.Mode)
				fast, err := New(src, opts)
				if err != nil {
					t.Fatal(err)
				}
				if p := fast.Path(2, Uint8); p.Kind != IntSumPath || !strings.Contains(p.Reason, "column sums") {
					t.Fatalf("%s: %v: %s", what, p.Kind, p.Reason)
				}
				opts.General = true
				general, _ := New(src, opts)
				a, err := fast.Apply(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				b, err := general.Apply(context.Background(), in)
				if err != nil {
					t.Fatal(err)
				}
				ad, bd := a.Data.([]uint8), b.Data.([]uint8)
				for i := range ad {
					if ad[i] != bd[i] {
						t.Fatalf("%s: element %d: fast %v, general %v", what, i, ad[i], bd[i])
					}
				}
			}
		}
	}
}

// TestCastOf checks that the vector cast is found for a mean's and a
// sum's table of uint8 casts, and refused for a table it cannot give.
func TestCastOf(t *testing.T) {
	for _, c := range []struct {
		name string
		max  int // the sums: 0 .. max
		f    func(s int) uint8
		ok   bool
	}{
		{"mean of 25", 25 * 255, func(s int) uint8 { return uint8(float64(s) / 25) }, true},
		{"mean of 225", 225 * 255, func(s int) uint8 { return uint8(float64(s) / 225) }, true},
		{"mean of 9", 9 * 255, func(s int) uint8 { return uint8(float64(s) / 9) }, true},
		{"count of 25", 25, func(s int) uint8 { return uint8(s) }, true},
		{"sum of 25", 25 * 255, func(s int) uint8 { return uint8(min(s, 255)) }, true},
		{"rounded mean of 25", 25 * 255, func(s int) uint8 { return uint8((s + 12) / 25) }, false},
		{"wrapping sum of 25", 25 * 255, func(s int) uint8 { return uint8(s) }, false},
	} {
		lut := make([]uint8, c.max+1)
		for s := range lut {
			lut[s] = c.f(s)
		}
		ok, m, sh := castOf(lut)
		if ok != c.ok {
			t.Errorf("%s: found %v (m %d sh %d), want %v", c.name, ok, m, sh, c.ok)
		}
	}
}
