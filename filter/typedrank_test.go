package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// octahedron is the 3-D diamond |x| + |y| + |z| <= r.
func octahedron(r int) Footprint {
	return grid(3, r, func(off []int) bool { return abs(off[0])+abs(off[1])+abs(off[2]) <= r })
}

// randomF64 is randomF32 for float64: normal values, and with probability
// special a NaN, a zero of either sign or an infinity.
func randomF64(t testing.TB, r *rand.Rand, special float64, shape ...int) *Array {
	a := randomF32(t, r, special, shape...)
	b, err := Convert(a, Float64)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// random32 is an int32 or uint32 array with the type's extremes, ties and
// values of every size.
func random32(t testing.TB, r *rand.Rand, dt DType, shape ...int) *Array {
	n := 1
	for _, s := range shape {
		n *= s
	}
	lo, hi := float64(math.MinInt32), float64(math.MaxInt32)
	if dt == Uint32 {
		lo, hi = 0, math.MaxUint32
	}
	data := make([]float64, n)
	for i := range data {
		switch r.IntN(4) {
		case 0:
			data[i] = []float64{lo, hi, lo + 1, hi - 1}[r.IntN(4)]
		case 1:
			data[i] = float64(r.IntN(3)) // ties
		default:
			data[i] = math.Floor(lo + (hi-lo)*r.Float64())
		}
	}
	a, err := ArrayOf(data, shape...)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Convert(a, dt)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestTypedRank compares ranks of float32, float64 and 8-, 16- and 32-bit
// integer input over 3-D
// balls and octahedra, 2-D disks, diamonds and boxes from 7x7, and random
// masks, taken in the input's type by shared sorted columns and merging
// networks, with the lane program, bit for bit: every mode, cvals (NaN,
// -0, infinities among them), origins, axes, threads; NaN, both zeros,
// infinities and ties in the data (lines with a NaN, or a -0 for ranks
// other than the median, take the lane program), integers at their
// extremes; medians of odd and even
// counts, percentiles and sort(values)[k]; into float32, float64 and the
// default output, and hoisted into a larger kernel.
func TestTypedRank(t *testing.T) {
	r := rand.New(rand.NewPCG(141, 142))
	footprints := []Footprint{Ball(1), Ball(2), octahedron(2), Disk(2), Disk(3), Diamond(3), Box(7, 7), Box(2, 8), Box(3, 1, 4), Disk(1), Box(15, 15)}
	kernels := []struct {
		src  string
		kind PathKind
	}{
		{"median(values)", TypedRankPath},
		{"median(values)", TypedRankPath},
		{"percentile(values, 37)", TypedRankPath},
		{"sort(values)[2]", TypedRankPath},
		{"median(values) - min(values)", HoistedPath},
	}
	for trial := 0; trial < 600; trial++ {
		fp := footprints[r.IntN(len(footprints))]
		if trial%7 == 3 { // a random mask: offsets whose line sets nest or not
			fp = Box(1+r.IntN(4), 1+r.IntN(5), 1+r.IntN(4))
			for i := range fp.Mask {
				fp.Mask[i] = r.IntN(3) > 0
			}
			fp.Mask[0] = true
		}
		if trial%11 == 5 { // an even count
			fp = Ball(2)
			fp.Mask[len(fp.Mask)/2] = false
		}
		rank := fp.Rank() + r.IntN(2)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(6)
		}
		shape[rank-1] += r.IntN(40)
		if trial%10 == 0 {
			shape[rank-1] = 200 + r.IntN(400) // lines of several blocks
		}
		dt := []DType{Float32, Float64, Float32, Float64, Int8, Uint16, Int16, Int32, Uint32}[r.IntN(9)]
		isFloat := dt == Float32 || dt == Float64
		special := []float64{0, 0.002, 0.2}[trial%3]
		var in *Array
		switch dt {
		case Float32:
			in = randomF32(t, r, special, shape...)
		case Float64:
			in = randomF64(t, r, special, shape...)
		case Int32, Uint32:
			in = random32(t, r, dt, shape...)
		default:
			in, _, _ = randomInts(r, dt, shape)
		}
		if trial%4 == 1 && isFloat { // many ties
			f, _ := Convert(in, Float64)
			for i, x := range f.Data.([]float64) {
				f.Data.([]float64)[i] = math.Round(x)
			}
			in, _ = Convert(f, dt)
		}
		opts := Options{Footprint: fp, Mode: Mode(trial % 8), Threads: 1 + r.IntN(3),
			Cval: []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(-1), 1.5, -2}[r.IntN(6)]}
		if !isFloat {
			opts.Cval = []float64{0, 3, 100}[r.IntN(3)] // values of every integer type
		}
		if r.IntN(3) == 0 {
			opts.Origin = make([]int, fp.Rank())
			for i := range opts.Origin {
				opts.Origin[i] = r.IntN(3) - 1
				if fp.Shape[i] < 3 {
					opts.Origin[i] = 0
				}
			}
		}
		if rank > fp.Rank() { // the filtered axes: the last ones, skipping axis 1, or all but the last
			opts.Axes = make([]int, fp.Rank())
			skip := []int{0, 1, rank - 1}[r.IntN(3)]
			for i, ax := 0, 0; i < len(opts.Axes); ax++ {
				if ax != skip {
					opts.Axes[i] = ax
					i++
				}
			}
		}
		n := 0
		for _, on := range fp.Mask {
			if on {
				n++
			}
		}
		k := kernels[r.IntN(len(kernels))]
		if n < 3 {
			k = kernels[0] // sort(values)[2] needs three values
		}
		opts.Output = []DType{0, Float64, Float32}[r.IntN(3)]
		fast, err := New(k.src, opts)
		if err != nil {
			t.Fatal(err)
		}
		p := fast.Path(rank, dt)
		// a NaN cval in the constant modes: the lane program
		constant := opts.Mode == Constant || opts.Mode == GridConstant
		nanCval := constant && opts.Cval != opts.Cval
		// (hoisting leaves a kernel over fewer axes than the input's to
		// the lane program: the comparison below still runs)
		hoistable := k.kind != HoistedPath || rank == fp.Rank()
		// (a footprint whose runs make a box, which the integer box
		// median, the 3x3 median or the constant-time median takes, is
		// theirs: tried first, measured faster there)
		boxed := p.Kind == IntMedianPath || p.Kind == Median3Path || p.Kind == CTMedianPath
		if want := k.kind; n >= 2 && !nanCval && hoistable && !boxed && p.Kind != want {
			t.Fatalf("%s over %v (%v, %+v): path %v: %s", k.src, fp.Shape, dt, opts, p.Kind, p)
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
		sameResult(t, k.src+" on "+dt.String(), a, b)
	}
}

// TestTypedRankPath: the ball median of float32 and float64 takes the
// typed rank path, which says what it does; a transform, an integer
// input, a NaN cval and a float32 cval that is no float32 do not.
func TestTypedRankPath(t *testing.T) {
	for _, c := range []struct {
		src  string
		dt   DType
		cval float64
		want bool
	}{
		{"median(values)", Float32, 0, true},
		{"median(values)", Float64, 0.1, true},
		{"percentile(values, 10)", Float32, 2, true},
		{"median(values)", Float32, math.NaN(), false},
		{"median(values)", Float32, 0.1, false},
		{"median(abs(values))", Float32, 0, false},
		{"median(values)", Int32, 0, true},
		{"median(values)", Uint32, -1, false}, // no uint32
		{"median(values)", Int16, 7, true},
		{"median(values)", Int64, 0, false}, // no vector min and max
	} {
		f, err := New(c.src, Options{Footprint: Ball(2), Mode: Constant, Cval: c.cval})
		if err != nil {
			t.Fatal(err)
		}
		p := f.Path(3, c.dt)
		if got := p.Kind == TypedRankPath; got != c.want {
			t.Errorf("%s of %v, cval %v: %s; want the typed rank path %v", c.src, c.dt, c.cval, p, c.want)
		}
	}
}

// TestAllocsPerLineTypedRank is TestAllocsPerLine for the typed rank path.
func TestAllocsPerLineTypedRank(t *testing.T) {
	for _, dt := range []DType{Float32, Float64, Uint16} {
		for _, out := range []DType{Float32, Float64} {
			f, err := New("median(values)", Options{Footprint: Ball(2), Threads: 1, Output: out})
			if err != nil {
				t.Fatal(err)
			}
			if k := f.Path(3, dt).Kind; k != TypedRankPath {
				t.Fatalf("%v: path %v", dt, k)
			}
			allocs := func(planes int) float64 {
				in, _ := Zeros(dt, planes, 16, 200)
				o, _ := Zeros(out, planes, 16, 200)
				return testing.AllocsPerRun(5, func() { f.ApplyTo(context.Background(), o, in) })
			}
			if small, large := allocs(4), allocs(32); large > small+16 {
				t.Errorf("%v ball median into %v: %v allocations for 32 planes, %v for 4", dt, out, large, small)
			}
		}
	}
}

// BenchmarkTypedRank is the 3-D ball median of radius 2 over 128³ float32,
// float64 and uint16, one thread.
func BenchmarkTypedRank(b *testing.B) {
	for _, dt := range []DType{Float32, Float64, Uint16} {
		b.Run(dt.String(), func(b *testing.B) {
			f, err := New("median(values)", Options{Footprint: Ball(2), Threads: 1})
			if err != nil {
				b.Fatal(err)
			}
			in := randomF32(b, rand.New(rand.NewPCG(1, 2)), 0, 128, 128, 128)
			if dt == Uint16 {
				in, _, _ = randomInts(rand.New(rand.NewPCG(1, 2)), Uint16, []int{128, 128, 128})
			}
			in, _ = Convert(in, dt)
			out, _ := Zeros(dt, 128, 128, 128)
			b.ResetTimer()
			for range b.N {
				if err := f.ApplyTo(context.Background(), out, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
