package compile

import (
	"fmt"
	"strings"

	"github.com/kfilter/kfilter/compile/network"
	"github.com/kfilter/kfilter/lang"
)

// Op is an instruction's operation.
type Op uint8

const (
	OpInvalid Op = iota

	// Elementwise, unary: Dst[k] = f(A[k]).
	OpCopy
	OpNeg
	OpNot
	OpAbs
	OpSqrt
	OpExp
	OpLog
	OpLog2
	OpLog10
	OpSin
	OpCos
	OpTan
	OpFloor
	OpCeil
	OpRound
	OpSign
	OpIsNaN

	// Elementwise, binary: Dst[k] = A[k] op B[k].
	OpAdd
	OpSub
	OpMul
	OpDiv
	OpMod
	OpFloorDiv
	OpPow
	OpLt
	OpLe
	OpGt
	OpGe
	OpEq
	OpNe
	OpAnd
	OpOr
	OpMin2
	OpMax2

	// Elementwise, ternary.
	OpSelect // Dst[k] = A[k] != 0 ? B[k] : C[k]
	OpClip   // Dst[k] = clip(A[k], B[k], C[k])

	// Reductions of the N-element array A (length per pixel in L if L >= 0)
	// to the scalar Dst.
	OpMin
	OpMax
	OpSum
	OpProd
	OpMean
	OpMedian
	OpStd
	OpVar
	OpPercentile // q in B
	OpArgmin
	OpArgmax
	OpNanMin
	OpNanMax
	OpNanSum
	OpNanMean
	OpNanMedian
	OpNanStd
	OpMode
	OpCount // non-zero elements
	OpAny
	OpAll

	// Arrays to arrays.
	OpSort   // Dst[0:N] = sort(A[0:N]), length L
	OpFilter // Dst[0:N] = A's elements where B holds, packed; the count to DL
	OpGather // Dst[k] = A[B[k]] for an M-element array A, length L; NaN out of range

	numOps
)

var opNames = [...]string{
	OpInvalid: "invalid",
	OpCopy:    "copy", OpNeg: "neg", OpNot: "not", OpAbs: "abs", OpSqrt: "sqrt", OpExp: "exp",
	OpLog: "log", OpLog2: "log2", OpLog10: "log10", OpSin: "sin", OpCos: "cos", OpTan: "tan",
	OpFloor: "floor", OpCeil: "ceil", OpRound: "round", OpSign: "sign", OpIsNaN: "isnan",
	OpAdd: "add", OpSub: "sub", OpMul: "mul", OpDiv: "div", OpMod: "mod", OpFloorDiv: "floordiv", OpPow: "pow",
	OpLt: "lt", OpLe: "le", OpGt: "gt", OpGe: "ge", OpEq: "eq", OpNe: "ne", OpAnd: "and", OpOr: "or",
	OpMin2: "minimum", OpMax2: "maximum", OpSelect: "select", OpClip: "clip",
	OpMin: "min", OpMax: "max", OpSum: "sum", OpProd: "prod", OpMean: "mean", OpMedian: "median",
	OpStd: "std", OpVar: "var", OpPercentile: "percentile", OpArgmin: "argmin", OpArgmax: "argmax",
	OpNanMin: "nanmin", OpNanMax: "nanmax", OpNanSum: "nansum", OpNanMean: "nanmean",
	OpNanMedian: "nanmedian", OpNanStd: "nanstd", OpMode: "mode", OpCount: "count", OpAny: "any", OpAll: "all",
	OpSort: "sort", OpFilter: "filter", OpGather: "gather",
}

func (op Op) String() string {
	if op < numOps && opNames[op] != "" {
		return opNames[op]
	}
	return fmt.Sprintf("Op(%d)", op)
}

// arity is the number of operands of an elementwise op.
func (op Op) arity() int {
	switch {
	case op >= OpCopy && op <= OpIsNaN:
		return 1
	case op >= OpAdd && op <= OpMax2:
		return 2
	case op == OpSelect || op == OpClip:
		return 3
	}
	return 0
}

// IsReduction reports whether op reduces an array to one value per pixel.
func (op Op) IsReduction() bool { return op >= OpMin && op <= OpAll }

// Instr is one instruction. Slots are indexes into the machine's registers;
// an operand of N elements occupies slots A, A+SA, A+2*SA, ...: a stride of
// 0 repeats a scalar over an array (numpy broadcasting), 1 walks an array.
type Instr struct {
	Op         Op
	Dst        int32 // first destination slot
	A, B, C    int32 // first slot of each operand, or -1
	SA, SB, SC uint8 // strides of A, B and C
	N          int32 // elements written (elementwise, sort, filter) or read (reductions)
	M          int32 // for gather: the length of the array indexed
	L          int32 // slot holding A's length per pixel, or -1 for a fixed length
	DL         int32 // for filter: the slot it writes the kept count to
	Net        int32 // for median, percentile and sort: a sorting network in Program.Nets, or -1
}

