package filter

import (
	"context"
	"math/rand/v2"
	"slices"

	"github.com/kfilter/kfilter/compile/vec"
	"testing"
)

// forceAlgorithm makes New's filters choose only a (or the lane program
// where a does not apply) until the returned func is called.
func forceAlgorithm(a algorithm) (restore func()) {
	saved := algorithms
	algorithms = []algorithm{a, generalAlg{}}
	return func() { algorithms = saved }
}

// randomInts returns an array of dtype (8- or 16-bit integers) with
// values over the type's range, its extremes and ties frequent, and the
// range.
func randomInts(r *rand.Rand, dtype DType, shape []int) (*Array, float64, float64) {
	bounds := map[DType][2]float64{Uint8: {0, 255}, Int8: {-128, 127}, Uint16: {0, 65535}, Int16: {-32768, 32767}}[dtype]
	lo, hi := bounds[0], bounds[1]
	n := 1
	for _, s := range shape {
		n *= s
	}
	data := make([]float64, n)
	for i := range data {
		data[i] = lo + float64(r.IntN(int(hi-lo)+1))
		switch r.IntN(6) {
		case 0:
			data[i] = []float64{lo, hi}[r.IntN(2)]
		case 1:
			data[i] = lo + float64(r.IntN(3)) // ties
		}
	}
	f64, err := ArrayOf(data, shape...)
	if err != nil {
		panic(err)
	}
	in, err := Convert(f64, dtype)
	if err != nil {
		panic(err)
	}
	return in, lo, hi
}

