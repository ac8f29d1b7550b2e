package compile

import (
	"fmt"
	"math"

	"github.com/kfilter/kfilter/lang"
)

// Param is a parameter's value: a number or an array of numbers.
type Param struct {
	Values  []float64
	IsArray bool
}

// Number returns a numeric parameter.
func Number(v float64) Param { return Param{Values: []float64{v}} }

// Array returns an array parameter.
func Array(v ...float64) Param { return Param{Values: v, IsArray: true} }

// Type returns the parameter's type in the kernel language.
func (p Param) Type() lang.Type {
	if p.IsArray {
		return lang.ArrayOf(len(p.Values))
	}
	return lang.Number
}

// Config is what Compile needs besides the source.
type Config struct {
	N         int              // the number of footprint elements
	Params    map[string]Param // parameter values
	Limits    lang.Limits      // front-end limits; zero means lang.DefaultLimits
	MaxInstrs int              // program size limit; zero means DefaultMaxInstrs
}

// DefaultMaxInstrs bounds the size of a program, so that a kernel that
// unrolls into millions of instructions fails fast with a clear message.
const DefaultMaxInstrs = 1 << 16

// Compile checks and compiles a kernel.
func Compile(src string, cfg Config) (*Program, error) {
	env := lang.Env{N: cfg.N, Params: map[string]lang.Type{}, Limits: cfg.Limits}
	for name, p := range cfg.Params {
		if len(p.Values) != 1 && !p.IsArray {
			return nil, &lang.Error{Kind: lang.ParamError, Msg: fmt.Sprintf("parameter %s: a number needs exactly one value, got %d", name, len(p.Values)), Source: src}
		}
		env.Params[name] = p.Type()
	}
	k, err := lang.Check(src, env)
	if err != nil {
		return nil, err
	}
	return CompileKernel(k, cfg)
}

// CompileKernel compiles a kernel checked by lang.Check with cfg's
// parameter values.
func CompileKernel(k *lang.Kernel, cfg Config) (*Program, error) {
	return compileKernel(k, cfg, nil)
}

// compileKernel compiles k with the sub-expressions of externs (group i,
// nodes of k that all compute one value) as inputs N+i.
func compileKernel(k *lang.Kernel, cfg Config, externs [][]lang.Expr) (*Program, error) {
	c := &compiler{
		k:      k,
		cfg:    cfg,
		lets:   map[*lang.Let]val{},
		elems:  map[*lang.Lambda]val{},
		cse:    map[cseKey]val{},
		consts: map[float64]int32{},
		arrs:   map[string]int32{},
	}
	if c.cfg.MaxInstrs <= 0 {
		c.cfg.MaxInstrs = DefaultMaxInstrs
	}
	c.values = c.newVreg(vValue, k.Env.N)
	c.center = c.newVreg(vCenter, 1)
	c.externs = map[lang.Expr]int32{}
	for _, group := range externs {
		r := c.newVreg(vExtern, 1)
		c.externList = append(c.externList, r)
		for _, e := range group {
			c.externs[e] = r
		}
	}
	res, err := c.lowerRoot(k.Root)
	if err != nil {
		return nil, err
	}
	return c.finish(res)
}

// A ref names a slot before allocation: element off of virtual register r.
type ref struct{ r, off int32 }

var noRef = ref{-1, 0}

// val is a lowered expression: n elements at ref, or constants.
type val struct {
	at    ref
	n     int
	arr   bool
	ln    *val      // per-pixel length of a filter result, or nil
	konst []float64 // the elements, when known at compile time
}

// isConst reports whether v is known at compile time. A filter result
// (ln != nil) never is: its length varies per pixel.
func (v val) isConst() bool { return v.ln == nil && (v.konst != nil || v.n == 0) }

// elem returns element k of an array (a view, no instruction).
func (v val) elem(k int) val {
	if v.konst != nil {
		return val{n: 1, konst: []float64{v.konst[k]}}
	}
	return val{at: ref{v.at.r, v.at.off + int32(k)}, n: 1}
}

type vkind uint8

const (
	vValue vkind = iota
	vCenter
	vConst
	vTemp
	vExtern
)

