package vec

// Float is the element types of the typed network kernels.
type Float interface{ float32 | float64 }

// netGeneric is NetF32 and NetF64's portable loop over lanes [from, n):
// the specification.
func netGeneric[T Float](prog []uint32, wires [][]T, from, n int) {
	if from >= n {
		return
	}
	for k := 0; k+4 <= len(prog); k += 4 {
		x, y, a, b := wires[prog[k]][:n], wires[prog[k+1]][:n], wires[prog[k+2]][:n], wires[prog[k+3]][:n]
		for i := from; i < n; i++ {
			p, q := x[i], y[i]
			a[i], b[i] = min(p, q), max(p, q)
		}
	}
}

// checkNet panics unless every wire prog names exists and is n long: the
// kernels do not check.
func checkNet[T Float](prog []uint32, wires [][]T, n int) {
	if len(prog)%4 != 0 {
		panic("vec: network program length not a multiple of 4")
	}
	for _, w := range prog {
		if int(w) >= len(wires) || len(wires[w]) < n {
			panic("vec: network wire missing or shorter than the strip")
		}
	}
}
