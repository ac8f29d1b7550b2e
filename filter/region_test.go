package filter

import (
	"context"
	"math/rand/v2"
	"testing"
)

// regionKernels reach every path (see TestViewPaths) for some dtype and
// footprint.
var regionKernels = []string{
	"min(values)", "max(values)", "sum(values)", "mean(values)", "count(values > 3)",
	"median(values)", "median(abs(values - 1))", "center - median(values)",
	"percentile(values, 90)", "sum(values * values)",
}

var regionDTypes = []DType{Uint8, Int16, Int32, Float32, Float64, Uint16, Int8}

// regionCase builds a random filter, input and tiling from seed.
func regionCase(seed uint64) (f *Filter, in *Array, tiles []Region, desc string, err error) {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	rank := 1 + r.IntN(3)
	shape := make([]int, rank)
	for i := range shape {
		shape[i] = 1 + r.IntN(9)
	}
	// the footprint spans all axes or some
	fr := rank
	var axes []int
	if rank > 1 && r.IntN(3) == 0 {
		fr = 1 + r.IntN(rank-1)
		axes = r.Perm(rank)[:fr]
	}
	fs := make([]int, fr)
	for i := range fs {
		fs[i] = 1 + r.IntN(5)
	}
	if r.IntN(5) == 0 { // the 3x3 box of the median networks
		for i := range fs {
			fs[i] = 3
		}
	}
	// one seed in 50: uint8 ranks over more than 256 values, the sliding
	// histogram's (fewer go to the typed rank path)
	big := seed%50 == 49
	if big {
		for i := range fs {
			fs[i] = []int{300, 17, 7}[fr-1]
		}
	}
	fp := Box(fs...)
	if r.IntN(4) == 0 { // a random mask, at least one element on
		for i := range fp.Mask {
			fp.Mask[i] = r.IntN(2) == 0
		}
		fp.Mask[r.IntN(len(fp.Mask))] = true
	}
	var origin []int
	if r.IntN(2) == 0 {
		origin = make([]int, fr)
		for i, s := range fs {
			origin[i] = -(s / 2) + r.IntN(s)
		}
	}
	kernel := regionKernels[r.IntN(len(regionKernels))]
	if big {
		kernel = []string{"median(values)", "percentile(values, 90)", "center - median(values)"}[seed/50%3]
	}
	opts := Options{Footprint: fp, Mode: Mode(r.IntN(int(GridConstant) + 1)), Cval: float64(r.IntN(9)) - 2.5,
		Origin: origin, Axes: axes, General: r.IntN(5) == 0, Threads: 1 + r.IntN(3)}
	if f, err = New(kernel, opts); err != nil {
		return
	}
	dt := regionDTypes[r.IntN(len(regionDTypes))]
	if big {
		dt = Uint8
	}
	if in, err = Zeros(dt, shape...); err != nil {
		return
	}
	fill(in, r)
	// a tiling: cuts on each axis at random places
	cuts := make([][]int, rank)
	for ax, n := range shape {
		cuts[ax] = []int{0}
		for i := 1; i < n; i++ {
			if r.IntN(3) == 0 {
				cuts[ax] = append(cuts[ax], i)
			}
		}
		cuts[ax] = append(cuts[ax], n)
	}
	pos := make([]int, rank)
	for {
		t := Region{Lo: make([]int, rank), Hi: make([]int, rank)}
		for ax := range pos {
			t.Lo[ax], t.Hi[ax] = cuts[ax][pos[ax]], cuts[ax][pos[ax]+1]
		}
		tiles = append(tiles, t)
		ax := rank - 1
		for ; ax >= 0; ax-- {
			if pos[ax]++; pos[ax] < len(cuts[ax])-1 {
				break
			}
			pos[ax] = 0
		}
		if ax < 0 {
			break
		}
	}
	r.Shuffle(len(tiles), func(i, j int) { tiles[i], tiles[j] = tiles[j], tiles[i] })
	desc = f.Path(rank, dt).Kind.String() + " " + kernel + " " + dt.String() + " " + opts.Mode.String()
	return
}

