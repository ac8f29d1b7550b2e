package compile

import (
	"math"

	"github.com/kfilter/kfilter/lang"
)

var binaryOps = map[string]Op{
	"+": OpAdd, "-": OpSub, "*": OpMul, "/": OpDiv, "//": OpFloorDiv, "%": OpMod, "**": OpPow,
	"<": OpLt, "<=": OpLe, ">": OpGt, ">=": OpGe, "==": OpEq, "!=": OpNe,
	"and": OpAnd, "or": OpOr,
}

var unaryFuncs = map[string]Op{
	"abs": OpAbs, "sqrt": OpSqrt, "exp": OpExp, "log": OpLog, "log2": OpLog2, "log10": OpLog10,
	"sin": OpSin, "cos": OpCos, "tan": OpTan, "floor": OpFloor, "ceil": OpCeil, "round": OpRound,
	"sign": OpSign, "isnan": OpIsNaN,
}

var reductions = map[string]Op{
	"min": OpMin, "max": OpMax, "sum": OpSum, "prod": OpProd, "mean": OpMean, "median": OpMedian,
	"std": OpStd, "var": OpVar, "percentile": OpPercentile, "argmin": OpArgmin, "argmax": OpArgmax,
	"nanmin": OpNanMin, "nanmax": OpNanMax, "nansum": OpNanSum, "nanmean": OpNanMean,
	"nanmedian": OpNanMedian, "nanstd": OpNanStd, "mode": OpMode, "count": OpCount,
	"any": OpAny, "all": OpAll,
}

func konst(x float64) val { return val{n: 1, konst: []float64{x}} }

func (c *compiler) lower(e lang.Expr) val {
	if r, ok := c.externs[e]; ok {
		return val{at: ref{r, 0}, n: 1}
	}
	switch e := e.(type) {
	case *lang.NumLit:
		return konst(e.Value)
	case *lang.BoolLit:
		return konst(b2f(e.Value))
	case *lang.Ident:
		switch e.Ref {
		case lang.RefValues:
			return val{at: ref{c.values, 0}, n: c.k.Env.N, arr: true}
		case lang.RefCenter:
			return val{at: ref{c.center, 0}, n: 1}
		case lang.RefParam:
			p := c.cfg.Params[e.Name]
			if p.IsArray {
				return val{n: len(p.Values), arr: true, konst: append([]float64{}, p.Values...)}
			}
			return konst(p.Values[0])
		case lang.RefLet:
			return c.lets[e.Let]
		}
	case *lang.Elem:
		return c.elems[e.Lambda]
	case *lang.Unary:
		x := c.lower(e.X)
		switch e.Op {
		case "-":
			return c.elementwise(OpNeg, x)
		case "not":
			return c.elementwise(OpNot, x)
		}
		return x
	case *lang.Binary:
		x, y := c.lower(e.X), c.lower(e.Y)
		op := binaryOps[e.Op]
		if op == OpPow && y.isConst() && !y.arr && y.konst[0] == 2 {
			// x**2 is x*x exactly, in C's pow as in numpy's.
			return c.elementwise(OpMul, x, x)
		}
		return c.elementwise(op, x, y)
	case *lang.Cond:
		cond := c.lower(e.Cond)
		if cond.isConst() && !cond.arr {
			if cond.konst[0] != 0 {
				return c.lower(e.Then)
			}
			return c.lower(e.Else)
		}
		return c.elementwise(OpSelect, cond, c.lower(e.Then), c.lower(e.Else))
	case *lang.Let:
		c.lets[e] = c.lower(e.Value)
		return c.lower(e.Body)
	case *lang.Index:
		x := c.lower(e.X)
		if e.Const && x.ln == nil {
			return x.elem(e.K)
		}
		var idx val
		if e.Const {
			idx = konst(float64(e.K))
		} else {
			idx = c.lower(e.Index)
		}
		if idx.isConst() && !idx.arr && x.ln == nil {
			k := idx.konst[0]
			if k != math.Trunc(k) || k < -float64(x.n) || k >= float64(x.n) {
				c.fail(lang.IndexError, e.Index, "index %g is out of range for an array of %d values (valid: %d to %d)", k, x.n, -x.n, x.n-1)
			}
			if k < 0 {
				k += float64(x.n)
			}
			return x.elem(int(k))
		}
		return c.gather(x, idx)
	case *lang.Slice:
		x := c.lower(e.X)
		if x.konst != nil {
			return val{n: e.To - e.From, arr: true, konst: x.konst[e.From:e.To]}
		}
		return val{at: ref{x.at.r, x.at.off + int32(e.From)}, n: e.To - e.From, arr: true}
	case *lang.ArrayLit:
		elems := make([]val, len(e.Elems))
		all := true
		for i, x := range e.Elems {
			elems[i] = c.lower(x)
			all = all && elems[i].isConst()
		}
		if all {
			out := make([]float64, len(elems))
			for i, v := range elems {
				out[i] = v.konst[0]
			}
			return val{n: len(out), arr: true, konst: out}
		}
		return c.pack(elems, nil)
	case *lang.Call:
		return c.call(e)
	}
	c.fail(lang.Unsupported, e, "cannot compile this expression")
	return val{}
}

