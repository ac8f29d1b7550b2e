package main

import (
	"flag"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// u8Flag selects the uint8 rank kernels (kernels_u8_amd64.s), generated
// by their own go:generate line (gen_u8.go).
var u8Flag = flag.Bool("u8", false, "write the uint8 rank kernels instead")

// u8Kernels writes the uint8 rank kernels and reports true when -u8 is
// given; main then returns.
func u8Kernels() bool {
	flag.Parse()
	if !*u8Flag {
		return false
	}
	ConstraintExpr("!purego")
	median3x3U8()
	Generate()
	return true
}

// median3x3U8 emits the 3x3 median of uint8 lines in one pass: per 32
// pixels, the three columns at offsets 0, 1 and 2 of rows a, b and c
// sorted in registers (each column's sort recomputed by the three windows
// that share it: cheaper than a store and a reload), then
// med3(max of lows, med3 of middles, min of highs).
func median3x3U8() {
	TEXT("median3x3U8AVX2", NOSPLIT, "func(out, a, b, c []uint8)")
	Pragma("noescape")
	Doc("median3x3U8AVX2 sets out[i] to the median of a[i:i+3], b[i:i+3] and c[i:i+3] for the first len(out)&^31 elements;",
		"a, b and c are at least that + 2 long.")
	n, p := slices("out", "a", "b", "c")
	i := zero()
	ANDQ(I32(-32), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	var lo, md, hi [3]VecPhysical
	regs := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8}
	for k := 0; k < 3; k++ {
		lo[k], md[k], hi[k] = regs[3*k], regs[3*k+1], regs[3*k+2]
		disp := k
		VMOVDQU(Mem{Base: p[1], Index: i, Scale: 1, Disp: disp}, Y10) // x
		VMOVDQU(Mem{Base: p[2], Index: i, Scale: 1, Disp: disp}, Y11) // y
		VPMINUB(Y11, Y10, Y12)                                        // t1 = min(x, y)
		VPMAXUB(Y11, Y10, Y13)                                        // t2 = max(x, y)
		VMOVDQU(Mem{Base: p[3], Index: i, Scale: 1, Disp: disp}, Y10) // z
		VPMAXUB(Y10, Y12, Y14)                                        // t3 = max(t1, z)
		VPMINUB(Y10, Y12, lo[k])                                      // lo = min(t1, z)
		VPMINUB(Y14, Y13, md[k])                                      // md = min(t2, t3)
		VPMAXUB(Y14, Y13, hi[k])                                      // hi = max(t2, t3)
	}
	VPMAXUB(lo[1], lo[0], Y10)
	VPMAXUB(lo[2], Y10, Y10) // l
	VPMINUB(hi[1], hi[0], Y11)
	VPMINUB(hi[2], Y11, Y11) // h
	VPMINUB(md[1], md[0], Y12)
	VPMAXUB(md[1], md[0], Y13)
	VPMINUB(md[2], Y13, Y13)
	VPMAXUB(Y13, Y12, Y12) // m = med3 of the middles
	VPMINUB(Y12, Y10, Y13) // min(l, m)
	VPMAXUB(Y12, Y10, Y14) // max(l, m)
	VPMINUB(Y11, Y14, Y14) // min(max(l, m), h)
	VPMAXUB(Y14, Y13, Y13)
	VMOVDQU(Y13, Mem{Base: p[0], Index: i, Scale: 1})
	ADDQ(Imm(32), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
