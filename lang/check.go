package lang

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Limits bound what a kernel may ask of the front end. A zero field means
// no limit.
type Limits struct {
	MaxSource int // bytes of source
	MaxDepth  int // nesting of brackets and sub-expressions
	MaxNodes  int // syntax nodes
}

// DefaultLimits are the limits used when Env.Limits is the zero value.
var DefaultLimits = Limits{MaxSource: 64 << 10, MaxDepth: 128, MaxNodes: 10000}

// Env is what a kernel may refer to besides the built-in functions.
type Env struct {
	N      int             // the number of footprint elements: len(values)
	Params map[string]Type // parameters: Number or ArrayOf(n)
	Limits Limits          // the zero value means DefaultLimits
}

// Kernel is a checked kernel: a typed tree whose result is a number or a
// bool.
type Kernel struct {
	Source     string
	Root       Expr
	Type       Type
	Env        Env
	UsesCenter bool            // center appears in the kernel
	Params     map[string]bool // the parameters the kernel uses
}

// Reserved reports whether name is taken by the language (values, center,
// a built-in function, true, false), so that it cannot name a parameter.
func Reserved(name string) bool {
	switch name {
	case "values", "center", "true", "false", "nil", "let", "not", "and", "or", "in", "if", "else":
		return true
	}
	_, ok := Funcs[name]
	return ok || exprBuiltins[name]
}

// Check parses src and checks it in env.
func Check(src string, env Env) (*Kernel, error) {
	if env.Limits == (Limits{}) {
		env.Limits = DefaultLimits
	}
	c := &checker{src: src, env: env}
	if err := c.checkEnv(); err != nil {
		return nil, err
	}
	root, err := parse(src, env.Limits)
	if err != nil {
		return nil, err
	}
	k := &Kernel{Source: src, Root: root, Env: env, Params: map[string]bool{}}
	c.kernel = k
	t := c.check(root)
	if c.err != nil {
		return nil, c.err
	}
	if !t.IsScalar() {
		hint := ""
		if t.IsArray() {
			hint = "; reduce it to one value, e.g. with median, min or sum"
		}
		return nil, c.errorf(TypeError, root.Pos(), "kernel must return a number, got %s%s", t, hint)
	}
	k.Type = t
	return k, nil
}

type checker struct {
	src     string
	env     Env
	kernel  *Kernel
	scope   *scope
	lambdas []*Lambda
	nvar    int
	err     *Error
}

type scope struct {
	let *Let
	up  *scope
}

func (c *checker) errorf(kind ErrorKind, pos Pos, format string, args ...any) *Error {
	return c.errorDetail(nil, kind, pos, format, args...)
}

// errorDetail is errorf for an error with typed details (Error.Err).
func (c *checker) errorDetail(detail error, kind ErrorKind, pos Pos, format string, args ...any) *Error {
	e := &Error{Kind: kind, Pos: pos, Msg: fmt.Sprintf(format, args...), Source: c.src, Err: detail}
	if c.err == nil {
		c.err = e
	}
	return c.err
}

func (c *checker) checkEnv() error {
	if c.env.N < 0 {
		return &Error{Kind: ParamError, Msg: fmt.Sprintf("footprint size %d is negative", c.env.N), Source: c.src}
	}
	names := make([]string, 0, len(c.env.Params))
	for name := range c.env.Params {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t := c.env.Params[name]
		switch {
		case !isIdent(name):
			return &Error{Kind: ParamError, Msg: fmt.Sprintf("parameter name %q is not an identifier", name), Source: c.src}
		case Reserved(name):
			return &Error{Kind: ParamError, Msg: fmt.Sprintf("parameter %s shadows the built-in name %s; choose another name", name, name), Source: c.src}
		case t.Kind == NumberKind:
		case t.Kind == ArrayKind && t.Elem == NumberKind && t.Var == 0 && t.Len >= 0:
		default:
			return &Error{Kind: ParamError, Msg: fmt.Sprintf("parameter %s must be a number or an array of numbers, got %s", name, t), Source: c.src}
		}
	}
	return nil
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r == '_' || r == '$' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9') {
			continue
		}
		return false
	}
	return true
}

// check types e and returns its type; after an error it returns an invalid
// type and the first error stands.
func (c *checker) check(e Expr) Type {
	if c.err != nil || e == nil {
		return Type{}
	}
	t := c.check1(e)
	if c.err != nil {
		return Type{}
	}
	e.setType(t)
	return t
}