type vreg struct {
	kind    vkind
	size    int
	konst   []float64 // for vConst
	def     int       // first instruction writing it
	last    int       // last instruction reading it
	phys    int32
	defined bool
}

type vinstr struct {
	Instr
	dst, a, b, c, l, dl ref
}

type cseKey struct {
	op         Op
	n, m       int32
	a, b, c, l ref
	sa, sb, sc uint8
}

type compiler struct {
	k      *lang.Kernel
	cfg    Config
	vregs  []vreg
	code   []vinstr
	values int32
	center int32
	lets   map[*lang.Let]val
	elems  map[*lang.Lambda]val
	cse    map[cseKey]val
	consts map[float64]int32 // scalar constants by bits... keyed by value
	nanC   int32
	hasNaN bool
	arrs   map[string]int32
	err    error

	externs    map[lang.Expr]int32 // sub-expressions given as inputs
	externList []int32
}

type compileError struct{ err error }

func (c *compiler) newVreg(kind vkind, size int) int32 {
	c.vregs = append(c.vregs, vreg{kind: kind, size: size, def: -1, last: -1})
	return int32(len(c.vregs) - 1)
}

// fail aborts lowering with an error at e.
func (c *compiler) fail(kind lang.ErrorKind, e lang.Expr, format string, args ...any) {
	panic(compileError{&lang.Error{Kind: kind, Pos: e.Pos(), Msg: fmt.Sprintf(format, args...), Source: c.k.Source}})
}

func (c *compiler) lowerRoot(root lang.Expr) (res val, err error) {
	defer func() {
		if r := recover(); r != nil {
			ce, ok := r.(compileError)
			if !ok {
				panic(r)
			}
			err = ce.err
		}
	}()
	return c.lower(root), nil
}

// materialize returns a ref to v's elements, giving constants slots.
// An array constant whose elements are all equal becomes a broadcast
// scalar: the returned stride is 0.
func (c *compiler) materialize(v val) (ref, uint8) {
	if !v.isConst() {
		if v.arr {
			return v.at, 1
		}
		return v.at, 0
	}
	if len(v.konst) == 0 {
		return c.scalarConst(math.NaN()), 0
	}
	same := true
	for _, x := range v.konst {
		if math.Float64bits(x) != math.Float64bits(v.konst[0]) {
			same = false
		}
	}
	if same {
		return c.scalarConst(v.konst[0]), 0
	}
	key := fmt.Sprint(v.konst)
	if r, ok := c.arrs[key]; ok {
		return ref{r, 0}, 1
	}
	r := c.newVreg(vConst, len(v.konst))
	c.vregs[r].konst = v.konst
	c.arrs[key] = r
	return ref{r, 0}, 1
}

func (c *compiler) scalarConst(x float64) ref {
	if x != x {
		if !c.hasNaN {
			c.nanC = c.newVreg(vConst, 1)
			c.vregs[c.nanC].konst = []float64{x}
			c.hasNaN = true
		}
		return ref{c.nanC, 0}
	}
	if x == 0 && math.Signbit(x) {
		// -0 and 0 compare equal as map keys; keep -0 apart.
		r := c.newVreg(vConst, 1)
		c.vregs[r].konst = []float64{x}
		return ref{r, 0}
	}
	if r, ok := c.consts[x]; ok {
		return ref{r, 0}
	}
	r := c.newVreg(vConst, 1)
	c.vregs[r].konst = []float64{x}
	c.consts[x] = r
	return ref{r, 0}
}

// emit appends an instruction writing size slots of a new register (or
// dst, when it is given) and returns the destination.
func (c *compiler) emit(in vinstr, size int) ref {
	if in.dst == (ref{}) && size > 0 {
		in.dst = ref{c.newVreg(vTemp, size), 0}
	}
	if len(c.code) >= c.cfg.MaxInstrs {
		panic(compileError{&lang.Error{Kind: lang.LimitError, Pos: c.k.Root.Pos(), Source: c.k.Source,
			Msg: fmt.Sprintf("kernel compiles to more than %d instructions; simplify it or raise the limit", c.cfg.MaxInstrs),
			Err: &lang.LimitExceeded{Limit: lang.InstrLimit, Value: c.cfg.MaxInstrs + 1, Max: c.cfg.MaxInstrs}}})
	}
	c.code = append(c.code, in)
	return in.dst
}

