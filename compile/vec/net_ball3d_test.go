package vec

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomNet is a random network program over nw wires laid out as
// sources (0..nw), scratch (nw..2nw) and a dummy (2nw): reads from the
// sources, or scratch once written, writes to scratch or the dummy, as
// filter's typed rank path builds them.
func randomNet(r *rand.Rand, nw, n int) []uint32 {
	var prog []uint32
	written := make([]bool, nw)
	for range n {
		i := r.IntN(nw)
		j := r.IntN(nw - 1)
		if j >= i {
			j++
		}
		x, y := uint32(i), uint32(j)
		if written[i] && r.IntN(4) > 0 {
			x += uint32(nw)
		}
		if written[j] && r.IntN(4) > 0 {
			y += uint32(nw)
		}
		a, b := uint32(nw+i), uint32(nw+j)
		switch r.IntN(4) {
		case 0:
			a = uint32(2 * nw)
			written[j] = true
		case 1:
			b = uint32(2 * nw)
			written[i] = true
		default:
			written[i], written[j] = true, true
		}
		prog = append(prog, x, y, a, b)
	}
	return prog
}

func testNet[T Lane](t *testing.T, name string, run func(Net, [][]T, int)) {
	r := rand.New(rand.NewPCG(7, 7))
	vals := []float64{math.Inf(1), math.Inf(-1), 0, 1, -1, 2.5, math.MaxFloat32, math.SmallestNonzeroFloat32}
	var z T
	switch any(z).(type) {
	case float32, float64:
	default: // the integer type's extremes and neighbours of zero
		vals = []float64{0, 1, 2, 127, 126}
		if T(0)-1 < 0 {
			vals = append(vals, -1, -128, -127)
		} else {
			vals = append(vals, 255, 128)
		}
	}
	for n := 0; n <= 70; n++ {
		for trial := range 3 {
			nw := 2 + r.IntN(12)
			prog := randomNet(r, nw, 1+r.IntN(40))
			net, err := NewNet(prog, 2*nw+1)
			if err != nil {
				t.Fatal(err)
			}
			wires := make([][]T, 2*nw+1)
			for k := range wires {
				wires[k] = make([]T, n+r.IntN(3)) // some longer than the strip
				for i := range wires[k] {
					if trial == 0 {
						wires[k][i] = T(vals[r.IntN(len(vals))])
					} else {
						wires[k][i] = T(r.NormFloat64() * 50)
					}
				}
			}
			want := make([][]T, len(wires))
			for k := range wires {
				want[k] = slices.Clone(wires[k])
			}
			run(net, wires, n)
			netGeneric(prog, want, 0, n)
			for k := range wires[:2*nw] { // the dummy's lanes are unspecified
				for i := range wires[k] {
					if math.Float64bits(float64(wires[k][i])) != math.Float64bits(float64(want[k][i])) {
						t.Fatalf("%s n=%d: wire %d lane %d = %v, the portable loop gives %v", name, n, k, i, wires[k][i], want[k][i])
					}
				}
			}
		}
	}
}

// TestRunNet: the kernels give the portable loop's results bit for bit
// for every lane type, on float inputs without NaN or -0 (infinities
// included) and integers with their extremes, every strip length from 0
// to 70 (the vector part and the tail).
func TestRunNet(t *testing.T) {
	testNet(t, "float32", RunNet[float32])
	testNet(t, "float64", RunNet[float64])
	testNet(t, "uint8", RunNet[uint8])
	testNet(t, "int8", RunNet[int8])
	testNet(t, "uint16", RunNet[uint16])
	testNet(t, "int16", RunNet[int16])
	testNet(t, "uint32", RunNet[uint32])
	testNet(t, "int32", RunNet[int32])
}