func (c *checker) check1(e Expr) Type {
	switch e := e.(type) {
	case *NumLit:
		return Number
	case *BoolLit:
		return Bool
	case *Ident:
		return c.ident(e)
	case *Elem:
		if len(c.lambdas) == 0 {
			c.errorf(Unsupported, e.P, "# is only meaningful inside a predicate such as count(values, # > c)")
			return Type{}
		}
		e.Lambda = c.lambdas[len(c.lambdas)-1]
		return e.Lambda.Over.Scalar()
	case *Unary:
		x := c.check(e.X)
		if c.err != nil {
			return x
		}
		if e.Op == "not" {
			if x.Scalar().Kind != BoolKind {
				c.errorf(TypeError, e.P, "not needs a bool, got %s", x)
			}
			return x
		}
		return withElem(x, NumberKind)
	case *Binary:
		return c.binary(e)
	case *Cond:
		cond := c.check(e.Cond)
		th := c.check(e.Then)
		el := c.check(e.Else)
		if c.err != nil {
			return Type{}
		}
		if cond.Scalar().Kind != BoolKind {
			c.errorf(TypeError, e.Cond.Pos(), "condition of ?: must be a bool, got %s; compare it, e.g. x != 0", cond)
			return Type{}
		}
		shape, ok := c.broadcast(e.P, cond, th)
		if ok {
			shape, ok = c.broadcast(e.Else.Pos(), shape, el)
		}
		if !ok {
			return Type{}
		}
		elem := NumberKind
		if th.Scalar().Kind == BoolKind && el.Scalar().Kind == BoolKind {
			elem = BoolKind
		}
		return withElem(shape, elem)
	case *Let:
		if Reserved(e.Name) {
			c.errorf(TypeError, e.P, "let cannot redefine the built-in name %s", e.Name)
			return Type{}
		}
		if _, ok := c.env.Params[e.Name]; ok {
			c.errorf(TypeError, e.P, "let cannot redefine the parameter %s", e.Name)
			return Type{}
		}
		c.check(e.Value)
		c.scope = &scope{let: e, up: c.scope}
		t := c.check(e.Body)
		c.scope = c.scope.up
		return t
	case *Index:
		return c.index(e)
	case *Slice:
		return c.slice(e)
	case *ArrayLit:
		elem := BoolKind
		for _, x := range e.Elems {
			t := c.check(x)
			if c.err != nil {
				return Type{}
			}
			if !t.IsScalar() {
				c.errorf(TypeError, x.Pos(), "array elements must be numbers or bools, got %s", t)
				return Type{}
			}
			if t.Kind == NumberKind {
				elem = NumberKind
			}
		}
		if len(e.Elems) == 0 {
			elem = NumberKind
		}
		return Type{Kind: ArrayKind, Elem: elem, Len: len(e.Elems)}
	case *Call:
		return c.call(e)
	case *Lambda:
		c.errorf(Unsupported, e.P, "a predicate is only allowed as the second argument of count, any, all, filter, map or sum")
		return Type{}
	}
	c.errorf(Unsupported, e.Pos(), "unsupported expression")
	return Type{}
}

func withElem(t Type, elem Kind) Type {
	if t.Kind == ArrayKind {
		t.Elem = elem
		return t
	}
	return Type{Kind: elem}
}

func (c *checker) ident(e *Ident) Type {
	for s := c.scope; s != nil; s = s.up {
		if s.let.Name == e.Name {
			e.Ref, e.Let = RefLet, s.let
			return s.let.Value.Type()
		}
	}
	switch e.Name {
	case "values":
		e.Ref = RefValues
		return ArrayOf(c.env.N)
	case "center":
		e.Ref = RefCenter
		c.kernel.UsesCenter = true
		return Number
	}
	if t, ok := c.env.Params[e.Name]; ok {
		e.Ref = RefParam
		c.kernel.Params[e.Name] = true
		return t
	}
	if _, ok := Funcs[e.Name]; ok {
		c.errorf(TypeError, e.P, "%s is a function; call it, e.g. %s(values)", e.Name, e.Name)
		return Type{}
	}
	known := []string{"values", "center"}
	for s := c.scope; s != nil; s = s.up {
		known = append(known, s.let.Name)
	}
	for p := range c.env.Params {
		known = append(known, p)
	}
	sort.Strings(known)
	near := nearest(e.Name, known)
	missing := &MissingParam{Name: e.Name, Near: near}
	if near != "" {
		c.errorDetail(missing, UnknownName, e.P, "unknown name %s; did you mean %s?", e.Name, near)
	} else {
		c.errorDetail(missing, UnknownName, e.P, "unknown name %s: it is neither built in nor a given parameter; give it a value as a parameter", e.Name)
	}
	return Type{}
}