// SlotKind says what a slot holds.
type SlotKind uint8

const (
	SlotValue  SlotKind = iota + 1 // a footprint element, from the engine
	SlotCenter                     // the center value, from the engine
	SlotConst                      // a constant, filled once per machine
	SlotTemp                       // computed
	SlotExtern                     // a sub-expression computed outside, from the engine
)

// Program is a compiled kernel.
type Program struct {
	Instrs   []Instr
	N        int            // footprint elements: slots 0..N-1
	Center   int32          // the slot of center (= N)
	Ext      int            // inputs computed outside the program: slots N+1 .. N+Ext
	Consts   []float64      // constant slots N+1 ...
	NumSlots int            // every slot, temporaries included
	Result   int32          // the slot holding the result
	Strip    int            // pixels per strip the machine's registers hold
	Nets     [][]network.CE // sorting and selection networks, for Instr.Net
	Source   string         // the kernel
	Kernel   *lang.Kernel   // the checked kernel; nil for Pattern.RankProgram's

}

// Kind returns what slot s holds.
func (p *Program) Kind(s int32) SlotKind {
	switch {
	case int(s) < p.N:
		return SlotValue
	case s == p.Center:
		return SlotCenter
	case int(s) <= p.N+p.Ext:
		return SlotExtern
	case int(s) <= p.N+p.Ext+len(p.Consts):
		return SlotConst
	}
	return SlotTemp
}

func (p *Program) operand(s int32, n int32, stride uint8) string {
	if s < 0 {
		return "-"
	}
	name := p.slotName(s)
	if n > 1 && stride == 1 {
		return fmt.Sprintf("%s[%d]", name, n)
	}
	return name
}

func (p *Program) slotName(s int32) string {
	switch p.Kind(s) {
	case SlotValue:
		return fmt.Sprintf("v%d", s)
	case SlotCenter:
		return "center"
	case SlotExtern:
		return fmt.Sprintf("x%d", int(s)-p.N-1)
	case SlotConst:
		k := int(s) - p.N - 1 - p.Ext
		return fmt.Sprintf("k%d(%g)", k, p.Consts[k])
	}
	return fmt.Sprintf("r%d", int(s)-p.N-1-p.Ext-len(p.Consts))
}

// String disassembles the program, one instruction a line.
func (p *Program) String() string {
	var b strings.Builder
	ext := ""
	if p.Ext > 0 {
		ext = fmt.Sprintf(", %d computed inputs (x0..x%d)", p.Ext, p.Ext-1)
	}
	fmt.Fprintf(&b, "; %d footprint values (v0..v%d)%s, %d constants, %d registers, strip %d\n",
		p.N, p.N-1, ext, len(p.Consts), p.NumSlots-p.N-1-p.Ext-len(p.Consts), p.Strip)
	for pc, in := range p.Instrs {
		var dst string
		var args []string
		switch {
		case in.Op.arity() > 0:
			dst = p.operand(in.Dst, in.N, 1)
			for i, s := range []int32{in.A, in.B, in.C}[:in.Op.arity()] {
				args = append(args, p.operand(s, in.N, []uint8{in.SA, in.SB, in.SC}[i]))
			}
		case in.Op.IsReduction():
			dst = p.slotName(in.Dst)
			args = append(args, p.operand(in.A, in.N, 1))
			if in.Op == OpPercentile {
				args = append(args, p.slotName(in.B))
			}
		case in.Op == OpSort:
			dst = p.operand(in.Dst, in.N, 1)
			args = append(args, p.operand(in.A, in.N, 1))
		case in.Op == OpFilter:
			dst = p.operand(in.Dst, in.N, 1) + ", " + p.slotName(in.DL)
			args = append(args, p.operand(in.A, in.N, 1), p.operand(in.B, in.N, in.SB))
		case in.Op == OpGather:
			dst = p.operand(in.Dst, in.N, 1)
			args = append(args, p.operand(in.A, in.M, 1), p.operand(in.B, in.N, in.SB))
		}
		if in.L >= 0 {
			args = append(args, "len "+p.slotName(in.L))
		}
		if in.Net >= 0 && int(in.Net) < len(p.Nets) {
			args = append(args, fmt.Sprintf("network of %d exchanges", len(p.Nets[in.Net])))
		}
		fmt.Fprintf(&b, "%3d  %-10s %s = %s\n", pc, in.Op, dst, strings.Join(args, ", "))
	}
	fmt.Fprintf(&b, "     result     %s\n", p.slotName(p.Result))
	return b.String()
}
