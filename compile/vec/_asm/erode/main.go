// Command erode writes package vec's uint8 3x3 min and max kernels
// (kernels_erode_amd64.s) and their declarations
// (kernels_erode_stub_amd64.go) with avo: grayscale erosion and dilation
// by a 3x3 box in one pass, 32 pixels a step, the separable min or max in
// registers: the vertical min of the three rows loaded once per 32 pixels,
// its two shifted copies made from it and the next 32's (VPERM2I128,
// VPALIGNR), the last blocks with nine loads each. Run it through go generate in compile/vec
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
	median3x3U8()
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
	m := GP64() // the last block whose next 32 pixels can be loaded: len(out)+2-64
	MOVQ(n, m)
	SUBQ(Imm(62), m)
	ANDQ(I32(-32), n)
	vmin := func(off int, dst VecPhysical) {
		VMOVDQU(Mem{Base: p[1], Index: i, Scale: 1, Disp: off}, dst)
		f(Mem{Base: p[2], Index: i, Scale: 1, Disp: off}, dst, dst)
		f(Mem{Base: p[3], Index: i, Scale: 1, Disp: off}, dst, dst)
	}
	// the carried loop: the vertical min of each 32 pixels loaded once,
	// the windows' two other columns shifted in from the next block's
	CMPQ(n, Imm(0))
	JE(LabelRef("done"))
	vmin(0, Y0)
	Label("carry")
	CMPQ(i, m)
	JG(LabelRef("loop"))
	CMPQ(i, n)
	JAE(LabelRef("done"))
	vmin(32, Y1)
	VPERM2I128(Imm(0x21), Y1, Y0, Y2) // hi(Y0), lo(Y1)
	VPALIGNR(Imm(1), Y0, Y2, Y3)
	VPALIGNR(Imm(2), Y0, Y2, Y4)
	f(Y3, Y0, Y0)
	f(Y4, Y0, Y0)
	VMOVDQU(Y0, Mem{Base: p[0], Index: i, Scale: 1})
	VMOVDQU(Y1, Y0)
	ADDQ(Imm(32), i)
	JMP(LabelRef("carry"))
	// the last blocks: nine loads each
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	col := []VecPhysical{Y0, Y1, Y2}
	for k := 0; k < 3; k++ {
		vmin(k, col[k])
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

// median3x3U8 emits the 3x3 median of uint8 lines with each column sorted
// once: per 32 pixels, the three rows' columns sorted in registers (lo,
// md, hi), their copies shifted by one and two pixels made from these and
// the next 32's (VPERM2I128, VPALIGNR), then med3(max of lows, med3 of
// middles, min of highs). It stops where the next 32's columns cannot be
// loaded and returns how far it got.
func median3x3U8() {
	TEXT("median3x3U8CarryAVX2", NOSPLIT, "func(out, a, b, c []uint8) int")
	Pragma("noescape")
	Doc("median3x3U8CarryAVX2 sets out[i] to the median of a[i:i+3], b[i:i+3] and c[i:i+3] from 0, 32 at a time, below",
		"len(out)&^31 while the 32 past them can be read (a, b and c are len(out)+2 long); it returns where it stopped.")
	n := Load(Param("out").Len(), GP64())
	var p []Register
	for _, s := range []string{"out", "a", "b", "c"} {
		p = append(p, Load(Param(s).Base(), GP64()))
	}
	i := GP64()
	XORQ(i, i)
	m := GP64()
	MOVQ(n, m)
	SUBQ(Imm(62), m)
	ANDQ(I32(-32), n)
	sort3 := func(off int, lo, md, hi VecPhysical) {
		VMOVDQU(Mem{Base: p[1], Index: i, Scale: 1, Disp: off}, Y10) // x
		VMOVDQU(Mem{Base: p[2], Index: i, Scale: 1, Disp: off}, Y11) // y
		VPMINUB(Y11, Y10, Y12)                                       // t1 = min(x, y)
		VPMAXUB(Y11, Y10, Y13)                                       // t2 = max(x, y)
		VMOVDQU(Mem{Base: p[3], Index: i, Scale: 1, Disp: off}, Y10) // z
		VPMAXUB(Y10, Y12, Y14)                                       // t3 = max(t1, z)
		VPMINUB(Y10, Y12, lo)                                        // lo = min(t1, z)
		VPMINUB(Y14, Y13, md)                                        // md = min(t2, t3)
		VPMAXUB(Y14, Y13, hi)                                        // hi = max(t2, t3)
	}
	// shifts sets s1 and s2 to cur shifted by one and two bytes, the bytes
	// shifted in from next
	shifts := func(cur, next, s1, s2 VecPhysical) {
		VPERM2I128(Imm(0x21), next, cur, s2) // hi(cur), lo(next)
		VPALIGNR(Imm(1), cur, s2, s1)
		VPALIGNR(Imm(2), cur, s2, s2)
	}
	CMPQ(n, Imm(0))
	JE(LabelRef("done"))
	sort3(0, Y0, Y1, Y2)
	Label("loop")
	CMPQ(i, m)
	JG(LabelRef("done"))
	CMPQ(i, n)
	JAE(LabelRef("done"))
	sort3(32, Y3, Y4, Y5)
	shifts(Y0, Y3, Y7, Y6)
	VPMAXUB(Y7, Y0, Y8)
	VPMAXUB(Y6, Y8, Y8) // l
	shifts(Y2, Y5, Y7, Y6)
	VPMINUB(Y7, Y2, Y9)
	VPMINUB(Y6, Y9, Y9) // h
	shifts(Y1, Y4, Y7, Y6)
	VPMINUB(Y7, Y1, Y10)
	VPMAXUB(Y7, Y1, Y11)
	VPMINUB(Y6, Y11, Y11)
	VPMAXUB(Y11, Y10, Y10) // m = med3 of the middles
	VPMINUB(Y10, Y8, Y11)  // min(l, m)
	VPMAXUB(Y10, Y8, Y12)  // max(l, m)
	VPMINUB(Y9, Y12, Y12)  // min(max(l, m), h)
	VPMAXUB(Y12, Y11, Y11)
	VMOVDQU(Y11, Mem{Base: p[0], Index: i, Scale: 1})
	VMOVDQU(Y3, Y0)
	VMOVDQU(Y4, Y1)
	VMOVDQU(Y5, Y2)
	ADDQ(Imm(32), i)
	JMP(LabelRef("loop"))
	Label("done")
	Store(i, ReturnIndex(0))
	VZEROUPPER()
	RET()
}
