//go:build !race

package vec

import (
	"testing"
)

// TestUpperClearNet is TestUpperClear for RunNet and the NaN tests: math.Exp
// after them runs as fast as after the portable loop.
func TestUpperClearNet(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	const n = 64
	w32 := [][]float32{make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)}
	w64 := [][]float64{make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)}
	prog, _ := NewNet([]uint32{0, 1, 2, 3}, 4)
	w8 := [][]uint8{make([]uint8, n), make([]uint8, n), make([]uint8, n), make([]uint8, n)}
	w16 := [][]int16{make([]int16, n), make([]int16, n), make([]int16, n), make([]int16, n)}
	for _, op := range []struct {
		name string
		run  func(vector bool)
	}{
		{"RunNet float32", func(v bool) {
			pickF32(v, RunNet[float32], func(p Net, w [][]float32, n int) { netGeneric(p.prog, w, 0, n) })(prog, w32, n)
		}},
		{"RunNet uint8", func(v bool) {
			pickF32(v, RunNet[uint8], func(p Net, w [][]uint8, n int) { netGeneric(p.prog, w, 0, n) })(prog, w8, n)
		}},
		{"RunNet int16", func(v bool) {
			pickF32(v, RunNet[int16], func(p Net, w [][]int16, n int) { netGeneric(p.prog, w, 0, n) })(prog, w16, n)
		}},
		{"HasNaNF32", func(v bool) { pickF32(v, HasNaNF32, hasNaNGeneric[float32])(w32[0]) }},
		{"HasNaNF64", func(v bool) { pickF32(v, HasNaNF64, hasNaNGeneric[float64])(w64[0]) }},
		{"RunNet float64", func(v bool) {
			pickF32(v, RunNet[float64], func(p Net, w [][]float64, n int) { netGeneric(p.prog, w, 0, n) })(prog, w64, n)
		}},
	} {
		expAfter(t, op.name, op.run)
	}
}
