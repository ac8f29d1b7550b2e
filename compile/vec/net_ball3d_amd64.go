//go:build !purego

package vec

// RunNet runs a network over lanes [0, n) of wires: for each exchange k
// in order, wires prog[4k+2] and prog[4k+3] get the min and the max of
// wires prog[4k] and prog[4k+1] (a write may go to the wire read). The
// last wire is a dummy for the results nothing reads: what it holds after
// is unspecified, and the kernels skip the exchanges' sides that go to
// it. The whole network runs in one call, 32 bytes of lanes a vector
// instruction (eight float32, 32 uint8). Float inputs hold no NaN; the
// sign of equal zeros is arbitrary.
func RunNet[T Lane](net Net, wires [][]T, n int) {
	checkWires(net, wires, n)
	var z T
	lanes := 32 / laneSize(z)
	if !AVX2 || n < lanes {
		netGeneric(net.prog, wires, 0, n)
		return
	}
	// the last n%lanes lanes by a vector ending at n, before the rest:
	// the lanes it shares with them are computed again, from the
	// sources, to the same values (see NewNet)
	if n%lanes != 0 {
		netKernel(net.prog, wires, n-lanes, n)
	}
	netKernel(net.prog, wires, 0, n-n%lanes)
}

func netKernel[T Lane](prog []uint32, wires [][]T, from, to int) {
	switch w := any(wires).(type) {
	case [][]float32:
		netF32AVX2(prog, w, from, to)
	case [][]float64:
		netF64AVX2(prog, w, from, to)
	case [][]uint8:
		netU8AVX2(prog, w, from, to)
	case [][]int8:
		netI8AVX2(prog, w, from, to)
	case [][]uint16:
		netU16AVX2(prog, w, from, to)
	case [][]int16:
		netI16AVX2(prog, w, from, to)
	case [][]uint32:
		netU32AVX2(prog, w, from, to)
	case [][]int32:
		netI32AVX2(prog, w, from, to)
	}
}

// HasNaNF32 reports whether x holds a NaN, 32 elements a step.
func HasNaNF32(x []float32) bool {
	n := 0
	if AVX2 && len(x) >= 32 {
		if hasNaNF32AVX2(x) {
			return true
		}
		n = len(x) &^ 31
	}
	return hasNaNGeneric(x[n:])
}

// HasNaNF64 reports whether x holds a NaN, 16 elements a step.
func HasNaNF64(x []float64) bool {
	n := 0
	if AVX2 && len(x) >= 16 {
		if hasNaNF64AVX2(x) {
			return true
		}
		n = len(x) &^ 15
	}
	return hasNaNGeneric(x[n:])
}
