package vec

import "fmt"

// Lane is the element types of the network kernels: min and max are
// exact in each.
type Lane interface {
	float32 | float64 | uint8 | int8 | uint16 | int16 | uint32 | int32
}

// Net is a network program for NetF32 and NetF64, checked once by NewNet:
// exchange k reads wires prog[4k] and prog[4k+1] and writes their min to
// wire prog[4k+2] and their max to wire prog[4k+3].
type Net struct {
	prog  []uint32
	wires int
}

// NewNet checks a network program over the given number of wires: each
// index names a wire, and no exchange reads a wire that some exchange
// writes before an exchange has written it (sources are read, scratch
// wires written and then read). The kernels rely on the second: they run
// the network over the strip's last vector first, then over the rest,
// so some lanes twice; the second time, reading only the sources and
// wires written before in the same pass, they get the same values.
func NewNet(prog []uint32, wires int) (Net, error) {
	if len(prog)%4 != 0 {
		return Net{}, fmt.Errorf("vec: network program of %d indices, not a multiple of 4", len(prog))
	}
	written := make([]bool, wires)
	for _, w := range prog {
		if int(w) >= wires {
			return Net{}, fmt.Errorf("vec: network program names wire %d of %d", w, wires)
		}
	}
	for k := 0; k < len(prog); k += 4 {
		written[prog[k+2]], written[prog[k+3]] = true, true
	}
	done := make([]bool, wires)
	for k := 0; k < len(prog); k += 4 {
		for _, r := range prog[k : k+2] {
			if written[r] && !done[r] {
				return Net{}, fmt.Errorf("vec: network exchange %d reads wire %d before it is written", k/4, r)
			}
		}
		done[prog[k+2]], done[prog[k+3]] = true, true
	}
	return Net{prog: prog, wires: wires}, nil
}

// Exchanges is the number of compare-exchanges of the network.
func (n Net) Exchanges() int { return len(n.prog) / 4 }

// netGeneric is RunNet's portable loop over lanes [from, n): the
// specification.
func netGeneric[T Lane](prog []uint32, wires [][]T, from, n int) {
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

// checkWires panics unless wires is the network's table and every wire is
// n long: the kernels do not check.
func checkWires[T Lane](net Net, wires [][]T, n int) {
	if len(wires) != net.wires {
		panic(fmt.Sprintf("vec: %d wires for a network over %d", len(wires), net.wires))
	}
	for _, w := range wires {
		if len(w) < n {
			panic("vec: network wire shorter than the strip")
		}
	}
}

// hasNaNGeneric is HasNaNF32 and HasNaNF64's portable loop.
func hasNaNGeneric[T Float](x []T) bool {
	for _, v := range x {
		if v != v {
			return true
		}
	}
	return false
}

// laneSize is the size of a Lane type in bytes.
func laneSize[T Lane](T) int {
	var z T
	switch any(z).(type) {
	case uint8, int8:
		return 1
	case uint16, int16:
		return 2
	case float64:
		return 8
	}
	return 4
}