// checkRegions filters the tiles of seed's case and compares them with
// Apply bit for bit.
func checkRegions(t *testing.T, seed uint64) {
	f, in, tiles, desc, err := regionCase(seed)
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	ctx := context.Background()
	want, err := f.Apply(ctx, in)
	if err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
	got, _ := Zeros(want.DType, want.Shape...)
	sentinel(got)
	for _, tile := range tiles {
		if err := f.ApplyRegion(ctx, ArraySink(got), ArraySource(in), tile); err != nil {
			t.Fatalf("seed %d (%s): %v: %v", seed, desc, tile, err)
		}
	}
	if !sameArrays(got, want) {
		t.Fatalf("seed %d (%s, shape %v, %d tiles): the tiles differ from Apply\n got %v\nwant %v", seed, desc, in.Shape, len(tiles), got.Data, want.Data)
	}
}

func sentinel(a *Array) {
	v := make([]float64, a.Len())
	for i := range v {
		v[i] = 77
	}
	fromFloat64(a.Data, 0, v)
}

// TestRegions runs a fixed set of FuzzRegions's cases; every path
// appears among them.
func TestRegions(t *testing.T) {
	seen := map[PathKind]bool{}
	for seed := range uint64(600) {
		f, in, _, _, err := regionCase(seed)
		if err == nil {
			seen[f.Path(len(in.Shape), in.DType).Kind] = true
		}
		checkRegions(t, seed)
	}
	for _, k := range []PathKind{DirectPath, RunsPath, IntRunsPath, HistogramPath, Median3Path, BoxMedianPath, BoxPairsPath, RankProgramPath, HoistedPath, GeneralPath, TypedRankPath, IntMedianPath} {
		if !seen[k] {
			t.Errorf("no case runs path %v", k)
		}
	}
}

// FuzzRegions: any tiling of any filter gives Apply's output bit for bit.
func FuzzRegions(f *testing.F) {
	for seed := range uint64(8) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		checkRegions(t, seed)
	})
}

// TestRegionWrapFarEnd: a region at the left edge under wrap reads the
// far end of the axis and not the middle.
func TestRegionWrapFarEnd(t *testing.T) {
	f, err := New("sum(values)", Options{Footprint: Box(3, 1), Mode: Wrap})
	if err != nil {
		t.Fatal(err)
	}
	in, _ := Zeros(Float64, 100, 4)
	fill(in, rand.New(rand.NewPCG(1, 2)))
	src := &countingSource{Source: ArraySource(in)}
	out, _ := Zeros(Float64, 100, 4)
	if err := f.ApplyRegion(context.Background(), ArraySink(out), src, Band(in.Shape, 0, 2)); err != nil {
		t.Fatal(err)
	}
	if want := [][]int{{99, 0, 1, 2}, {0, 1, 2, 3}}; !equalIndex(src.index, want) {
		t.Errorf("read %v, want %v", src.index, want)
	}
}

type countingSource struct {
	Source
	index [][]int
}

func (s *countingSource) Read(dst *Array, index [][]int) error {
	s.index = index
	return s.Source.Read(dst, index)
}

func equalIndex(a, b [][]int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !equalShape(a[i], b[i]) {
			return false
		}
	}
	return true
}

func TestRegionErrors(t *testing.T) {
	f, _ := New("min(values)", Options{Footprint: BoxN(2, 3)})
	in, _ := Zeros(Float64, 4, 5)
	for _, r := range []Region{{Lo: []int{0}, Hi: []int{1}}, {Lo: []int{0, 0}, Hi: []int{5, 5}}, {Lo: []int{2, 0}, Hi: []int{1, 5}}, {Lo: []int{-1, 0}, Hi: []int{1, 5}}} {
		err := f.ApplyRegion(context.Background(), ArraySink(in), ArraySource(in), r)
		if e, ok := err.(*Error); !ok || e.Kind != ShapeError {
			t.Errorf("%v: error %v, want a shape error", r, err)
		}
	}
}
