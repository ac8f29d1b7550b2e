// Command f32 writes package vec's float32 AVX2 kernels
// (kernels_f32_amd64.s) and their declarations (kernels_f32_stub_amd64.go)
// with avo: min and max folds over 2 to 8 float32 lines, eight lanes to a
// register. Run it through go generate in compile/vec (gen_f32.go).
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
	Generate()
}

func at(base, i Register) Mem { return Mem{Base: base, Index: i, Scale: 4} }

// fold is min or max over count float32 sources, exact as Go's min and
// max, by the float64 fold's rules (_asm/main.go): VMINPS and VMAXPS do
// not propagate NaN, so the kernel also adds the operands and stops at the
// first eight pixels whose sum is NaN (a NaN among them, or +Inf with
// -Inf), returning their index for the portable loop; and they return
// either of two equal zeros, so the sign bit is fixed: a min is negative,
// or -0, exactly when some operand's sign bit is set (OR it in), a max is
// positive, or +0, exactly when some operand's sign bit is clear (AND).
func fold(op string, count int) {
	name := fmt.Sprintf("fold%sF32x%dAVX2", map[string]string{"min": "Min", "max": "Max"}[op], count)
	TEXT(name, NOSPLIT, "func(dst []float32, srcs [][]float32, i int) int")
	Pragma("noescape")
	Doc(fmt.Sprintf("%s sets dst to the %s over srcs (%d slices, each at least len(dst) long), eight at a time", name, op, count),
		"from i below len(dst)&^7. It returns where it stopped: len(dst)&^7, or the index of eight pixels",
		"among which is a NaN or +Inf with -Inf, for the portable loop.")
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