// TestNetSorts: a network program built from a sorting network sorts.
func TestNetSorts(t *testing.T) {
	// Batcher's 4-sort, wires 0..3 sources, 4..7 scratch, 8 dummy
	net := [][2]uint32{{0, 1}, {2, 3}, {0, 2}, {1, 3}, {1, 2}}
	touched := make([]bool, 4)
	var prog []uint32
	for _, c := range net {
		x, y := c[0]+4, c[1]+4
		if !touched[c[0]] {
			x = c[0]
		}
		if !touched[c[1]] {
			y = c[1]
		}
		touched[c[0]], touched[c[1]] = true, true
		prog = append(prog, x, y, c[0]+4, c[1]+4)
	}
	const n = 37
	nt, err := NewNet(prog, 9)
	if err != nil {
		t.Fatal(err)
	}
	wires := make([][]float32, 9)
	for k := range wires {
		wires[k] = make([]float32, n)
	}
	r := rand.New(rand.NewPCG(3, 3))
	for k := range 4 {
		for i := range n {
			wires[k][i] = float32(r.IntN(9))
		}
	}
	RunNet(nt, wires, n)
	for i := range n {
		col := []float32{wires[0][i], wires[1][i], wires[2][i], wires[3][i]}
		slices.Sort(col)
		for k := range 4 {
			if wires[4+k][i] != col[k] {
				t.Fatalf("lane %d: sorted %v, want %v", i, []float32{wires[4][i], wires[5][i], wires[6][i], wires[7][i]}, col)
			}
		}
	}
}

// TestNewNet: NewNet refuses a program naming a wire past the table, of
// a length not a multiple of 4, or reading a wire it writes before
// writing it (the tail vector would then repeat lanes with other values).
func TestNewNet(t *testing.T) {
	for _, c := range []struct {
		prog  []uint32
		wires int
		ok    bool
	}{
		{[]uint32{0, 1, 2, 3}, 4, true},
		{[]uint32{0, 1, 2, 3, 2, 3, 2, 3}, 4, true},
		{[]uint32{0, 1, 2, 4}, 4, false},
		{[]uint32{0, 1, 2}, 4, false},
		{[]uint32{2, 1, 2, 3}, 4, false},             // reads 2 before writing it
		{[]uint32{0, 1, 2, 3, 0, 2, 2, 0}, 4, false}, // writes 0 after reading it
	} {
		_, err := NewNet(c.prog, c.wires)
		if (err == nil) != c.ok {
			t.Errorf("NewNet(%v, %d): %v, want ok %v", c.prog, c.wires, err, c.ok)
		}
	}
}

// TestNetChecks: a wire shorter than the strip, or a table of another
// size, panics (the kernels would read past them).
func TestNetChecks(t *testing.T) {
	net, err := NewNet([]uint32{0, 1, 2, 2}, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, wires := range [][][]float32{
		{make([]float32, 8), make([]float32, 4), make([]float32, 8)},
		{make([]float32, 8), make([]float32, 8)},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic for wires of lengths %d", len(wires))
				}
			}()
			RunNet(net, wires, 8)
		}()
	}
}

// TestHasNaN: HasNaNF32 and HasNaNF64 find a NaN (of either sign and any
// payload) at every position of every length to 80, and report none in
// lines of infinities, zeros and numbers.
func TestHasNaN(t *testing.T) {
	nans := []float64{math.NaN(), -math.NaN(), math.Float64frombits(0x7ff0000000000001)}
	for n := 0; n <= 80; n++ {
		x32, x64 := make([]float32, n), make([]float64, n)
		for i := range n {
			v := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), 1.5, -3}[i%6]
			x32[i], x64[i] = float32(v), v
		}
		if HasNaNF32(x32) || HasNaNF64(x64) {
			t.Fatalf("n=%d: a NaN reported in a line without one", n)
		}
		for i := range n {
			nan := nans[i%len(nans)]
			x32[i], x64[i] = float32(nan), nan
			if !HasNaNF32(x32) || !HasNaNF64(x64) {
				t.Fatalf("n=%d: the NaN at %d not found", n, i)
			}
			x32[i], x64[i] = 1, 1
		}
	}
}
