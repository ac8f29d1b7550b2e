package filter

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/kfilter/kfilter/compile/vec"
)

// reuseCases is a kernel for every algorithm (and, for those that keep
// state across lines, their variants and their hoisted use), on 2-D
// inputs unless 3-D is said: TestReuseCoverage checks that every plan
// type is among them.
var reuseCases = []struct {
	src  string
	fp   Footprint
	dt   DType
	opts Options
	kind PathKind
}{
	{"min(values)", Cross(2), Float64, Options{}, DirectPath},
	{"min(values)", Cross(2), Float32, Options{}, DirectPath},
	{"min(values)", Cross(2), Int32, Options{}, RunsPath},
	{"min(values)", Cross(2), Uint8, Options{}, IntRunsPath},
	{"min(values)", BoxN(2, 3), Uint8, Options{Mode: Mirror}, DirectPath},
	{"median(values)", BoxN(2, 3), Uint8, Options{Mode: Constant, Cval: 200}, IntMedianPath},
	{"median(values)", BoxN(2, 5), Uint8, Options{Mode: Mirror}, IntMedianPath},
	{"median(values)", Box(3, 5), Uint16, Options{Mode: Reflect}, IntMedianPath},
	{"median(values)", BoxN(2, 5), Uint16, Options{Mode: Reflect}, TypedRankPath},
	{"median(values)", Disk(10), Uint8, Options{}, HistogramPath},
	{"median(values)", BoxN(2, 15), Uint8, Options{Mode: Wrap}, CTMedianPath},
	{"median(values)", Box(17, 21), Uint8, Options{Mode: Mirror}, CTMedianPath},
	{"median(values)", BoxN(2, 15), Int8, Options{Mode: Constant, Cval: -100}, CTMedianPath},
	{"median(values)", BoxN(2, 17), Int16, Options{Mode: Constant, Cval: -7}, HistogramPath},
	{"median(values)", BoxN(2, 3), Float64, Options{}, Median3Path},
	{"median(values)", BoxN(2, 3), Float32, Options{}, Median3Path},
	{"median(abs(values))", BoxN(2, 3), Float64, Options{Mode: Nearest}, Median3Path},
	{"median(values)", BoxN(2, 2), Float64, Options{Mode: Constant, Cval: math.NaN()}, BoxMedianPath},
	{"median(abs(values - 1))", BoxN(2, 5), Float64, Options{Mode: Mirror}, BoxPairsPath},
	{"median(abs(values - 1))", Disk(2), Float64, Options{}, RankProgramPath},
	{"median(values)", Disk(3), Float64, Options{Mode: Reflect}, TypedRankPath},
	{"max(values)", BoxN(2, 5), Float32, Options{Mode: Mirror}, RunsF32Path},
	{"center - median(values)", BoxN(2, 3), Float64, Options{}, HoistedPath},
	{"center - median(values)", BoxN(2, 15), Uint8, Options{Mode: Wrap}, HoistedPath},
	{"center - median(values)", BoxN(2, 5), Uint8, Options{Mode: Mirror}, HoistedPath},
	{"center - max(values)", BoxN(2, 5), Float32, Options{Mode: Mirror}, HoistedPath},
	{contrastKernel, BoxN(2, 5), Float64, Options{Mode: Wrap}, HoistedPath},
	{"percentile(values, 90)", Disk(2), Float32, Options{Mode: Constant, Cval: math.NaN()}, GeneralPath},
	{"sum(values)", BoxN(2, 3), Float64, Options{General: true}, GeneralPath},
	{"median(values)", Ball(2), Float32, Options{}, TypedRankPath},
	{"max(values)", Ball(2), Float32, Options{Mode: Constant, Cval: 2}, RunsF32Path},
	{leeKernel, BoxN(3, 3), Float64, Options{Mode: Wrap}, GeneralPath},
}

// reuseShapes are the inputs of a rank: a single line (its source lines
// the same in every call: any cache kept from the last call would be
// hit) and a few lines.
func reuseShapes(rank int) [][]int {
	if rank == 3 {
		return [][]int{{1, 1, 40}, {3, 7, 33}}
	}
	return [][]int{{1, 53}, {2, 40}, {37, 53}}
}

func reuseFilter(t testing.TB, i, threads int) *Filter {
	t.Helper()
	tt := reuseCases[i]
	opts := tt.opts
	opts.Footprint, opts.Threads = tt.fp, threads
	f, err := New(tt.src, opts)
	if err != nil {
		t.Fatal(err)
	}
	if k := f.Path(tt.fp.Rank(), tt.dt).Kind; k != tt.kind {
		t.Fatalf("%s over %v (%v): path %v, want %v", tt.src, tt.fp.Shape, tt.dt, k, tt.kind)
	}
	return f
}

func reuseName(i int) string {
	tt := reuseCases[i]
	return fmt.Sprintf("%s over %v (%v, %v)", tt.src, tt.fp.Shape, tt.dt, tt.kind)
}

