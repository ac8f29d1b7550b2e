package compile

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// kernelGen writes random kernels that type-check, for the differential
// tests: every kernel it writes must compile, and its program must agree
// with Eval bit for bit.
type kernelGen struct {
	r    *rand.Rand
	n    int // len(values)
	lets int
	vars []string // let variables in scope (numbers)
	elem int      // depth of predicates: # is in scope when > 0
}

func (g *kernelGen) pick(options ...string) string { return options[g.r.IntN(len(options))] }

func (g *kernelGen) num(d int) string {
	if d <= 0 {
		leaves := []string{"center", "c", "0", "1", "-1.5", "2", "0.5", "len(values)"}
		if g.elem > 0 {
			leaves = append(leaves, "#", "#")
		}
		leaves = append(leaves, g.vars...)
		return g.pick(leaves...)
	}
	switch g.r.IntN(16) {
	case 0, 1:
		return fmt.Sprintf("(%s %s %s)", g.num(d-1), g.pick("+", "-", "*", "/", "//", "%", "**"), g.num(d-1))
	case 2:
		return fmt.Sprintf("%s(%s)", g.pick("abs", "sqrt", "exp", "log", "floor", "ceil", "round", "sign", "sin", "-"), g.num(d-1))
	case 3, 4:
		return fmt.Sprintf("%s(%s)", g.pick("min", "max", "sum", "prod", "mean", "median", "std", "var", "argmin",
			"argmax", "nanmin", "nanmax", "nansum", "nanmean", "nanmedian", "nanstd", "mode", "count"), g.arr(d-1))
	case 5:
		return fmt.Sprintf("percentile(%s, %s)", g.arr(d-1), g.pick("0", "25", "50", "62.5", "100", "q"))
	case 6:
		return fmt.Sprintf("(%s ? %s : %s)", g.boolean(d-1), g.num(d-1), g.num(d-1))
	case 7:
		k := g.r.IntN(2*g.n) - g.n
		return fmt.Sprintf("values[%d]", k)
	case 8:
		// center * 0 keeps the index a run-time value (a constant one out
		// of range is rightly a compile error)
		return fmt.Sprintf("%s[%s + center * 0]", g.pick("values", "sort(values)", "w"), g.num(d-1))
	case 9:
		if g.lets < 2 {
			name := fmt.Sprintf("x%d", g.lets)
			g.lets++
			val := g.num(d - 1)
			g.vars = append(g.vars, name)
			body := g.num(d - 1)
			g.vars = g.vars[:len(g.vars)-1]
			return fmt.Sprintf("(let %s = %s; %s)", name, val, body)
		}
		return g.num(d - 1)
	case 10:
		return fmt.Sprintf("%s(%s, %s)", g.pick("count", "sum"), g.arr(d-1), g.pred(d-1))
	case 11:
		return fmt.Sprintf("%s(%s, %s)", g.pick("min", "max"), g.num(d-1), g.num(d-1))
	case 12:
		return fmt.Sprintf("clip(%s, %s, %s)", g.num(d-1), g.num(d-1), g.num(d-1))
	case 13:
		return fmt.Sprintf("len(%s)", g.arr(d-1))
	case 14:
		return fmt.Sprintf("sort(%s)[%d]", g.pick("values", "w"), g.r.IntN(g.n))
	}
	return "(" + g.boolean(d-1) + ") * 1"
}

func (g *kernelGen) boolean(d int) string {
	if d <= 0 {
		return fmt.Sprintf("(%s %s %s)", g.num(0), g.pick("<", "<=", ">", ">=", "==", "!="), g.num(0))
	}
	switch g.r.IntN(6) {
	case 0, 1:
		return fmt.Sprintf("(%s %s %s)", g.num(d-1), g.pick("<", "<=", ">", ">=", "==", "!="), g.num(d-1))
	case 2:
		return fmt.Sprintf("(%s %s %s)", g.boolean(d-1), g.pick("and", "or", "&&", "||"), g.boolean(d-1))
	case 3:
		return fmt.Sprintf("%s(%s)", g.pick("not ", "!"), g.boolean(d-1))
	case 4:
		return fmt.Sprintf("%s(%s, %s)", g.pick("any", "all"), g.arr(d-1), g.pred(d-1))
	}
	return fmt.Sprintf("%s(%s > %s)", g.pick("any", "all"), g.arr(d-1), g.num(d-1))
}

// arr writes an array of len(values) elements, or a filter result.
func (g *kernelGen) arr(d int) string {
	if d <= 0 {
		return g.pick("values", "values", "w")
	}
	switch g.r.IntN(9) {
	case 0:
		return fmt.Sprintf("(%s %s %s)", g.arr(d-1), g.pick("+", "-", "*", "/", "//", "%", "**"), g.num(d-1))
	case 1:
		return fmt.Sprintf("(%s %s %s)", g.num(d-1), g.pick("+", "-", "*", "/", "//"), g.arr(0))
	case 2:
		return fmt.Sprintf("(values %s w)", g.pick("+", "-", "*", "/", "//"))
	case 3:
		return fmt.Sprintf("%s(%s)", g.pick("abs", "sqrt", "floor", "round", "sign", "sort", "-"), g.arr(d-1))
	case 4:
		return fmt.Sprintf("map(%s, %s)", g.arr(d-1), g.body(d-1))
	case 5:
		return fmt.Sprintf("filter(%s, %s)", g.arr(d-1), g.pred(d-1))
	case 6:
		return fmt.Sprintf("(%s ? values : w)", g.boolean(d-1))
	case 7:
		return fmt.Sprintf("(values > %s ? values : %s)", g.num(d-1), g.num(d-1))
	}
	return fmt.Sprintf("clip(%s, %s, %s)", g.arr(d-1), g.num(d-1), g.num(d-1))
}

