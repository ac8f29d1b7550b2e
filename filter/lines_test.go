package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// TestTypedLines checks that every typed input line, in every mode and
// at every output line (lines beyond the edges included), holds the
// float64 line's values in the input's own type, margins and all.
func TestTypedLines(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	testTypedLines(t, r, Uint8, func() uint8 { return uint8(r.IntN(256)) })
	testTypedLines(t, r, Int16, func() int16 { return int16(r.IntN(65536) - 32768) })
	testTypedLines(t, r, Float32, func() float32 { return float32(r.NormFloat64()) })
	testTypedLines(t, r, Float64, func() float64 { return r.NormFloat64() })
}

func testTypedLines[T number](t *testing.T, r *rand.Rand, dtype DType, gen func() T) {
	t.Helper()
	rows, cols := 5, 1+r.IntN(9)
	data := make([]T, rows*cols)
	for i := range data {
		data[i] = gen()
	}
	in, err := ArrayOf(data, rows, cols)
	if err != nil {
		t.Fatal(err)
	}
	for mode := Reflect; mode <= GridConstant; mode++ {
		f, err := New("min(values)", Options{Footprint: Box(5, 7), Mode: mode, Cval: 7, Origin: []int{1, -2}, General: true})
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.plan(in.Shape, dtype)
		if err != nil {
			t.Fatal(err)
		}
		if !cvalIs(p, dtype) {
			t.Fatalf("%v: cval 7 is a %v", mode, dtype)
		}
		w := p.newWorker()
		for line := 0; line < p.lines; line++ {
			w.start(context.Background(), in, line)
			w.cachedLines()
			typed := make([][]T, len(p.groups))
			for g := range p.groups {
				typed[g] = typedLine[T](w, g)
			}
			w.lines()
			for g, l := range w.cur {
				for i, x := range l.buf {
					if y := float64(typed[g][i]); math.Float64bits(x) != math.Float64bits(y) {
						t.Fatalf("%v %v line %d group %d (source %d) element %d: typed %v, float64 %v", dtype, mode, line, g, l.key, i, y, x)
					}
				}
			}
		}
	}
}

// TestCvalIs checks the values typed lines accept as cval.
func TestCvalIs(t *testing.T) {
	tests := []struct {
		dtype DType
		cval  float64
		mode  Mode
		want  bool
	}{
		{Uint8, 0, Constant, true},
		{Uint8, 255, GridConstant, true},
		{Uint8, 256, Constant, false},
		{Uint8, -1, Constant, false},
		{Uint8, 0.5, Constant, false},
		{Uint8, 0.5, Reflect, true}, // never read
		{Uint8, math.NaN(), Constant, false},
		{Int8, -128, Constant, true},
		{Int8, 128, Constant, false},
		{Int16, -32768, Constant, true},
		{Uint16, 65536, Constant, false},
		{Float32, 0.1, Constant, false},
		{Float32, 0.5, Constant, true},
		{Float64, 0.1, Constant, true},
		{Int32, math.MinInt32, Constant, true},
		{Int32, math.MaxInt32 + 1, Constant, false},
		{Uint32, math.MaxUint32, GridConstant, true},
		{Uint32, -1, Constant, false},
		{Uint32, 0.5, Constant, false},
		{Int64, 1, Constant, false}, // no typed lines for it
	}
	for _, tt := range tests {
		if got := cvalIs(&plan{mode: tt.mode, cval: tt.cval}, tt.dtype); got != tt.want {
			t.Errorf("%v cval %v %v: %v, want %v", tt.dtype, tt.cval, tt.mode, got, tt.want)
		}
	}
}