// reuseArray is an array of dt, seeded: values with ties, NaNs and -0
// for floats.
func reuseArray(dt DType, shape []int, seed uint64) *Array {
	a, _ := Zeros(dt, shape...)
	fill(a, rand.New(rand.NewPCG(seed, 77)))
	if dt == Float64 || dt == Float32 {
		v := make([]float64, a.Len())
		toFloat64(v, a.Data, 0)
		for i := 0; i < len(v); i += 17 {
			v[i] = math.Copysign(0, -1)
		}
		fromFloat64(a.Data, 0, v)
	}
	return a
}

// sameArrayBits reports whether a and b hold the same elements bit for bit
// (NaN payloads and -0 included).
func sameArrayBits(a, b *Array) bool {
	switch x := a.Data.(type) {
	case []float64:
		y := b.Data.([]float64)
		return slices.EqualFunc(x, y, func(p, q float64) bool { return math.Float64bits(p) == math.Float64bits(q) })
	case []float32:
		y := b.Data.([]float32)
		return slices.EqualFunc(x, y, func(p, q float32) bool { return math.Float32bits(p) == math.Float32bits(q) })
	}
	x, y := make([]float64, a.Len()), make([]float64, b.Len())
	toFloat64(x, a.Data, 0)
	toFloat64(y, b.Data, 0)
	return slices.Equal(x, y)
}