// body is a map body: a number per element.
func (g *kernelGen) body(d int) string {
	g.elem++
	defer func() { g.elem-- }()
	switch g.r.IntN(4) {
	case 0:
		// not elementwise in #: unrolled
		return fmt.Sprintf("count(values, # > 0) + %s(values > #)", g.pick("sum", "count"))
	case 1:
		return fmt.Sprintf("# %s %s", g.pick("+", "*", "-"), g.num(d))
	}
	return g.num(d)
}

func (g *kernelGen) pred(d int) string {
	g.elem++
	defer func() { g.elem-- }()
	switch g.r.IntN(5) {
	case 0:
		return fmt.Sprintf("# %s %s", g.pick("<", ">", ">=", "!="), g.num(d))
	case 1:
		return "isnan(#)"
	case 2:
		return fmt.Sprintf("# > %s(values)", g.pick("mean", "median", "min"))
	}
	return g.boolean(d)
}

// inputs returns n pixels' values for an N-element footprint: a mix of
// ordinary numbers, ties, zeros of both signs, NaN and infinities.
func inputs(r *rand.Rand, N, n int) [][]float64 {
	in := make([][]float64, N)
	for k := range in {
		in[k] = make([]float64, n)
		for i := range in[k] {
			in[k][i] = sample(r)
		}
	}
	return in
}

func sample(r *rand.Rand) float64 {
	switch r.IntN(12) {
	case 0:
		return math.NaN()
	case 1:
		return math.Inf(1 - 2*r.IntN(2))
	case 2:
		return math.Copysign(0, float64(1-2*r.IntN(2)))
	case 3, 4, 5:
		return float64(r.IntN(5) - 2)
	}
	return r.NormFloat64() * 3
}

// differential compiles src and checks the program against Eval on every
// pixel of a random strip.
func differential(t *testing.T, src string, r *rand.Rand, N, n int) {
	t.Helper()
	w := make([]float64, N)
	for i := range w {
		w[i] = sample(r)
	}
	params := map[string]Param{"c": Number(sample(r)), "q": Number(r.Float64() * 100), "w": Array(w...)}
	p, err := Compile(src, Config{N: N, Params: params})
	if err != nil {
		t.Fatalf("generated kernel does not compile: %s\n%v", src, err)
	}
	in := inputs(r, N, n)
	center := make([]float64, n)
	for i := range center {
		center[i] = sample(r)
	}
	out := make([]float64, n)
	p.NewMachine().Run(out, in, center)
	vals := make([]float64, N)
	for i := range out {
		for k := range vals {
			vals[k] = in[k][i]
		}
		want := Eval(p.Kernel, params, vals, center[i])
		// Zeros compare equal whatever their sign: sorting networks and
		// numpy's sort may order -0 and 0 differently.
		if !same(out[i], want) && out[i] != want {
			t.Fatalf("%s\npixel %d: values %v center %v params c=%v q=%v w=%v\nprogram %v, Eval %v\n%s",
				src, i, vals, center[i], params["c"].Values, params["q"].Values, w, out[i], want, p)
		}
	}
}

func TestDifferential(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	count := 3000
	if testing.Short() {
		count = 300
	}
	for i := 0; i < count; i++ {
		N := []int{1, 2, 3, 5, 9, 13}[r.IntN(6)]
		g := &kernelGen{r: r, n: N}
		src := g.num(1 + r.IntN(4))
		differential(t, src, r, N, 1+r.IntN(300))
	}
}

// FuzzDifferential checks random kernels, drawn from the seed, on random
// inputs drawn from the second seed.
func FuzzDifferential(f *testing.F) {
	for i := uint64(0); i < 8; i++ {
		f.Add(i, i*7+1, uint8(i))
	}
	f.Fuzz(func(t *testing.T, kseed, iseed uint64, shape uint8) {
		r := rand.New(rand.NewPCG(kseed, iseed))
		N := 1 + int(shape%16)
		g := &kernelGen{r: r, n: N}
		src := g.num(1 + int(shape/16)%5)
		if strings.Count(src, "(") > 200 {
			return
		}
		differential(t, src, r, N, 1+r.IntN(100))
	})
}

// TestLongSums checks the lane sums at the edges of numpy's pairwise
// blocks (8 terms, 128 terms, and the halving past 128) against Eval, bit
// for bit, on finite values of mixed magnitude, where the order of the
// additions shows in the result.
func TestLongSums(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, N := range []int{7, 8, 9, 25, 127, 128, 129, 200, 300, 529} {
		for _, src := range []string{"sum(values)", "mean(values)", "std(values)", "var(values * 3)"} {
			p, err := Compile(src, Config{N: N})
			if err != nil {
				t.Fatal(err)
			}
			n := 1 + r.IntN(70)
			in := make([][]float64, N)
			for k := range in {
				in[k] = make([]float64, n)
				for i := range in[k] {
					in[k][i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(12)))
				}
			}
			out := make([]float64, n)
			p.NewMachine().Run(out, in, make([]float64, n))
			vals := make([]float64, N)
			for i := range out {
				for k := range vals {
					vals[k] = in[k][i]
				}
				if want := Eval(p.Kernel, nil, vals, 0); math.Float64bits(out[i]) != math.Float64bits(want) {
					t.Fatalf("%s over %d values, pixel %d: program %v, Eval %v", src, N, i, out[i], want)
				}
			}
		}
	}
}