// elementwise applies op to its broadcast operands.
func (c *compiler) elementwise(op Op, args ...val) val {
	n, arr := 1, false
	var ln *val
	for _, a := range args {
		if a.arr {
			n, arr = a.n, true
			if a.ln != nil {
				ln = a.ln
			}
		}
	}
	if arr && n == 0 {
		return val{arr: true, konst: []float64{}, n: 0}
	}
	allConst := true
	for _, a := range args {
		allConst = allConst && a.isConst()
	}
	if allConst {
		ops := make([][]float64, len(args))
		strides := make([]uint8, len(args))
		for i, a := range args {
			ops[i] = a.konst
			if a.arr {
				strides[i] = 1
			}
		}
		out := fold(Instr{Op: op, N: int32(n)}, ops, strides, n)
		return val{n: n, arr: arr, konst: out}
	}
	in := vinstr{Instr: Instr{Op: op, N: int32(n), A: -1, B: -1, C: -1, L: -1, DL: -1}, b: noRef, c: noRef, l: noRef, dl: noRef}
	refs := []*ref{&in.a, &in.b, &in.c}
	strides := []*uint8{&in.SA, &in.SB, &in.SC}
	for i, a := range args {
		*refs[i], *strides[i] = c.materialize(a)
	}
	key := cseKey{op: op, n: in.N, a: in.a, b: in.b, c: in.c, l: noRef, sa: in.SA, sb: in.SB, sc: in.SC}
	if v, ok := c.cse[key]; ok {
		return v
	}
	v := val{at: c.emit(in, n), n: n, arr: arr, ln: ln}
	c.cse[key] = v
	return v
}

// reduce reduces array a (with extra scalar operand b for percentile).
func (c *compiler) reduce(op Op, a val, b *val) val {
	if a.isConst() && (b == nil || b.isConst()) {
		ops := [][]float64{a.konst}
		strides := []uint8{1}
		if b != nil {
			ops = append(ops, b.konst)
			strides = append(strides, 0)
		}
		return val{n: 1, konst: fold(Instr{Op: op, N: int32(a.n)}, ops, strides, 1)}
	}
	in := vinstr{Instr: Instr{Op: op, N: int32(a.n), A: -1, B: -1, C: -1, L: -1, DL: -1}, b: noRef, c: noRef, l: noRef, dl: noRef}
	in.a, _ = c.materializeArray(a)
	in.SA = 1
	if b != nil {
		in.b, _ = c.materialize(*b)
	}
	if a.ln != nil {
		in.l = a.ln.at
	}
	key := cseKey{op: op, n: in.N, a: in.a, b: in.b, c: noRef, l: in.l, sa: 1}
	if v, ok := c.cse[key]; ok {
		return v
	}
	v := val{at: c.emit(in, 1), n: 1}
	c.cse[key] = v
	return v
}

// materializeArray returns a ref to n consecutive slots holding a's
// elements; a broadcast constant is expanded.
func (c *compiler) materializeArray(a val) (ref, uint8) {
	r, s := c.materialize(a)
	if s == 1 || !a.arr {
		return r, s
	}
	// a constant array of equal elements: expand it
	key := fmt.Sprint(a.konst)
	if vr, ok := c.arrs[key]; ok {
		return ref{vr, 0}, 1
	}
	vr := c.newVreg(vConst, len(a.konst))
	c.vregs[vr].konst = a.konst
	c.arrs[key] = vr
	return ref{vr, 0}, 1
}

// toArray turns a scalar into an n-element array (for map bodies that do
// not depend on #).
func (c *compiler) toArray(v val, n int, ln *val) val {
	if v.arr {
		return v
	}
	if v.isConst() && ln == nil { // a filter result's length is never constant
		out := make([]float64, n)
		for i := range out {
			out[i] = v.konst[0]
		}
		return val{n: n, arr: true, konst: out, ln: ln}
	}
	in := vinstr{Instr: Instr{Op: OpCopy, N: int32(n), B: -1, C: -1, L: -1, DL: -1}, b: noRef, c: noRef, l: noRef, dl: noRef}
	in.a, in.SA = c.materialize(v)
	return val{at: c.emit(in, n), n: n, arr: true, ln: ln}
}