// fresh is in filtered by a new Filter of case i: no plan or worker of
// an earlier call.
func fresh(t testing.TB, i int, in *Array) *Array {
	t.Helper()
	out, err := reuseFilter(t, i, 1).Apply(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReuseAlternate filters two arrays of one shape in turn with one
// Filter, whose plan and workers are reused from call to call, and
// compares every result with a new Filter's bit for bit: a worker that
// kept a cached line, a histogram or a memo of the other array would
// differ.
func TestReuseAlternate(t *testing.T) {
	for i, tt := range reuseCases {
		for _, shape := range reuseShapes(tt.fp.Rank()) {
			a, b := reuseArray(tt.dt, shape, 1), reuseArray(tt.dt, shape, 2)
			want := []*Array{fresh(t, i, a), fresh(t, i, b)}
			for _, threads := range []int{1, 2} {
				f := reuseFilter(t, i, threads)
				out, _ := Zeros(tt.dt, shape...)
				for call := range 5 {
					if err := f.ApplyTo(context.Background(), out, []*Array{a, b}[call%2]); err != nil {
						t.Fatal(err)
					}
					if !sameArrayBits(out, want[call%2]) {
						t.Errorf("%s, %v, %d threads: call %d differs from a new Filter's", reuseName(i), shape, threads, call+1)
						break
					}
				}
			}
		}
	}
}

// TestWorkerReset runs one worker over the first lines of an array, then,
// reset, over another array from the next line on (where a worker that
// kept its state would continue from the first array's lines), then over
// its first lines: the result must be a new Filter's.
func TestWorkerReset(t *testing.T) {
	ctx := context.Background()
	for i, tt := range reuseCases {
		shape := reuseShapes(tt.fp.Rank())[1]
		if tt.fp.Rank() == 2 {
			shape = []int{37, 53}
		}
		f := reuseFilter(t, i, 1)
		a, b := reuseArray(tt.dt, shape, 3), reuseArray(tt.dt, shape, 4)
		want := fresh(t, i, b)
		p, err := f.cachedPlan(shape, tt.dt)
		if err != nil {
			t.Fatal(err)
		}
		for _, y := range []int{0, 1, p.lines / 2, p.lines - 2} {
			w := p.newWorker()
			outA, _ := Zeros(tt.dt, shape...)
			outB, _ := Zeros(tt.dt, shape...)
			for line := 0; line <= y; line++ {
				if err := w.line(ctx, outA, a, line); err != nil {
					t.Fatal(err)
				}
			}
			w.reset()
			for line := range p.lines {
				if err := w.line(ctx, outB, b, (y+1+line)%p.lines); err != nil {
					t.Fatal(err)
				}
			}
			if !sameArrayBits(outB, want) {
				t.Errorf("%s, %v: after lines 0-%d of another array and reset, the result differs from a new Filter's", reuseName(i), shape, y)
			}
		}
	}
}

// TestReuseCoverage checks that reuseCases cover every algorithm's plan
// type, hoisted ones included, and the uint8 5x5 median in pairs.
func TestReuseCoverage(t *testing.T) {
	seen := map[string]bool{}
	var note func(lp linePlan, p *plan)
	note = func(lp linePlan, p *plan) {
		seen[fmt.Sprintf("%T", lp)] = true
		if _, ok := lp.newWorker(p).(*median5PairWorker); ok {
			seen["pair5"] = true
		}
		if h, ok := lp.(*hoisting); ok {
			for _, sub := range h.paths {
				note(sub, p)
			}
		}
	}
	for i, tt := range reuseCases {
		p, err := reuseFilter(t, i, 1).cachedPlan(reuseShapes(tt.fp.Rank())[1], tt.dt)
		if err != nil {
			t.Fatal(err)
		}
		note(p.alg, p)
	}
	want := []string{"*filter.directPlan", "*filter.directF32Plan", "*filter.erodeU8Plan", "*filter.runsPlan",
		"*filter.runsF32Plan", "*filter.intRunsPlan[uint8]", "*filter.intMedianPlan[uint8]", "*filter.intMedianPlan[uint16]",
		"pair5", "*filter.typedRankPlan", "*filter.histogramPlan", "*filter.hist16Plan", "*filter.ctMedianPlan",
		"*filter.median3Plan", "*filter.median3F32Plan", "*filter.median3F64Plan", "*filter.boxRank",
		"*filter.rankProgramPlan", "*filter.hoisting", "*filter.hoistBoxPlan", "*filter.generalPlan"}
	if !vec.AVX2 {
		want = slices.DeleteFunc(want, func(s string) bool { return s == "*filter.ctMedianPlan" || s == "pair5" })
	}
	for _, s := range want {
		if !seen[s] {
			t.Errorf("no case runs %s", s)
		}
	}
	t.Logf("covered: %v", seen)
}

// TestReuseAllocs checks that once a Filter has run on a shape, another
// call on one thread allocates nothing, for every case.
func TestReuseAllocs(t *testing.T) {
	for i, tt := range reuseCases {
		shape := reuseShapes(tt.fp.Rank())[len(reuseShapes(tt.fp.Rank()))-1]
		f := reuseFilter(t, i, 1)
		in := reuseArray(tt.dt, shape, 5)
		out, _ := Zeros(tt.dt, shape...)
		ctx := context.Background()
		for range 20 {
			// the first calls fill the line caches' lazy buffers: a
			// slot of the cache allocates its typed buffers when first
			// used, and the 3-D typed rank path reaches the last of its
			// 43 slots only in about its 10th call (measured)
			if err := f.ApplyTo(ctx, out, in); err != nil {
				t.Fatal(err)
			}
		}
		if n := testing.AllocsPerRun(20, func() { f.ApplyTo(ctx, out, in) }); n != 0 {
			t.Errorf("%s, %v: %v allocations a call", reuseName(i), shape, n)
		}
	}
}

// TestConcurrentReuse filters from several goroutines at once with one
// Filter per case, over more shapes than it keeps plans for (so plans are
// made, kept, shared and dropped while others run), each result compared
// with a new Filter's bit for bit. Run with -race.
func TestConcurrentReuse(t *testing.T) {
	for i, tt := range reuseCases {
		var shapes [][]int
		for k := range planCacheSize + 2 {
			if tt.fp.Rank() == 3 {
				shapes = append(shapes, []int{2, 3 + k, 21})
			} else {
				shapes = append(shapes, []int{5 + k, 30 + k})
			}
		}
		ins := make([]*Array, 2*len(shapes))
		wants := make([]*Array, len(ins))
		for k := range ins {
			ins[k] = reuseArray(tt.dt, shapes[k/2], uint64(10+k))
			wants[k] = fresh(t, i, ins[k])
		}
		for _, threads := range []int{1, 2} {
			f := reuseFilter(t, i, threads)
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for g := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for c := range 3 * len(ins) {
						k := (c*5 + g) % len(ins)
						out, err := f.Apply(context.Background(), ins[k])
						if err != nil {
							errs <- err
							return
						}
						if !sameArrayBits(out, wants[k]) {
							errs <- fmt.Errorf("goroutine %d, call %d: %v input %d differs from a new Filter's", g, c, shapes[k/2], k)
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Errorf("%s, %d threads: %v", reuseName(i), threads, err)
			}
			if n := len(f.plans.plans); n > planCacheSize {
				t.Errorf("%s: %d plans kept, at most %d", reuseName(i), n, planCacheSize)
			}
		}
	}
}

// TestPlanOwnsShape changes the Shape slice of arrays a Filter has run on
// (the same memory read as another shape): the kept plan must be the old
// shape's still, and the new shape planned anew.
func TestPlanOwnsShape(t *testing.T) {
	f, err := New("median(values)", Options{Footprint: Box(3, 3), Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	shape := []int{5, 12}
	in := reuseArray(Float64, shape, 6)
	in.Shape = shape
	out := &Array{Shape: shape, DType: Float64, Data: make([]float64, 60)}
	if err := f.ApplyTo(context.Background(), out, in); err != nil {
		t.Fatal(err)
	}
	for _, s := range [][]int{{12, 5}, {5, 12}} {
		copy(shape, s)
		if err := f.ApplyTo(context.Background(), out, in); err != nil {
			t.Fatal(err)
		}
		g, _ := New("median(values)", Options{Footprint: Box(3, 3), Threads: 1})
		want, err := g.Apply(context.Background(), &Array{Shape: s, DType: Float64, Data: in.Data})
		if err != nil {
			t.Fatal(err)
		}
		if !sameArrayBits(out, want) {
			t.Errorf("shape changed to %v: the result differs from a new Filter's", s)
		}
	}
}
