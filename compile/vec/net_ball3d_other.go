//go:build !amd64 || purego

package vec

// NetF32 runs a network over lanes [0, n) of float32 wires: for each
// exchange k in order, wires prog[4k+2] and prog[4k+3] get the min and
// the max of wires prog[4k] and prog[4k+1] (a write may go to the wire
// read). The inputs hold no NaN; the sign of equal zeros is arbitrary.
func NetF32(prog []uint32, wires [][]float32, n int) {
	checkNet(prog, wires, n)
	netGeneric(prog, wires, 0, n)
}

// NetF64 is NetF32 for float64 wires.
func NetF64(prog []uint32, wires [][]float64, n int) {
	checkNet(prog, wires, n)
	netGeneric(prog, wires, 0, n)
}