var arith = map[string]bool{"+": true, "-": true, "*": true, "/": true, "//": true, "%": true, "**": true}
var compare = map[string]bool{"<": true, "<=": true, ">": true, ">=": true, "==": true, "!=": true}

func (c *checker) binary(e *Binary) Type {
	x := c.check(e.X)
	y := c.check(e.Y)
	if c.err != nil {
		return Type{}
	}
	shape, ok := c.broadcast(e.P, x, y)
	if !ok {
		return Type{}
	}
	switch {
	case arith[e.Op]:
		return withElem(shape, NumberKind)
	case compare[e.Op]:
		return withElem(shape, BoolKind)
	default: // and, or
		for _, t := range []struct {
			t Type
			e Expr
		}{{x, e.X}, {y, e.Y}} {
			if t.t.Scalar().Kind != BoolKind {
				c.errorf(TypeError, t.e.Pos(), "%s needs bools, got %s; compare it, e.g. x != 0", e.Op, t.t)
				return Type{}
			}
		}
		return withElem(shape, BoolKind)
	}
}

// broadcast returns the shape of combining a and b elementwise, numpy
// style: scalars stretch over arrays, and arrays must have one length.
func (c *checker) broadcast(pos Pos, a, b Type) (Type, bool) {
	switch {
	case !a.IsArray():
		return b, true
	case !b.IsArray():
		return a, true
	case a.Var == 0 && b.Var == 0 && a.Len == b.Len:
		return a, true
	case a.Var != 0 && a.Var == b.Var:
		return a, true
	}
	c.errorf(TypeError, pos, "cannot combine %s with %s elementwise: their lengths differ", a, b)
	return Type{}, false
}

// constValue evaluates e if it is a constant the checker can see: literals,
// arithmetic on them, let bindings of them and len of a fixed-length array.
func (c *checker) constValue(e Expr) (float64, bool) {
	switch e := e.(type) {
	case *NumLit:
		return e.Value, true
	case *Ident:
		if e.Ref == RefLet {
			return c.constValue(e.Let.Value)
		}
	case *Unary:
		if v, ok := c.constValue(e.X); ok && e.Op != "not" {
			if e.Op == "-" {
				return -v, true
			}
			return v, true
		}
	case *Binary:
		x, ok1 := c.constValue(e.X)
		y, ok2 := c.constValue(e.Y)
		if ok1 && ok2 {
			switch e.Op {
			case "+":
				return x + y, true
			case "-":
				return x - y, true
			case "*":
				return x * y, true
			case "/":
				return x / y, true
			case "//":
				return FloorDiv(x, y), true
			case "%":
				return Mod(x, y), true
			case "**":
				return math.Pow(x, y), true
			}
		}
	case *Call:
		if e.Name == "len" && len(e.Args) == 1 {
			if t := e.Args[0].Type(); t.IsArray() && t.Var == 0 {
				return float64(t.Len), true
			}
		}
	}
	return 0, false
}

// Mod is numpy's floored modulo (np.mod) on float64: the result has the
// sign of y.
func Mod(x, y float64) float64 {
	if y == 0 {
		return math.NaN()
	}
	r := math.Mod(x, y)
	if r != 0 {
		if (y < 0) != (r < 0) {
			r += y
		}
	} else {
		r = math.Copysign(0, y)
	}
	return r
}

// FloorDiv is numpy's floor_divide (np.floor_divide, a // b) on float64,
// step for step as numpy 1.24's npy_floor_divide: a zero divisor gives
// a / b (±Inf, or NaN for 0 // 0); otherwise the quotient comes from
// fmod, as in divmod, so that a == b*FloorDiv(a, b) + Mod(a, b) as nearly
// as float64 allows, and it is snapped to an integer. Hence inf // 2 is
// NaN, 1 // inf is 0 and -1 // inf is -1, as in numpy and Python.
func FloorDiv(a, b float64) float64 {
	if b == 0 {
		return a / b
	}
	mod := math.Mod(a, b)
	div := (a - mod) / b
	if mod != 0 && (b < 0) != (mod < 0) {
		div--
	}
	if div == 0 {
		return math.Copysign(0, a/b)
	}
	f := math.Floor(div)
	if div-f > 0.5 {
		f++
	}
	return f
}

