//go:build !amd64 || purego

package vec

// RunNet runs a network over lanes [0, n) of wires: for each exchange k
// in order, wires prog[4k+2] and prog[4k+3] get the min and the max of
// wires prog[4k] and prog[4k+1] (a write may go to the wire read). The
// last wire is a dummy for the results nothing reads: what it holds after
// is unspecified. Float inputs hold no NaN; the sign of equal zeros is
// arbitrary.
func RunNet[T Lane](net Net, wires [][]T, n int) {
	checkWires(net, wires, n)
	netGeneric(net.prog, wires, 0, n)
}

// HasNaNF32 reports whether x holds a NaN.
func HasNaNF32(x []float32) bool { return hasNaNGeneric(x) }

// HasNaNF64 reports whether x holds a NaN.
func HasNaNF64(x []float64) bool { return hasNaNGeneric(x) }