// pack copies scalars into one new array.
func (c *compiler) pack(elems []val, ln *val) val {
	r := c.newVreg(vTemp, len(elems))
	for k, v := range elems {
		in := vinstr{Instr: Instr{Op: OpCopy, N: 1, B: -1, C: -1, L: -1, DL: -1}, b: noRef, c: noRef, l: noRef, dl: noRef}
		in.a, _ = c.materialize(v)
		in.dst = ref{r, int32(k)}
		c.emit(in, 0)
	}
	return val{at: ref{r, 0}, n: len(elems), arr: true, ln: ln}
}

func (c *compiler) gather(x, idx val) val {
	n := 1
	if idx.arr {
		n = idx.n
	}
	in := vinstr{Instr: Instr{Op: OpGather, N: int32(n), M: int32(x.n), C: -1, L: -1, DL: -1}, c: noRef, l: noRef, dl: noRef}
	in.a, _ = c.materializeArray(x)
	in.SA = 1
	in.b, in.SB = c.materialize(idx)
	if x.ln != nil {
		in.l = x.ln.at
	}
	key := cseKey{op: OpGather, n: in.N, m: in.M, a: in.a, b: in.b, c: noRef, l: in.l, sa: 1, sb: in.SB}
	if v, ok := c.cse[key]; ok {
		return v
	}
	v := val{at: c.emit(in, n), n: n, arr: idx.arr, ln: idx.ln}
	c.cse[key] = v
	return v
}

func (c *compiler) call(e *lang.Call) val {
	args := func() []val {
		vs := make([]val, 0, len(e.Args))
		for _, a := range e.Args {
			if _, ok := a.(*lang.Lambda); ok {
				continue
			}
			vs = append(vs, c.lower(a))
		}
		return vs
	}
	var lambda *lang.Lambda
	if len(e.Args) == 2 {
		lambda, _ = e.Args[1].(*lang.Lambda)
	}
	switch e.Name {
	case "len":
		x := c.lower(e.Args[0])
		if x.ln != nil {
			return *x.ln
		}
		return konst(float64(x.n))
	case "clip":
		a := args()
		return c.elementwise(OpClip, a[0], a[1], a[2])
	case "min", "max":
		if len(e.Args) > 1 {
			op := OpMin2
			if e.Name == "max" {
				op = OpMax2
			}
			a := args()
			v := a[0]
			for _, x := range a[1:] {
				v = c.elementwise(op, v, x)
			}
			return v
		}
	case "sort":
		return c.sort(c.lower(e.Args[0]))
	case "filter":
		x := c.lower(e.Args[0])
		return c.filter(x, c.lambda(lambda, x))
	case "map":
		x := c.lower(e.Args[0])
		return c.toArray(c.lambda(lambda, x), x.n, x.ln)
	case "count", "any", "all", "sum":
		if lambda != nil {
			x := c.lower(e.Args[0])
			body := c.toArray(c.lambda(lambda, x), x.n, x.ln)
			return c.reduce(reductions[e.Name], body, nil)
		}
	}
	if op, ok := unaryFuncs[e.Name]; ok {
		return c.elementwise(op, c.lower(e.Args[0]))
	}
	op := reductions[e.Name]
	a := args()
	if op == OpPercentile {
		if a[1].isConst() && !(a[1].konst[0] >= 0 && a[1].konst[0] <= 100) {
			c.fail(lang.TypeError, e.Args[1], "percentile q must be in 0..100, got %g", a[1].konst[0])
		}
		return c.reduce(op, a[0], &a[1])
	}
	return c.reduce(op, a[0], nil)
}

