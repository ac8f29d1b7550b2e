package filter

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestErodeU8 compares min, max and median of uint8 over a 3x3 box, read straight
// from the input lines, with the lane program on every mode (constant
// ones with cvals across the range), origins -1..1 on both axes, widths
// from 1 (every pixel a border pixel) past the kernel's 32- and 64-pixel
// steps, into uint8 output (written in place), float64 output, and
// hoisted into a larger kernel; the path is asserted.
func TestErodeU8(t *testing.T) {
	r := rand.New(rand.NewPCG(91, 92))
	kernels := []struct {
		src  string
		kind PathKind
	}{
		{"min(values)", DirectPath},
		{"max(values)", DirectPath},
		{"max(values) - min(values)", HoistedPath},
		{"median(values)", IntMedianPath},
		{"percentile(values, 50)", IntMedianPath},
		{"center - median(values)", HoistedPath},
	}
	widths := []int{1, 2, 3, 4, 5, 31, 32, 33, 34, 35, 63, 64, 65, 66, 67, 97, 130}
	for trial := 0; trial < 600; trial++ {
		w := widths[trial%len(widths)]
		in, _ := Zeros(Uint8, 1+r.IntN(7), w)
		data := in.Data.([]uint8)
		for i := range data {
			data[i] = uint8(r.IntN(256))
			if trial%2 == 0 {
				data[i] = []uint8{0, 255, 7}[r.IntN(3)]
			}
		}
		opts := Options{Footprint: BoxN(2, 3), Mode: Mode(trial % 8), Cval: float64([]int{0, 255, 100}[r.IntN(3)]),
			Origin: []int{r.IntN(3) - 1, r.IntN(3) - 1}, Output: []DType{0, Float64, Uint8}[r.IntN(3)]}
		k := kernels[r.IntN(len(kernels))]
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := fast.Path(2, Uint8); p.Kind != k.kind {
			t.Fatalf("%s: %v: %s", k.src, p.Kind, p)
		}
		if p := fast.Path(2, Uint8); k.kind == DirectPath && !strings.Contains(p.Reason, "of a 3x3 box of uint8") ||
			k.kind == IntMedianPath && !strings.Contains(p.Reason, "read in place") {
			t.Fatalf("%s: %s: not the 3x3 uint8 path", k.src, fast.Path(2, Uint8))
		}
		opts.General = true
		general, _ := New(k.src, opts)
		a, err := fast.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		b, err := general.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		sameResult(t, k.src+" mode "+opts.Mode.String(), a, b)
	}
}

// TestErodeU8Path: uint8 min and max over a 3x3 box take the path; a 3x5
// box, a cval that is no uint8, or int8 input do not.
func TestErodeU8Path(t *testing.T) {
	for _, c := range []struct {
		src  string
		fp   Footprint
		dt   DType
		cval float64
		want bool
	}{
		{"min(values)", BoxN(2, 3), Uint8, 0, true},
		{"max(values)", BoxN(2, 3), Uint8, 255, true},
		{"min(values)", Box(3, 5), Uint8, 0, false},
		{"min(values)", BoxN(2, 3), Uint8, 256, false},
		{"min(values)", BoxN(2, 3), Int8, 0, false},
		{"min(values)", Cross(2), Uint8, 0, false},
	} {
		f, err := New(c.src, Options{Footprint: c.fp, Mode: Constant, Cval: c.cval})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(2, c.dt)
		if got := p.Kind == DirectPath && strings.Contains(p.Reason, "of a 3x3 box of uint8"); got != c.want {
			t.Errorf("%s over %v on %v, cval %v: %s; want the 3x3 uint8 path %v", c.src, c.fp.Shape, c.dt, c.cval, p, c.want)
		}
	}
}

// TestAllocsPerLineErodeU8 is TestAllocsPerLine for the uint8 3x3 path.
func TestAllocsPerLineErodeU8(t *testing.T) {
	f, err := New("min(values)", Options{Footprint: BoxN(2, 3), Mode: Mirror, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if p := f.Path(2, Uint8); p.Kind != DirectPath {
		t.Fatalf("%s", p)
	}
	allocs := func(rows int) float64 {
		in, _ := Zeros(Uint8, rows, 256)
		out, _ := Zeros(Uint8, rows, 256)
		return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), out, in) })
	}
	if small, large := allocs(128), allocs(1024); large > small+16 {
		t.Errorf("%v allocations for 1024 lines, %v for 128", large, small)
	}
}
