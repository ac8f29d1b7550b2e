package filter

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestPathKinds runs one kernel per algorithm through the chooser and
// checks the kind, the String that kfilter explain prints, and that every
// kind has a name.
func TestPathKinds(t *testing.T) {
	tests := []struct {
		src    string
		fp     Footprint
		in     DType
		opts   Options
		kind   PathKind
		prefix string
	}{
		{"min(values)", Cross(2), Float64, Options{}, DirectPath, "fast: min of 5 values read straight"},
		{"min(values)", Cross(2), Int32, Options{}, RunsPath, "fast: min over 3 runs"},
		{"min(values)", Cross(2), Uint8, Options{}, IntRunsPath, "fast: min of uint8 over 3 runs"},
		{"max(values)", Box(3, 3), Uint8, Options{Mode: Constant, Cval: 0.5}, RunsPath, "fast: max over 3 runs"}, // cval not a byte
		{"median(values)", Box(3, 3), Uint8, Options{}, IntMedianPath, "fast: 3x3 median of uint8 in uint8"},
		{"median(values)", Box(3, 5), Int16, Options{}, IntMedianPath, "fast: rank 7 of a 3x5 box of int16"},
		{"median(values)", Box(5, 5), Int16, Options{}, TypedRankPath, "fast: median of 25 int16 values in int16"},
		{"median(values)", Disk(10), Uint8, Options{}, HistogramPath, "fast: rank 158 of 317 by a sliding 256-bin histogram"},
		{"median(values)", Box(15, 15), Uint8, Options{}, CTMedianPath, "fast: rank 112 of a 15x15 box of uint8 by the constant-time median"},
		{"median(values)", Box(3, 3), Float64, Options{}, Median3Path, "fast: 3x3 median"},
		{"median(abs(values))", Box(2, 2), Float64, Options{}, BoxMedianPath, "fast: the transform once per input pixel, then the 2x2 median"},
		{"median(values)", Box(5, 5), Float64, Options{Mode: Constant, Cval: math.NaN()}, BoxPairsPath, "fast: 5x5 median"},
		{"median(values)", Box(3, 5), Float64, Options{}, TypedRankPath, "fast: median of 15 float64 values in float64"},
		{"median(abs(values - 1))", Disk(2), Float64, Options{}, RankProgramPath, "fast: the transform once per input pixel (not 13 times), then median(values)"},
		{"center - median(values)", Box(3, 3), Float64, Options{}, HoistedPath, "hoisted: the lane program"},
		{"percentile(values, 90)", Disk(2), Float64, Options{}, TypedRankPath, "fast: percentile 90 of 13 float64 values in float64"},
		{"percentile(values, 90)", Disk(2), Int64, Options{}, GeneralPath, "general: lane program of 1 instructions"},
		{"min(values)", Cross(2), Float64, Options{General: true}, GeneralPath, "general: lane program of 1 instructions, strips of"},
	}
	for _, tt := range tests {
		opts := tt.opts
		opts.Footprint = tt.fp
		f, err := New(tt.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(2, tt.in)
		if p.Kind != tt.kind || !strings.HasPrefix(p.String(), tt.prefix) || !p.Exact {
			t.Errorf("%s over %v (%v): %v %q (exact %v), want %v %q", tt.src, tt.fp.Shape, tt.in, p.Kind, p, p.Exact, tt.kind, tt.prefix)
		}
		if opts.General != strings.HasSuffix(p.Reason, "(fast paths disabled)") {
			t.Errorf("%s: %q", tt.src, p)
		}
	}
	for k := GeneralPath; k <= Median5Path; k++ {
		if strings.HasPrefix(k.String(), "PathKind(") {
			t.Errorf("kind %d has no name", k)
		}
	}
	if s := PathKind(200).String(); s != "PathKind(200)" {
		t.Errorf("PathKind(200): %q", s)
	}
}

func ExampleFilter_Path() {
	f, err := New("median(values)", Options{Footprint: Box(3, 3)})
	if err != nil {
		panic(err)
	}
	fmt.Println(f.Path(2, Float64).Kind)
	fmt.Println(f.Path(2, Uint8).Kind)
	fmt.Println(f.Path(2, Uint8))
	// Output:
	// median3x3
	// integer box median
	// fast: 3x3 median of uint8 in uint8 from end to end: in one pass over the three lines read in place, each column sorted once and med3(max of lows, med3 of middles, min of highs) taken in vector registers, 32 pixels a step; never widened to float64
}
