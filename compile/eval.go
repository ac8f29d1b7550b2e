package compile

import (
	"math"

	"github.com/kfilter/kfilter/lang"
)

// Eval is the reference evaluator: it walks k's checked tree for one pixel,
// with values the footprint's elements and center the pixel's own value.
// It is slow and simple on purpose; the tests hold compiled programs to it.
func Eval(k *lang.Kernel, params map[string]Param, values []float64, center float64) float64 {
	e := &evaluator{params: params, values: values, center: center,
		lets: map[*lang.Let]value{}, elems: map[*lang.Lambda]float64{}}
	return e.eval(k.Root).s
}

// value is a number or an array.
type value struct {
	s     float64
	arr   []float64
	isArr bool
}

type evaluator struct {
	params map[string]Param
	values []float64
	center float64
	lets   map[*lang.Let]value
	elems  map[*lang.Lambda]float64
}

func scalar(x float64) value { return value{s: x} }

// broadcast applies f elementwise over its operands, numpy style.
func broadcast(f func(xs []float64) float64, vs ...value) value {
	n, arr := 0, false
	for _, v := range vs {
		if v.isArr {
			n, arr = len(v.arr), true
		}
	}
	xs := make([]float64, len(vs))
	at := func(k int) []float64 {
		for i, v := range vs {
			if v.isArr {
				xs[i] = v.arr[k]
			} else {
				xs[i] = v.s
			}
		}
		return xs
	}
	if !arr {
		return scalar(f(at(0)))
	}
	out := make([]float64, n)
	for k := range out {
		out[k] = f(at(k))
	}
	return value{arr: out, isArr: true}
}

// apply is the scalar meaning of each elementwise op.
func apply(op Op, x []float64) float64 {
	a := x[0]
	var b, c float64
	if len(x) > 1 {
		b = x[1]
	}
	if len(x) > 2 {
		c = x[2]
	}
	switch op {
	case OpNeg:
		return -a
	case OpNot:
		return b2f(a == 0)
	case OpAbs:
		return math.Abs(a)
	case OpSqrt:
		return math.Sqrt(a)
	case OpExp:
		return exp(a)
	case OpLog:
		return math.Log(a)
	case OpLog2:
		return math.Log2(a)
	case OpLog10:
		return math.Log10(a)
	case OpSin:
		return math.Sin(a)
	case OpCos:
		return math.Cos(a)
	case OpTan:
		return math.Tan(a)
	case OpFloor:
		return math.Floor(a)
	case OpCeil:
		return math.Ceil(a)
	case OpRound:
		return math.RoundToEven(a)
	case OpSign:
		return sign(a)
	case OpIsNaN:
		return b2f(math.IsNaN(a))
	case OpAdd:
		return a + b
	case OpSub:
		return a - b
	case OpMul:
		return a * b
	case OpDiv:
		return a / b
	case OpMod:
		return lang.Mod(a, b)
	case OpFloorDiv:
		return lang.FloorDiv(a, b)
	case OpPow:
		return math.Pow(a, b)
	case OpLt:
		return b2f(a < b)
	case OpLe:
		return b2f(a <= b)
	case OpGt:
		return b2f(a > b)
	case OpGe:
		return b2f(a >= b)
	case OpEq:
		return b2f(a == b)
	case OpNe:
		return b2f(a != b)
	case OpAnd:
		return b2f(a != 0 && b != 0)
	case OpOr:
		return b2f(a != 0 || b != 0)
	case OpMin2:
		return minimum(a, b)
	case OpMax2:
		return maximum(a, b)
	case OpSelect:
		if a != 0 {
			return b
		}
		return c
	case OpClip:
		return clip(a, b, c)
	}
	return math.NaN()
}

func (e *evaluator) elementwise(op Op, vs ...value) value {
	return broadcast(func(xs []float64) float64 { return apply(op, xs) }, vs...)
}