// constInt evaluates e as a constant integer, reporting what is wrong.
func (c *checker) constInt(e Expr, what string) (int, bool) {
	v, ok := c.constValue(e)
	if !ok {
		return 0, false
	}
	if v != math.Trunc(v) || math.IsInf(v, 0) || math.IsNaN(v) || math.Abs(v) > 1<<40 {
		c.errorf(IndexError, e.Pos(), "%s must be an integer, got %g", what, v)
		return 0, false
	}
	return int(v), true
}

func (c *checker) index(e *Index) Type {
	x := c.check(e.X)
	i := c.check(e.Index)
	if c.err != nil {
		return Type{}
	}
	if !x.IsArray() {
		c.errorf(TypeError, e.P, "cannot index %s; only arrays have elements", x)
		return Type{}
	}
	if i.Kind != NumberKind {
		c.errorf(TypeError, e.Index.Pos(), "index must be a number, got %s", i)
		return Type{}
	}
	k, ok := c.constInt(e.Index, "index")
	if c.err != nil {
		return Type{}
	}
	if ok {
		if k < -x.Len || k >= x.Len {
			if x.Len == 0 {
				c.errorf(IndexError, e.Index.Pos(), "index %d is out of range: the array is empty", k)
			} else {
				c.errorf(IndexError, e.Index.Pos(), "index %d is out of range for %s (valid: %d to %d)", k, x, -x.Len, x.Len-1)
			}
			return Type{}
		}
		if k < 0 && x.Var == 0 {
			k += x.Len
		}
		e.Const, e.K = true, k
	}
	return x.Scalar()
}