// sameAsGeneral applies src with opts by the chosen path (asserting its
// kind) and by the lane program, and fails on any element that differs.
func sameAsGeneral(t *testing.T, src string, opts Options, in *Array, kind PathKind) {
	t.Helper()
	fast, err := New(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	rank := len(in.Shape)
	if p := fast.Path(rank, in.DType); p.Kind != kind {
		t.Fatalf("%s over %v on %v: %v, want %v: %s", src, opts.Footprint.Shape, in.DType, p.Kind, kind, p)
	}
	opts.General = true
	general, err := New(src, opts)
	if err != nil {
		t.Fatal(err)
	}
	a, err := fast.Apply(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := general.Apply(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	if a.DType != b.DType {
		t.Fatalf("%s: output %v, general %v", src, a.DType, b.DType)
	}
	af, _ := Convert(a, Float64)
	bf, _ := Convert(b, Float64)
	for i, x := range af.Data.([]float64) {
		if y := bf.Data.([]float64)[i]; !sameBits(x, y) {
			t.Fatalf("%s on %v %v, footprint %v, mode %v, cval %v, origin %v, axes %v, output %v: element %d: %v %v, general %v",
				src, in.DType, in.Shape, opts.Footprint.Shape, opts.Mode, opts.Cval, opts.Origin, opts.Axes, a.DType, i, kind, x, y)
		}
	}
}

// TestIntMedian compares the integer box median (and other single ranks)
// in the input's own type with the lane program, element for element:
// the four 8- and 16-bit types, boxes from 1x2 to 5x5 (and 1-D and 3-D
// arrays through axes), every mode, cvals of the type (extremes among
// them), origins, lines past a vector's 32 bytes and past a piece of the
// network; into output of the input's type (written in place), float64
// and int16 output; and hoisted into a larger kernel.
func TestIntMedian(t *testing.T) {
	r := rand.New(rand.NewPCG(81, 82))
	for trial := 0; trial < 400; trial++ {
		rank := 1 + r.IntN(3)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(7)
		}
		shape[rank-1] += r.IntN(80)
		if trial%25 == 0 {
			shape[rank-1] += 1100 // pieces of the network (1024 bytes)
		}
		dtype := []DType{Uint8, Int8, Uint16, Int16}[trial%4]
		in, lo, hi := randomInts(r, dtype, shape)
		fr := min(rank, 2)
		fs := make([]int, fr)
		for i := range fs {
			fs[i] = 1 + r.IntN(5)
		}
		if fs[fr-1] == 1 {
			fs[fr-1] = 2
		}
		n := 1
		for _, s := range fs {
			n *= s
		}
		if trial%8 == 1 { // the uint8 kernels (3x3 in one pass, 5x5 in registers)
			dtype = Uint8
			in, lo, hi = randomInts(r, dtype, shape)
			fr = min(rank, 2)
			fs = []int{3, 5, 7}[trial/8%3 : trial/8%3+1]
			fs = []int{fs[0], fs[0]}[:fr]
			fs[fr-1] = []int{3, 5, 7}[trial/8%3]
			n = 1
			for _, s := range fs {
				n *= s
			}
		}
		var axes []int
		if fr < rank {
			// in increasing order: with the axes permuted a row of the
			// box is no run along the line, and the path does not apply
			axes = r.Perm(rank)[:fr]
			slices.Sort(axes)
			if trial%8 == 1 && fr == 2 {
				// the box along the line, not 49 runs of one (the
				// constant-time median's)
				axes[1] = rank - 1
			}
		}
		origin := make([]int, fr)
		for i, s := range fs {
			origin[i] = -(s / 2) + r.IntN(s)
		}
		opts := Options{Footprint: Box(fs...), Mode: Mode(trial % 8), Origin: origin, Axes: axes,
			Cval:   []float64{lo, hi, lo + float64(r.IntN(int(hi-lo)+1))}[r.IntN(3)],
			Output: []DType{0, Float64, Int16}[r.IntN(3)]}
		src, kind := "sort(values)[%d]", IntMedianPath
		pick := r.IntN(4)
		if trial%8 == 1 && n%2 == 1 {
			pick = 0
		}
		switch pick {
		case 0:
			if n%2 == 1 {
				src = "median(values)"
			}
		case 1:
			src, kind = "median(values) + 1", HoistedPath
			if n%2 == 0 {
				src = "sort(values)[0] + 1"
			}
		}
		if src == "sort(values)[%d]" {
			k := r.IntN(n)
			src = "sort(values)[" + itoa(k) + "]"
		}
		// past intMedianMax values only the uint8 kernels (the 5x5 rank
		// 12, two lines a pass with AVX2, the 7x7 median with AVX2); the rest the
		// typed rank path, measured faster there
		kernel := dtype == Uint8 && (n == 25 && (src == "median(values)" || src == "sort(values)[12]") || vec.AVX2 && n == 49 && src == "median(values)")
		if n > intMedianMax && kind == IntMedianPath && !kernel {
			kind = TypedRankPath
		}
		sameAsGeneral(t, src, opts, in, kind)
	}
}

func itoa(k int) string {
	if k < 10 {
		return string(rune('0' + k))
	}
	return itoa(k/10) + string(rune('0'+k%10))
}

// TestIntMedianChoice pins which algorithm takes 8- and 16-bit ranks: the
// networks on boxes up to 15 values and the uint8 5x5 and 7x7 medians'
// kernels, the constant-time median on 8-bit boxes of 81 values and 9
// rows or more (AVX2), the typed rank path on other footprints of up to
// 256 values, the sliding histogram past those, and the float paths when
// cval is not a byte.
func TestIntMedianChoice(t *testing.T) {
	tests := []struct {
		src  string
		fp   Footprint
		in   DType
		opts Options
		kind PathKind
	}{
		{"median(values)", Box(3, 3), Uint8, Options{}, IntMedianPath},
		{"median(values)", Box(5, 5), Uint8, Options{}, IntMedianPath},
		{"median(values)", Box(3, 3), Int16, Options{}, IntMedianPath},
		{"percentile(values, 25)", Box(1, 5), Uint16, Options{}, IntMedianPath},
		{"median(values)", Box(3, 5), Int16, Options{}, IntMedianPath},
		{"median(values)", Box(5, 5), Int16, Options{}, TypedRankPath},
		{"median(values)", Box(5, 5), Int8, Options{}, TypedRankPath},
		{"sort(values)[3]", Box(5, 5), Uint8, Options{}, TypedRankPath},
		{"median(values)", Box(4, 4), Uint8, Options{}, TypedRankPath}, // two ranks averaged
		{"median(values)", Box(7, 7), Uint8, Options{}, map[bool]PathKind{true: IntMedianPath, false: TypedRankPath}[vec.AVX2]},
		{"median(values)", Box(7, 7), Int8, Options{}, TypedRankPath},
		{"median(values)", Box(9, 9), Uint8, Options{}, map[bool]PathKind{true: CTMedianPath, false: TypedRankPath}[vec.AVX2]},
		{"median(values)", Box(9, 9), Int8, Options{}, map[bool]PathKind{true: CTMedianPath, false: TypedRankPath}[vec.AVX2]},
		{"median(values)", Box(15, 3), Uint8, Options{}, TypedRankPath},
		{"median(values)", Box(15, 15), Uint8, Options{}, CTMedianPath},
		{"median(values)", Disk(2), Uint8, Options{}, TypedRankPath},
		{"median(values)", Disk(5), Uint8, Options{}, TypedRankPath},
		{"median(values)", Box(2, 2), Uint8, Options{}, TypedRankPath}, // two ranks averaged
		{"median(values)", Disk(10), Uint8, Options{}, HistogramPath},  // 317 values
		{"median(values)", Disk(8), Uint8, Options{}, HistogramPath},   // 197 values
		{"median(values)", Disk(7), Uint8, Options{}, TypedRankPath},   // 149 values
		{"percentile(values, 30)", Box(15, 15), Uint8, Options{}, HistogramPath},
		{"percentile(values, 30)", Box(13, 13), Uint8, Options{}, TypedRankPath},
		{"median(values)", Disk(8), Int8, Options{}, TypedRankPath},
		{"median(values)", Box(5, 60), Uint8, Options{}, HistogramPath},
		{"median(values)", Box(8, 40), Uint8, Options{}, HistogramPath}, // 8 rows
		{"median(values)", Box(3, 3), Uint8, Options{Mode: Constant, Cval: 0.5}, Median3Path},
		{"median(values)", Box(3, 3), Float64, Options{}, Median3Path},
	}
	for _, tt := range tests {
		opts := tt.opts
		opts.Footprint = tt.fp
		f, err := New(tt.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if p := f.Path(2, tt.in); p.Kind != tt.kind {
			t.Errorf("%s over %v on %v: %v, want %v", tt.src, tt.fp.Shape, tt.in, p, tt.kind)
		}
	}
}

// TestForcedUint8Ranks forces each algorithm that takes a rank of uint8
// pixels, whether or not the cost order would choose it, and compares it
// with the lane program bit for bit: so an algorithm the order now passes
// over for some footprints stays tested on them.
func TestForcedUint8Ranks(t *testing.T) {
	r := rand.New(rand.NewPCG(91, 92))
	algs := []struct {
		a    algorithm
		kind PathKind
	}{
		{intMedianAlg{}, IntMedianPath},
		{histogramAlg{}, HistogramPath},
		{median3Alg{}, Median3Path},
		{ctMedianAlg{}, CTMedianPath},
		{boxMedianAlg{}, BoxMedianPath},
		{typedRankAlg{}, TypedRankPath},
	}
	for _, al := range algs {
		for trial := 0; trial < 40; trial++ {
			shape := []int{1 + r.IntN(9), 1 + r.IntN(70)}
			in, _, _ := randomInts(r, Uint8, shape)
			fs := []int{1 + 2*r.IntN(3), 1 + 2*r.IntN(3)}
			if al.kind == Median3Path {
				fs = []int{3, 3}
			}
			if al.kind == CTMedianPath {
				fs = []int{15 + 2*r.IntN(2), 3 + 2*r.IntN(3)}
			}
			if fs[1] == 1 {
				fs[1] = 3
			}
			if al.kind == BoxMedianPath && fs[0] == 1 {
				fs[0] = 3 // it takes two rows or more
			}
			opts := Options{Footprint: Box(fs...), Mode: Mode(trial % 8), Cval: float64(r.IntN(256))}
			restore := forceAlgorithm(al.a)
			f, _ := New("median(values)", opts)
			kind := f.Path(2, Uint8).Kind
			if kind == BoxPairsPath && al.kind == BoxMedianPath {
				kind = BoxMedianPath
			}
			if kind != al.kind {
				t.Errorf("forced %v over %v: %v", al.kind, fs, f.Path(2, Uint8))
				restore()
				return
			}
			sameAsGeneral(t, "median(values)", opts, in, f.Path(2, Uint8).Kind)
			restore()
		}
	}
}
