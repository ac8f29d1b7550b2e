package filter

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// TestMedian5Pair compares the uint8 5x5 median taken two lines a pass
// with the lane program, element for element: 2-D images of 1 to 14 lines
// (odd and even counts, so the last line has no partner), lines shorter
// and longer than a vector's 32 pixels, every mode, cvals of the type,
// origins; 3-D arrays (a plane's last line has no partner in the next
// plane), with the box across the other axes (no pairs) too; one and
// three threads (blocks of lines ending anywhere); uint8 output (written
// in place) and float64; the median as a percentile; and hoisted.
func TestMedian5Pair(t *testing.T) {
	if !vec.AVX2 {
		t.Skip("the two-line kernel needs AVX2")
	}
	r := rand.New(rand.NewPCG(91, 92))
	for trial := 0; trial < 300; trial++ {
		shape := []int{1 + r.IntN(14), []int{5, 31, 32, 33, 40, 64, 65, 97}[r.IntN(8)]}
		var axes []int
		if trial%5 == 0 {
			shape = append([]int{1 + r.IntN(4)}, shape...)
			axes = [][]int{{1, 2}, {0, 2}}[r.IntN(2)]
		}
		in, lo, hi := randomInts(r, Uint8, shape)
		opts := Options{Footprint: Box(5, 5), Mode: Mode(trial % 8), Axes: axes,
			Origin:  []int{r.IntN(5) - 2, r.IntN(5) - 2},
			Cval:    []float64{lo, hi, float64(r.IntN(256))}[r.IntN(3)],
			Output:  []DType{0, Float64}[r.IntN(2)],
			Threads: []int{1, 3}[r.IntN(2)]}
		src, kind := "median(values)", IntMedianPath
		switch trial % 7 {
		case 1:
			src = "percentile(values, 50)"
		case 2:
			src, kind = "median(values) + 1", HoistedPath
		}
		f, err := New(src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(len(shape), Uint8); kind == IntMedianPath && !strings.Contains(p.Reason, "two output lines a pass") {
			t.Fatalf("%s: path %s, want the two-line 5x5 median", src, p)
		}
		sameAsGeneral(t, src, opts, in, kind)
	}
}

// TestMedian5PairAllocs: the two-line 5x5 median allocates per run, not
// per line.
func TestMedian5PairAllocs(t *testing.T) {
	f, err := New("median(values)", Options{Footprint: Box(5, 5), Mode: Mirror, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	if p := f.Path(2, Uint8); vec.AVX2 && !strings.Contains(p.Reason, "two output lines a pass") {
		t.Fatalf("path %s, want the two-line 5x5 median", p)
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
