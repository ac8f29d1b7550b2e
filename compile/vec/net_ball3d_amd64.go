//go:build !purego

package vec

// NetF32 runs a network over lanes [0, n) of float32 wires: for each
// exchange k in order, wires prog[4k+2] and prog[4k+3] get the min and
// the max of wires prog[4k] and prog[4k+1] (a write may go to the wire
// read). The last wire is a dummy for the results nothing reads: what it
// holds after is unspecified, and the kernel skips exchanges' sides that
// go to it. Eight lanes a vector instruction, the whole network in one
// call. The inputs hold no NaN; the sign of equal zeros is arbitrary.
func NetF32(net Net, wires [][]float32, n int) {
	checkWires(net, wires, n)
	if AVX2 && n >= 8 {
		// the last n%8 lanes by a vector ending at n, before the rest:
		// the lanes it shares with them are computed again, from the
		// sources, to the same values
		if n%8 != 0 {
			netF32AVX2(net.prog, wires, n-8, n)
		}
		netF32AVX2(net.prog, wires, 0, n&^7)
		return
	}
	netGeneric(net.prog, wires, 0, n)
}

// NetF64 is NetF32 for float64 wires, four lanes a vector instruction.
func NetF64(net Net, wires [][]float64, n int) {
	checkWires(net, wires, n)
	if AVX2 && n >= 4 {
		if n%4 != 0 {
			netF64AVX2(net.prog, wires, n-4, n)
		}
		netF64AVX2(net.prog, wires, 0, n&^3)
		return
	}
	netGeneric(net.prog, wires, 0, n)
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
