//go:build !race

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

var sink float64

// TestUpperClear: after every vector kernel, Go's scalar floating point
// (SSE) runs at full speed. A kernel that left the upper halves of the
// YMM registers dirty (no VZEROUPPER) would make each SSE instruction
// after it pay the AVX-SSE transition penalty: math.Exp 35 times slower
// on this project's Xeon. The bound is loose (3x, best of up to 30
// rounds) because the machine is shared.
func TestUpperClear(t *testing.T) {
	if !AVX2 {
		t.Skip("no vector kernels run in this build or on this CPU")
	}
	const n = 64
	rng := rand.New(rand.NewPCG(7, 8))
	xs := make([]float64, 256)
	for i := range xs {
		xs[i] = rng.Float64()*4 - 2
	}
	type kernelRun struct {
		name string
		run  func(vector bool)
	}
	var runs []kernelRun
	for _, k := range kernels() {
		s := make([][]float64, k.slices)
		for j := range s {
			s[j] = make([]float64, n+2)
			for i := range s[j] {
				s[j][i] = rng.Float64() + 1
			}
			if len(k.long) == 0 || j == 0 {
				s[j] = s[j][:n]
			}
		}
		runs = append(runs, kernelRun{k.name, func(vector bool) { k.run(vector, n, s) }})
	}
	a, x, y := make([]uint8, 4*n), make([]uint8, 4*n), make([]uint8, 4*n)
	for i := range x {
		x[i], y[i] = uint8(rng.IntN(256)), uint8(rng.IntN(256))
	}
	a16, x16, y16 := make([]int16, 4*n), make([]int16, 4*n), make([]int16, 4*n)
	for i := range x16 {
		x16[i], y16[i] = int16(rng.Uint32()), int16(rng.Uint32())
	}
	runs = append(runs,
		kernelRun{"MinU8", func(vector bool) { pick(vector, MinU8, minIntsGeneric[uint8])(a, x, y) }},
		kernelRun{"MaxU8", func(vector bool) { pick(vector, MaxU8, maxIntsGeneric[uint8])(a, x, y) }},
		kernelRun{"MinI16", func(vector bool) { pick(vector, MinI16, minIntsGeneric[int16])(a16, x16, y16) }},
		kernelRun{"MaxI16", func(vector bool) { pick(vector, MaxI16, maxIntsGeneric[int16])(a16, x16, y16) }})
	for _, k := range runs {
		expAfter(t, k.name, k.run)
	}
}

func pick[T Integer](vector bool, vec, gen func(a, x, y []T)) func(a, x, y []T) {
	if vector {
		return vec
	}
	return gen
}

// expAfter is the upper-clear tests' rule for the kernel run runs
// (run(true) the vector kernel, run(false) its portable twin): math.Exp
// after the vector kernel takes at most 3 times as long as after the
// portable one, the best of interleaved rounds (other processes only
// ever slow a round down). A kernel that leaves the upper halves dirty
// makes each of Exp's legacy-SSE instructions pay the AVX-SSE transition:
// tens of times slower.
func expAfter(t *testing.T, name string, run func(vector bool)) {
	t.Helper()
	timeRun := func(vector bool) time.Duration {
		start := time.Now()
		for range 20 {
			run(vector)
			for i := range 256 {
				sink += math.Exp(float64(i)/64 - 2)
			}
		}
		return time.Since(start)
	}
	best := [2]time.Duration{1 << 62, 1 << 62} // portable, vector
	for rounds := 0; rounds < 5 || best[1] > 3*best[0] && rounds < 30; rounds++ {
		for v := range best {
			best[v] = min(best[v], timeRun(v == 1))
		}
	}
	if best[1] > 3*best[0] {
		t.Errorf("%s: math.Exp after the vector kernel %v, after the portable one %v: %.1fx slower",
			name, best[1], best[0], float64(best[1])/float64(best[0]))
	}
}
