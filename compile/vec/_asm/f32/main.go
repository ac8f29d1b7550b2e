// Command f32 writes package vec's float32 AVX2 kernels
// (kernels_f32_amd64.s) and their declarations (kernels_f32_stub_amd64.go)
// with avo: min and max folds over 2 to 8 float32 lines, the float64 min
// fold by the same OR of both operand orders, and the 3x3
// median's column sorts and medians, eight lanes to a register. The column sorts and medians are the float64 kernels' (in
// _asm/main.go) instruction for instruction, so they pick the same value. Run it through go generate in compile/vec (gen_f32.go).
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	ConstraintExpr("!purego")
	for count := 2; count <= 8; count++ {
		fold("min", count)
		fold("max", count)
	}
	colsort3()
	med9()
	Generate()
}

func at(base, i Register) Mem { return Mem{Base: base, Index: i, Scale: 4} }

// fold is min or max over count float32 sources, exact as Go's min and
// max. min by the OR of both operand orders (below). max by the float64
// fold's rules (_asm/main.go): VMAXPS does not propagate NaN, so the kernel also adds the operands and stops at the
// first eight pixels whose sum is NaN (a NaN among them, or +Inf with
// -Inf), returning their index for the portable loop; and they return
// either of two equal zeros, so the sign bit is fixed: a min is negative,
// or -0, exactly when some operand's sign bit is set (OR it in), a max is
// positive, or +0, exactly when some operand's sign bit is clear (AND).
func fold(op string, count int) {
	name := fmt.Sprintf("fold%sF32x%dAVX2", map[string]string{"min": "Min", "max": "Max"}[op], count)
	TEXT(name, NOSPLIT, "func(dst []float32, srcs [][]float32, i int) int")
	Pragma("noescape")
	if op == "min" {
		Doc(fmt.Sprintf("%s sets dst to the %s over srcs (%d slices, each at least len(dst) long), eight at a time", name, op, count),
			"from i below len(dst)&^7, NaN included. It returns len(dst)&^7.")
	} else {
		Doc(fmt.Sprintf("%s sets dst to the %s over srcs (%d slices, each at least len(dst) long), eight at a time", name, op, count),
			"from i below len(dst)&^7. It returns where it stopped: len(dst)&^7, or the index of eight pixels",
			"among which is a NaN or +Inf with -Inf, for the portable loop.")
	}
	n := Load(Param("dst").Len(), GP64())
	d := Load(Param("dst").Base(), GP64())
	srcs := Load(Param("srcs").Base(), GP64())
	var p []Register
	for k := range count {
		r := GP64()
		MOVQ(Mem{Base: srcs, Disp: 24 * k}, r)
		p = append(p, r)
	}
	i := Load(Param("i"), GP64())
	VPCMPEQD(Y15, Y15, Y15)
	if op == "min" {
		VPSLLD(U8(31), Y15, Y15) // the sign bit
	} else {
		VPSRLD(U8(1), Y15, Y15) // all but the sign bit
	}
	ANDQ(I32(-8), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	ys := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7}
	for k := range count {
		VMOVUPS(at(p[k], i), ys[k])
	}
	if op == "min" {
		// min(x, y) exactly as Go's, NaN payloads apart, in three
		// instructions and no test: VMINPS returns its second operand
		// when either is NaN or both are zeros, so min(x, y) and
		// min(y, x) hold the NaN, or the two zeros, between them, and
		// their OR is a NaN (all exponent bits and some mantissa bit
		// set), -0 if either zero is, and otherwise their common value.
		for width := 1; width < count; width *= 2 {
			for k := 0; k+width < count; k += 2 * width {
				VMINPS(ys[k+width], ys[k], Y8)
				VMINPS(ys[k], ys[k+width], Y9)
				VORPS(Y9, Y8, ys[k])
			}
		}
		VMOVUPS(Y0, at(d, i))
		ADDQ(Imm(8), i)
		JMP(LabelRef("loop"))
		Label("done")
		Store(i, ReturnIndex(0))
		VZEROUPPER()
		RET()
		return
	}
	// the NaN test
	VADDPS(Y1, Y0, Y8)
	for k := 2; k < count; k++ {
		VADDPS(ys[k], Y8, Y8)
	}
	VCMPPS(U8(3), Y8, Y8, Y8) // unordered
	t := GP32()
	VMOVMSKPS(Y8, t)
	TESTL(t, t)
	JNZ(LabelRef("done"))
	// the sign bits of all the operands, then the fold as a balanced tree
	bits := VORPS
	if op == "max" {
		bits = VANDPS
	}
	bits(Y1, Y0, Y10)
	for k := 2; k < count; k++ {
		bits(ys[k], Y10, Y10)
	}
	for width := 1; width < count; width *= 2 {
		for k := 0; k+width < count; k += 2 * width {
			if op == "min" {
				VMINPS(ys[k+width], ys[k], ys[k])
			} else {
				VMAXPS(ys[k+width], ys[k], ys[k])
			}
		}
	}
	if op == "min" {
		VANDPS(Y15, Y10, Y10)
		VORPS(Y10, Y0, Y0)
	} else {
		VORPS(Y15, Y10, Y10)
		VANDPS(Y10, Y0, Y0)
	}
	VMOVUPS(Y0, at(d, i))
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("done")
	Store(i, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

func slices(names ...string) (n Register, bases []Register) {
	n = Load(Param(names[0]).Len(), GP64())
	for _, name := range names {
		bases = append(bases, Load(Param(name).Base(), GP64()))
	}
	return n, bases
}

// loop runs body for i = 0, 8, ... below n&^7, then VZEROUPPER and RET.
func loop(n Register, body func(i Register)) {
	i := GP64()
	XORQ(i, i)
	ANDQ(I32(-8), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	body(i)
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func colsort3() {
	TEXT("colsort3F32AVX2", NOSPLIT, "func(lo, md, hi, a, b, c []float32) bool")
	Pragma("noescape")
	Doc("colsort3F32AVX2 sorts each column (a[i], b[i], c[i]) into lo, md, hi for the first len(lo)&^7 elements,",
		"and reports whether a, b or c held a NaN there (then lo, md, hi are meaningless); the sign of equal zeros is arbitrary.")
	n, p := slices("lo", "md", "hi", "a", "b", "c")
	i := GP64()
	XORQ(i, i)
	VXORPS(Y6, Y6, Y6) // the NaN lanes so far
	ANDQ(I32(-8), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	VMOVUPS(at(p[3], i), Y0)
	VMOVUPS(at(p[4], i), Y1)
	VMOVUPS(at(p[5], i), Y2)
	VCMPPS(U8(3), Y1, Y0, Y7) // unordered: a NaN in a or b
	VORPS(Y7, Y6, Y6)
	VCMPPS(U8(3), Y2, Y2, Y7)
	VORPS(Y7, Y6, Y6)
	VMINPS(Y1, Y0, Y3) // t1
	VMAXPS(Y1, Y0, Y4) // t2
	VMAXPS(Y2, Y3, Y5) // t3
	VMINPS(Y2, Y3, Y3)
	VMOVUPS(Y3, at(p[0], i))
	VMINPS(Y5, Y4, Y3)
	VMOVUPS(Y3, at(p[1], i))
	VMAXPS(Y5, Y4, Y3)
	VMOVUPS(Y3, at(p[2], i))
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("done")
	t := GP32()
	VMOVMSKPS(Y6, t)
	TESTL(t, t)
	r := GP8()
	SETNE(r)
	Store(r, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

func med9() {
	TEXT("med9F32AVX2", NOSPLIT, "func(out, lo, md, hi []float32)")
	Pragma("noescape")
	Doc("med9F32AVX2 sets out[i] to the median of the 3x3 window whose sorted columns start at i in lo, md, hi", "(each at least len(out)&^7 + 2 long) for the first len(out)&^7 elements; no NaN. The + 0 makes a zero +0.")
	n, p := slices("out", "lo", "md", "hi")
	VXORPS(Y15, Y15, Y15)
	loop(n, func(i Register) {
		lo, md, hi := p[1], p[2], p[3]
		VMOVUPS(at(lo, i), Y0)
		VMAXPS(Mem{Base: lo, Index: i, Scale: 4, Disp: 4}, Y0, Y0)
		VMAXPS(Mem{Base: lo, Index: i, Scale: 4, Disp: 8}, Y0, Y0) // l
		VMOVUPS(at(hi, i), Y1)
		VMINPS(Mem{Base: hi, Index: i, Scale: 4, Disp: 4}, Y1, Y1)
		VMINPS(Mem{Base: hi, Index: i, Scale: 4, Disp: 8}, Y1, Y1) // h
		VMOVUPS(at(md, i), Y2)                                     // a
		VMOVUPS(Mem{Base: md, Index: i, Scale: 4, Disp: 4}, Y3)    // b
		VMINPS(Y3, Y2, Y4)                                         // min(a, b)
		VMAXPS(Y3, Y2, Y5)                                         // max(a, b)
		VMINPS(Mem{Base: md, Index: i, Scale: 4, Disp: 8}, Y5, Y5) // min(max(a, b), c)
		VMAXPS(Y5, Y4, Y4)                                         // m
		VMINPS(Y4, Y0, Y2)                                         // min(l, m)
		VMAXPS(Y4, Y0, Y3)                                         // max(l, m)
		VMINPS(Y1, Y3, Y3)                                         // min(max(l, m), h)
		VMAXPS(Y3, Y2, Y2)
		VADDPS(Y15, Y2, Y2)
		VMOVUPS(Y2, at(p[0], i))
	})
}
