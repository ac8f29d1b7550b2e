package compile

import (
	"math"

	"github.com/kfilter/kfilter/lang"
)

// elementwise runs an elementwise instruction over a strip of n pixels.
func (m *Machine) elementwise(in *Instr, n int) {
	s := m.slots
	sa, sb, sc := int32(in.SA), int32(in.SB), int32(in.SC)
	switch in.Op {
	case OpCopy:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = a[i]
			}
		}
	case OpNeg:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = -a[i]
			}
		}
	case OpNot:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] == 0)
			}
		}
	case OpAbs:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Abs(a[i])
			}
		}
	case OpSqrt:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Sqrt(a[i])
			}
		}
	case OpExp:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = exp(a[i])
			}
		}
	case OpLog:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Log(a[i])
			}
		}
	case OpLog2:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Log2(a[i])
			}
		}
	case OpLog10:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Log10(a[i])
			}
		}
	case OpSin:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Sin(a[i])
			}
		}
	case OpCos:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Cos(a[i])
			}
		}
	case OpTan:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Tan(a[i])
			}
		}
	case OpFloor:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Floor(a[i])
			}
		}
	case OpCeil:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.Ceil(a[i])
			}
		}
	case OpRound:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = math.RoundToEven(a[i])
			}
		}
	case OpSign:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = sign(a[i])
			}
		}
	case OpIsNaN:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] != a[i])
			}
		}
	case OpAdd:
		for k := int32(0); k < in.N; k++ {
			arith(s[in.Dst+k][:n], s[in.A+k*sa], s[in.B+k*sb], vAdd)
		}
	case OpSub:
		for k := int32(0); k < in.N; k++ {
			arith(s[in.Dst+k][:n], s[in.A+k*sa], s[in.B+k*sb], vSub)
		}
	case OpMul:
		for k := int32(0); k < in.N; k++ {
			arith(s[in.Dst+k][:n], s[in.A+k*sa], s[in.B+k*sb], vMul)
		}
	case OpDiv:
		for k := int32(0); k < in.N; k++ {
			arith(s[in.Dst+k][:n], s[in.A+k*sa], s[in.B+k*sb], vDiv)
		}
	case OpMod:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = lang.Mod(a[i], b[i])
			}
		}
	case OpFloorDiv:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = lang.FloorDiv(a[i], b[i])
			}
		}
	case OpPow:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = math.Pow(a[i], b[i])
			}
		}
	case OpLt:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] < b[i])
			}
		}
	case OpLe:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] <= b[i])
			}
		}
	case OpGt:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] > b[i])
			}
		}
	case OpGe:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] >= b[i])
			}
		}
	case OpEq:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] == b[i])
			}
		}
	case OpNe:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] != b[i])
			}
		}
	case OpAnd:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] != 0 && b[i] != 0)
			}
		}
	case OpOr:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = b2f(a[i] != 0 || b[i] != 0)
			}
		}
	case OpMin2:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = minimum(a[i], b[i])
			}
		}
	case OpMax2:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			for i := range d {
				d[i] = maximum(a[i], b[i])
			}
		}
	case OpSelect:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			c := s[in.C+k*sc][:len(d)]
			for i := range d {
				d[i] = choose(a[i] != 0, b[i], c[i])
			}
		}
	case OpClip:
		for k := int32(0); k < in.N; k++ {
			d := s[in.Dst+k][:n]
			a := s[in.A+k*sa][:len(d)]
			b := s[in.B+k*sb][:len(d)]
			c := s[in.C+k*sc][:len(d)]
			for i := range d {
				d[i] = clip(a[i], b[i], c[i])
			}
		}
	}
}
