// Command erode writes package vec's uint8 3x3 min and max kernels
// (kernels_erode_amd64.s) and their declarations
// (kernels_erode_stub_amd64.go) with avo: grayscale erosion and dilation
// by a 3x3 box in one pass, 32 pixels a step, the separable min or max in
// registers (the vertical min of the three rows at the three offsets,
// then the min of those three). Run it through go generate in compile/vec
// (gen_erode.go).
package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	ConstraintExpr("!purego")
	box3x3U8("min3x3U8AVX2", "min", func(y Op, x, a VecPhysical) { VPMINUB(y, x, a) })
	box3x3U8("max3x3U8AVX2", "max", func(y Op, x, a VecPhysical) { VPMAXUB(y, x, a) })
	Generate()
}

func box3x3U8(name, op string, f func(y Op, x, a VecPhysical)) {
	TEXT(name, NOSPLIT, "func(out, a, b, c []uint8)")
	Pragma("noescape")
	Doc(name+" sets out[i] to the "+op+" of a[i:i+3], b[i:i+3] and c[i:i+3] for the first len(out)&^31 elements;",
		"a, b and c are at least that + 2 long.")
	n := Load(Param("out").Len(), GP64())
	var p []Register
	for _, s := range []string{"out", "a", "b", "c"} {
		p = append(p, Load(Param(s).Base(), GP64()))
	}
	i := GP64()
	XORQ(i, i)
	ANDQ(I32(-32), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	col := []VecPhysical{Y0, Y1, Y2}
	for k := 0; k < 3; k++ {
		VMOVDQU(Mem{Base: p[1], Index: i, Scale: 1, Disp: k}, col[k])
		f(Mem{Base: p[2], Index: i, Scale: 1, Disp: k}, col[k], col[k])
		f(Mem{Base: p[3], Index: i, Scale: 1, Disp: k}, col[k], col[k])
	}
	f(Y1, Y0, Y0)
	f(Y2, Y0, Y0)
	VMOVDQU(Y0, Mem{Base: p[0], Index: i, Scale: 1})
	ADDQ(Imm(32), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
