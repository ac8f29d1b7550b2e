package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRunEW: a random program of every EWCode, run by RunEW with the
// AVX-512 kernel and without, gives the result of running each operation
// over all the pixels in turn with Go's arithmetic, bit for bit (any NaN
// for NaN), at lengths about the groups of 32 and 8 pixels, with NaN, ±Inf, ±0 and subnormals
// among the operands, and with destinations that are operands.
func TestRunEW(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 46))
	special := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 5e-324, -5e-324, 1, -1}
	draw := func() float64 {
		if rng.IntN(4) == 0 {
			return special[rng.IntN(len(special))]
		}
		return rng.NormFloat64()
	}
	apply := func(code EWCode, a, b float64) float64 {
		switch code {
		case EWAdd:
			return a + b
		case EWSub:
			return a - b
		case EWMul:
			return a * b
		case EWDiv:
			return a / b
		case EWMin:
			if a < b || a != a {
				return a
			}
			return b
		case EWMax:
			if a > b || a != a {
				return a
			}
			return b
		case EWNeg:
			return -a
		}
		return math.Abs(a)
	}
	saved := AVX512
	defer func() { AVX512 = saved }()
	const nslots = 8
	for _, wide := range []bool{true, false} {
		if wide && !saved {
			continue
		}
		AVX512 = wide
		for _, n := range []int{0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 23, 24, 31, 32, 33, 39, 40, 41, 63, 64, 65, 71, 72, 100} {
			for range 20 {
				var prog EWProgram
				type op struct {
					code    EWCode
					d, a, b int
				}
				var ops []op
				for range 1 + rng.IntN(12) {
					o := op{EWCode(rng.IntN(int(EWAbs) + 1)), rng.IntN(nslots), rng.IntN(nslots), rng.IntN(nslots)}
					ops = append(ops, o)
					prog = prog.Op(o.code, o.d, o.a, o.b)
				}
				slots, want := make([][]float64, nslots), make([][]float64, nslots)
				for s := range slots {
					slots[s] = make([]float64, n+1) // longer than n: the last must not change
					for i := range slots[s] {
						slots[s][i] = draw()
					}
					want[s] = append([]float64(nil), slots[s]...)
				}
				for _, o := range ops {
					for i := 0; i < n; i++ {
						want[o.d][i] = apply(o.code, want[o.a][i], want[o.b][i])
					}
				}
				RunEW(slots, prog, n)
				for s := range slots {
					for i := range slots[s] {
						g, w := slots[s][i], want[s][i]
						if math.Float64bits(g) != math.Float64bits(w) && !(g != g && w != w) {
							t.Fatalf("AVX-512 %v, n=%d, slot %d pixel %d: %v, want %v (program %v)", wide, n, s, i, g, w, ops)
						}
					}
				}
			}
		}
	}
}

func TestRunEWShortSlot(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("RunEW over a slot shorter than n did not panic")
		}
	}()
	RunEW([][]float64{make([]float64, 16), make([]float64, 15)}, EWProgram{}.Op(EWAdd, 0, 0, 1), 16)
}