func (c *checker) slice(e *Slice) Type {
	x := c.check(e.X)
	if c.err != nil {
		return Type{}
	}
	if !x.IsArray() {
		c.errorf(TypeError, e.P, "cannot slice %s; only arrays have elements", x)
		return Type{}
	}
	if x.Var != 0 {
		c.errorf(TypeError, e.P, "cannot slice %s: its length varies per pixel; sort or reduce it instead", x)
		return Type{}
	}
	bound := func(b Expr, def int) (int, bool) {
		if b == nil {
			return def, true
		}
		t := c.check(b)
		if c.err != nil {
			return 0, false
		}
		if t.Kind != NumberKind {
			c.errorf(TypeError, b.Pos(), "slice bound must be a number, got %s", t)
			return 0, false
		}
		v, ok := c.constInt(b, "slice bound")
		if !ok {
			if c.err == nil {
				c.errorf(TypeError, b.Pos(), "slice bounds must be constants, so that the slice's length is known")
			}
			return 0, false
		}
		// Python's rules: negative counts from the end, then clamp.
		if v < 0 {
			v += x.Len
		}
		return max(0, min(v, x.Len)), true
	}
	lo, ok := bound(e.Lo, 0)
	if !ok {
		return Type{}
	}
	hi, ok := bound(e.Hi, x.Len)
	if !ok {
		return Type{}
	}
	hi = max(hi, lo)
	e.From, e.To = lo, hi
	return Type{Kind: ArrayKind, Elem: x.Elem, Len: hi - lo}
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func (c *checker) call(e *Call) Type {
	f, ok := Funcs[e.Name]
	if !ok {
		return c.unknownFunc(e)
	}
	e.Func = f
	n := len(e.Args)
	if n < f.MinArgs || (f.MaxArgs >= 0 && n > f.MaxArgs) {
		want := plural(f.MinArgs, "argument")
		switch {
		case f.MaxArgs < 0:
			want = fmt.Sprintf("%d or more arguments", f.MinArgs)
		case f.MaxArgs > f.MinArgs:
			want = fmt.Sprintf("%d or %d arguments", f.MinArgs, f.MaxArgs)
		}
		c.errorf(TypeError, e.P, "%s takes %s, got %d", e.Name, want, n)
		return Type{}
	}
	// Predicates first need the array they run over.
	var lambda *Lambda
	args := make([]Type, n)
	for i, a := range e.Args {
		if l, ok := a.(*Lambda); ok {
			if i != 1 || f.Pred == 0 {
				c.errorf(Unsupported, a.Pos(), "%s takes no predicate", e.Name)
				return Type{}
			}
			lambda = l
			continue
		}
		args[i] = c.check(a)
		if c.err != nil {
			return Type{}
		}
	}
	if f.Pred == 2 && lambda == nil && !(e.Name == "any" || e.Name == "all") {
		c.errorf(TypeError, e.P, "%s needs a predicate as its second argument, e.g. %s(values, # > 0)", e.Name, e.Name)
		return Type{}
	}
	if lambda != nil {
		if !args[0].IsArray() {
			c.errorf(TypeError, e.Args[0].Pos(), "%s needs an array, got %s", e.Name, args[0])
			return Type{}
		}
		lambda.Over = args[0]
		c.lambdas = append(c.lambdas, lambda)
		body := c.check(lambda.Body)
		c.lambdas = c.lambdas[:len(c.lambdas)-1]
		if c.err != nil {
			return Type{}
		}
		lambda.T = body
		if !body.IsScalar() {
			c.errorf(TypeError, lambda.Body.Pos(), "the expression in %s must give one number or bool per element, got %s", e.Name, body)
			return Type{}
		}
		if e.Name != "map" && e.Name != "sum" && !lambda.Implicit && body.Kind != BoolKind {
			c.errorf(TypeError, lambda.Body.Pos(), "the predicate of %s must be a bool, got %s; compare it, e.g. # > 0", e.Name, body)
			return Type{}
		}
		args[1] = body
	}

	switch f.Class {
	case Length:
		if !args[0].IsArray() {
			c.errorf(TypeError, e.Args[0].Pos(), "len needs an array, got %s", args[0])
			return Type{}
		}
		return Number
	case Elementwise:
		return c.elementwise(e, args)
	case Reshape:
		a := args[0]
		if !a.IsArray() {
			c.errorf(TypeError, e.Args[0].Pos(), "%s needs an array, got %s", e.Name, a)
			return Type{}
		}
		switch e.Name {
		case "sort":
			return withElem(a, NumberKind)
		case "filter":
			c.nvar++
			return Type{Kind: ArrayKind, Elem: a.Elem, Len: a.Len, Var: c.nvar}
		default: // map
			return withElem(a, args[1].Kind)
		}
	}
	// Reductions; min and max of several arguments are elementwise.
	if (e.Name == "min" || e.Name == "max") && n > 1 {
		return c.elementwise(e, args)
	}
	a := args[0]
	if !a.IsArray() {
		hint := ""
		if e.Name == "min" || e.Name == "max" {
			hint = fmt.Sprintf("; give an array, or two or more numbers: %s(x, y)", e.Name)
		}
		c.errorf(TypeError, e.Args[0].Pos(), "%s needs an array, got %s%s", e.Name, a, hint)
		return Type{}
	}
	if e.Name == "percentile" {
		if args[1].Kind != NumberKind {
			c.errorf(TypeError, e.Args[1].Pos(), "percentile needs a number q in 0..100, got %s", args[1])
			return Type{}
		}
		if q, ok := c.constValue(e.Args[1]); ok && !(q >= 0 && q <= 100) {
			c.errorf(TypeError, e.Args[1].Pos(), "percentile q must be in 0..100, got %g", q)
			return Type{}
		}
	}
	if f.Bool {
		return Bool
	}
	return Number
}

func (c *checker) elementwise(e *Call, args []Type) Type {
	shape := Type{Kind: NumberKind}
	for i, a := range args {
		if a.Kind == Invalid {
			continue
		}
		var ok bool
		if shape, ok = c.broadcast(e.Args[i].Pos(), shape, a); !ok {
			return Type{}
		}
	}
	if e.Func.Bool {
		return withElem(shape, BoolKind)
	}
	return withElem(shape, NumberKind)
}

func (c *checker) unknownFunc(e *Call) Type {
	switch {
	case e.Name == "values" || e.Name == "center":
		c.errorf(TypeError, e.P, "%s is not a function", e.Name)
	case c.env.Params[e.Name].Kind != Invalid:
		c.errorf(TypeError, e.P, "parameter %s is not a function", e.Name)
	case exprBuiltins[e.Name]:
		if near := nearest(e.Name, FuncNames()); near != "" && e.Name != "values" {
			c.errorf(Unsupported, e.P, "%s is an expr built-in that means nothing in a kernel; did you mean %s?", e.Name, near)
		} else {
			c.errorf(Unsupported, e.P, "%s is an expr built-in that means nothing in a kernel", e.Name)
		}
	default:
		if near := nearest(e.Name, FuncNames()); near != "" {
			c.errorf(UnknownName, e.P, "unknown function %s; did you mean %s?", e.Name, near)
		} else {
			c.errorf(UnknownName, e.P, "unknown function %s; the functions are %s", e.Name, strings.Join(FuncNames(), ", "))
		}
	}
	return Type{}
}