func (c *compiler) sort(x val) val {
	if x.isConst() {
		return val{n: x.n, arr: true, konst: fold(Instr{Op: OpSort, N: int32(x.n)}, [][]float64{x.konst}, []uint8{1}, x.n)}
	}
	in := vinstr{Instr: Instr{Op: OpSort, N: int32(x.n), SA: 1, B: -1, C: -1, L: -1, DL: -1}, b: noRef, c: noRef, l: noRef, dl: noRef}
	in.a, _ = c.materializeArray(x)
	if x.ln != nil {
		in.l = x.ln.at
	}
	key := cseKey{op: OpSort, n: in.N, a: in.a, b: noRef, c: noRef, l: in.l, sa: 1}
	if v, ok := c.cse[key]; ok {
		return v
	}
	v := val{at: c.emit(in, x.n), n: x.n, arr: true, ln: x.ln}
	c.cse[key] = v
	return v
}

func (c *compiler) filter(x, pred val) val {
	if pred.isConst() && !pred.arr && x.ln == nil {
		if pred.konst[0] != 0 {
			return x // keeps everything: the length stays fixed
		}
	}
	in := vinstr{Instr: Instr{Op: OpFilter, N: int32(x.n), SA: 1, C: -1, L: -1}, c: noRef, l: noRef}
	in.a, _ = c.materializeArray(x)
	in.b, in.SB = c.materialize(pred)
	if x.ln != nil {
		in.l = x.ln.at
	}
	key := cseKey{op: OpFilter, n: in.N, a: in.a, b: in.b, c: noRef, l: in.l, sa: 1, sb: in.SB}
	if v, ok := c.cse[key]; ok {
		return v
	}
	in.dl = ref{c.newVreg(vTemp, 1), 0}
	in.dst = ref{c.newVreg(vTemp, x.n), 0}
	c.emit(in, 0)
	ln := &val{at: in.dl, n: 1}
	v := val{at: in.dst, n: x.n, arr: true, ln: ln}
	c.cse[key] = v
	return v
}

// lambda lowers a predicate's body over the array x: lifted, with # bound
// to the whole array, when the body is elementwise in #; unrolled, once per
// element, when it is not (map(values, count(values, # < #)) needs each
// element as a scalar).
func (c *compiler) lambda(l *lang.Lambda, x val) val {
	if liftable(l) {
		c.elems[l] = x
		return c.lower(l.Body)
	}
	elems := make([]val, x.n)
	all := true
	for k := range elems {
		c.elems[l] = x.elem(k)
		elems[k] = c.lower(l.Body)
		all = all && elems[k].isConst()
	}
	if all && x.ln == nil {
		out := make([]float64, x.n)
		for k, v := range elems {
			out[k] = v.konst[0]
		}
		return val{n: x.n, arr: true, konst: out}
	}
	return c.pack(elems, x.ln)
}

// liftable reports whether l's body only combines # elementwise, so that it
// can run once over the whole array.
func liftable(l *lang.Lambda) bool {
	ok := true
	var dep func(e lang.Expr) bool
	dep = func(e lang.Expr) bool {
		switch e := e.(type) {
		case nil:
			return false
		case *lang.Elem:
			return e.Lambda == l
		case *lang.Ident:
			if e.Ref == lang.RefLet {
				return dep(e.Let.Value)
			}
			return false
		case *lang.Index:
			dx, di := dep(e.X), dep(e.Index)
			if dx {
				ok = false
			}
			return dx || di
		case *lang.Slice:
			if dep(e.X) {
				ok = false
				return true
			}
			return false
		case *lang.ArrayLit:
			d := false
			for _, x := range e.Elems {
				d = dep(x) || d
			}
			if d {
				ok = false
			}
			return d
		case *lang.Lambda:
			if dep(e.Body) {
				ok = false
				return true
			}
			return false
		case *lang.Call:
			d := false
			for i, a := range e.Args {
				da := dep(a)
				d = d || da
				elementwise := e.Func.Class == lang.Elementwise ||
					((e.Name == "min" || e.Name == "max") && len(e.Args) > 1)
				if da && (i == 0 || e.Name == "percentile") && !elementwise {
					ok = false
				}
			}
			return d
		case *lang.Unary:
			return dep(e.X)
		case *lang.Binary:
			a, b := dep(e.X), dep(e.Y)
			return a || b
		case *lang.Cond:
			a, b, cc := dep(e.Cond), dep(e.Then), dep(e.Else)
			return a || b || cc
		case *lang.Let:
			a, b := dep(e.Value), dep(e.Body)
			return a || b
		}
		return false
	}
	dep(l.Body)
	return ok
}