func (e *evaluator) eval(x lang.Expr) value {
	switch x := x.(type) {
	case *lang.NumLit:
		return scalar(x.Value)
	case *lang.BoolLit:
		return scalar(b2f(x.Value))
	case *lang.Ident:
		switch x.Ref {
		case lang.RefValues:
			return value{arr: e.values, isArr: true}
		case lang.RefCenter:
			return scalar(e.center)
		case lang.RefParam:
			p := e.params[x.Name]
			if p.IsArray {
				return value{arr: p.Values, isArr: true}
			}
			return scalar(p.Values[0])
		case lang.RefLet:
			return e.lets[x.Let]
		}
	case *lang.Elem:
		return scalar(e.elems[x.Lambda])
	case *lang.Unary:
		v := e.eval(x.X)
		switch x.Op {
		case "-":
			return e.elementwise(OpNeg, v)
		case "not":
			return e.elementwise(OpNot, v)
		}
		return v
	case *lang.Binary:
		return e.elementwise(binaryOps[x.Op], e.eval(x.X), e.eval(x.Y))
	case *lang.Cond:
		return e.elementwise(OpSelect, e.eval(x.Cond), e.eval(x.Then), e.eval(x.Else))
	case *lang.Let:
		e.lets[x] = e.eval(x.Value)
		return e.eval(x.Body)
	case *lang.Index:
		arr := e.eval(x.X).arr
		i := math.Trunc(e.eval(x.Index).s)
		if i < 0 {
			i += float64(len(arr))
		}
		if !(i >= 0 && i < float64(len(arr))) {
			return scalar(math.NaN())
		}
		return scalar(arr[int(i)])
	case *lang.Slice:
		arr := e.eval(x.X).arr
		return value{arr: arr[x.From:x.To], isArr: true}
	case *lang.ArrayLit:
		out := make([]float64, len(x.Elems))
		for i, el := range x.Elems {
			out[i] = e.eval(el).s
		}
		return value{arr: out, isArr: true}
	case *lang.Call:
		return e.call(x)
	}
	return scalar(math.NaN())
}

// each evaluates a predicate's body for every element of arr.
func (e *evaluator) each(l *lang.Lambda, arr []float64) []float64 {
	out := make([]float64, len(arr))
	for k, v := range arr {
		e.elems[l] = v
		out[k] = e.eval(l.Body).s
	}
	return out
}

func (e *evaluator) call(x *lang.Call) value {
	var lambda *lang.Lambda
	if len(x.Args) == 2 {
		lambda, _ = x.Args[1].(*lang.Lambda)
	}
	arg := func(i int) value { return e.eval(x.Args[i]) }
	switch x.Name {
	case "len":
		return scalar(float64(len(arg(0).arr)))
	case "clip":
		return e.elementwise(OpClip, arg(0), arg(1), arg(2))
	case "min", "max":
		if len(x.Args) > 1 {
			op := OpMin2
			if x.Name == "max" {
				op = OpMax2
			}
			v := arg(0)
			for i := 1; i < len(x.Args); i++ {
				v = e.elementwise(op, v, arg(i))
			}
			return v
		}
	case "sort":
		a := append([]float64(nil), arg(0).arr...)
		sortFloats(a)
		return value{arr: a, isArr: true}
	case "filter":
		a := arg(0).arr
		keep := e.each(lambda, a)
		var out []float64
		for k, v := range a {
			if keep[k] != 0 {
				out = append(out, v)
			}
		}
		return value{arr: out, isArr: true}
	case "map":
		return value{arr: e.each(lambda, arg(0).arr), isArr: true}
	}
	if op, ok := unaryFuncs[x.Name]; ok {
		return e.elementwise(op, arg(0))
	}
	a := arg(0).arr
	if lambda != nil {
		a = e.each(lambda, a)
	}
	a = append([]float64(nil), a...)
	q := 0.0
	if x.Name == "percentile" {
		q = arg(1).s
	}
	return scalar(reduce(reductions[x.Name], a, make([]float64, len(a)), q))
}
