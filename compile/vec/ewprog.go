package vec

import "math"

// EWCode is an operation of an EWProgram.
type EWCode int32

// The operations of an EWProgram, per pixel; the codes are the kernel's
// (_asm/general).
const (
	EWAdd EWCode = iota // a + b
	EWSub               // a - b
	EWMul               // a * b
	EWDiv               // a / b
	EWMin               // numpy's minimum: a if a < b or a is NaN, else b
	EWMax               // numpy's maximum: a if a > b or a is NaN, else b
	EWNeg               // -a: the sign bit flipped
	EWAbs               // |a|: the sign bit cleared
)

// EWProgram is a sequence of per-pixel operations over numbered slots
// (vectors of pixels), four int32 an operation: its code, then the byte
// offsets of the slice headers of its destination and operands in the
// slots (24 times their numbers). RunEW runs it.
type EWProgram []int32

// Op appends d = code(a, b) (b unused by EWNeg and EWAbs).
func (p EWProgram) Op(code EWCode, d, a, b int) EWProgram {
	if code < EWAdd || code > EWAbs {
		panic("vec: unknown EWCode")
	}
	return append(p, int32(code), int32(24*d), int32(24*a), int32(24*b))
}

// Len is the number of operations.
func (p EWProgram) Len() int { return len(p) / 4 }

// RunEW runs prog over pixels 0 .. n-1 of slots: for each pixel every
// operation in order (every operation is per pixel, so this gives what
// running each over all the pixels in turn gives). With AVX512 it takes
// eight pixels at a time in ZMM registers, the operands loaded from the
// slots, so that temporaries stay in L1; the portable loop does the
// rest, and all of it without. Every slot prog names must be at least n
// long; the results are the same bit for bit (NaN payloads apart).
func RunEW(slots [][]float64, prog EWProgram, n int) {
	for j := 0; j+3 < len(prog); j += 4 {
		_ = slots[prog[j+1]/24][:n]
		_ = slots[prog[j+2]/24][:n]
		_ = slots[prog[j+3]/24][:n]
	}
	done := ewRunWide(slots, prog[:len(prog)&^3], n)
	ewRunGeneric(slots, prog, done, n)
}

// ewRunGeneric runs prog over pixels from .. n-1.
func ewRunGeneric(slots [][]float64, prog EWProgram, from, n int) {
	for i := from; i < n; i++ {
		for j := 0; j+3 < len(prog); j += 4 {
			a := slots[prog[j+2]/24][i]
			var r float64
			switch EWCode(prog[j]) {
			case EWAdd:
				r = a + slots[prog[j+3]/24][i]
			case EWSub:
				r = a - slots[prog[j+3]/24][i]
			case EWMul:
				r = a * slots[prog[j+3]/24][i]
			case EWDiv:
				r = a / slots[prog[j+3]/24][i]
			case EWMin:
				r = slots[prog[j+3]/24][i]
				if a < r || a != a {
					r = a
				}
			case EWMax:
				r = slots[prog[j+3]/24][i]
				if a > r || a != a {
					r = a
				}
			case EWNeg:
				r = -a
			case EWAbs:
				r = math.Abs(a)
			}
			slots[prog[j+1]/24][i] = r
		}
	}
}
