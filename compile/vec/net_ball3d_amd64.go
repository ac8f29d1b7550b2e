//go:build !purego

package vec

// NetF32 runs a network over lanes [0, n) of float32 wires: for each
// exchange k in order, wires prog[4k+2] and prog[4k+3] get the min and
// the max of wires prog[4k] and prog[4k+1] (a write may go to the wire
// read). Eight lanes a vector instruction, the whole network in one call.
// The inputs hold no NaN; the sign of equal zeros is arbitrary.
func NetF32(prog []uint32, wires [][]float32, n int) {
	checkNet(prog, wires, n)
	from := 0
	if AVX2 && n >= 8 {
		netF32AVX2(prog, wires, n)
		from = n &^ 7
	}
	netGeneric(prog, wires, from, n)
}

// NetF64 is NetF32 for float64 wires, four lanes a vector instruction.
func NetF64(prog []uint32, wires [][]float64, n int) {
	checkNet(prog, wires, n)
	from := 0
	if AVX2 && n >= 4 {
		netF64AVX2(prog, wires, n)
		from = n &^ 3
	}
	netGeneric(prog, wires, from, n)
}
