// Command ew writes package vec's elementwise kernels for the lane
// program (kernels_ew_amd64.s) and their Go declarations
// (kernels_ew_stub_amd64.go) with avo: abs, neg, sums of |x - mu|, and exp as
// Go's math.Exp computes it on amd64. Run it through go generate in
// compile/vec.
//
// Exp is a vector port of math.archExp (math/exp_amd64.s, Shibata's
// method): the same operations in the same order, so the same bits. That
// code takes its FMA branch when the CPU has AVX and FMA, and so do these
// kernels: expFMAAVX2 is its FMA branch, expAVX2 its other one; package vec
// picks the one math.Exp takes. The kernels do only the lanes whose
// argument is within ±700 (no overflow, no subnormal, no NaN, no Inf);
// they stop at the first four that are not, for the scalar exp.
package main

import (
	"flag"
	"math"

	"github.com/kfilter/kfilter/compile/vec/_asm/internal/lanes"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	flag.Parse()
	ConstraintExpr("!purego")
	signMasks()
	unary("absAVX2", "d = |a|", func(a VecPhysical) { VANDPD(Y15, a, a) }, true)
	unary("negAVX2", "d = -a", func(a VecPhysical) { VXORPD(Y15, a, a) }, false)
	addAbsDev()
	sumAbsDevBlocks()
	exp(false)
	exp(true)
	Generate()
}

var absMask, signMask Mem

func signMasks() {
	absMask = GLOBL("ewabs", RODATA|NOPTR)
	for l := range 4 {
		DATA(8*l, U64(math.MaxInt64))
	}
	signMask = GLOBL("ewsign", RODATA|NOPTR)
	for l := range 4 {
		DATA(8*l, U64(1<<63))
	}
}

func unary(name, doc string, f func(a VecPhysical), abs bool) {
	TEXT(name, NOSPLIT, "func(d, a []float64)")
	Pragma("noescape")
	Doc(name+" sets "+doc+" for the first len(d)&^3 elements; len(a) >= len(d).",
		"It changes the sign bit only, as Go's math.Abs and negation do.")
	if abs {
		VMOVUPD(absMask, Y15)
	} else {
		VMOVUPD(signMask, Y15)
	}
	lanes.Loop4([]string{"d", "a"}, func(p []Register, i Register) {
		VMOVUPD(lanes.At(p[1], i), Y0)
		f(Y0)
		VMOVUPD(Y0, lanes.At(p[0], i))
	})
}

func exp(fma bool) {
	name := "expAVX2"
	if fma {
		name = "expFMAAVX2"
	}
	TEXT(name, NOSPLIT, "func(d, a []float64, i int) int")
	Pragma("noescape")
	branch := "other"
	if fma {
		branch = "FMA"
	}
	Doc(name+" sets d = math.Exp(a), math/exp_amd64.s's "+branch+" branch four lanes at a time,",
		"from i below len(d)&^3; len(a) >= len(d). It returns where it stopped: len(d)&^3, or the",
		"index of four elements one of which is not within ±700 (or is NaN), for the scalar exp.")
	consts := []float64{lanes.Log2e, lanes.Ln2U, lanes.Ln2L, 0.0625, 2.0, 700, 1.0}
	consts = append(consts, lanes.ExpTaylor...)
	c := GLOBL("ewexp"+map[bool]string{false: "", true: "fma"}[fma], RODATA|NOPTR)
	for j, v := range consts {
		for l := range 4 {
			DATA(32*j+8*l, U64(math.Float64bits(v)))
		}
	}
	k := func(j int) Mem { return c.Offset(32 * j) }
	cLog2e, cLn2U, cLn2L, cSixteenth, cTwo, cLim, cOne := k(0), k(1), k(2), k(3), k(4), k(5), k(6)
	taylor := func(j int) Mem { return k(7 + j) }

	n := Load(Param("d").Len(), GP64())
	d := Load(Param("d").Base(), GP64())
	a := Load(Param("a").Base(), GP64())
	i := Load(Param("i"), GP64())
	VMOVUPD(absMask, Y15)
	VMOVUPD(cLim, Y14)
	VMOVUPD(cTwo, Y13)
	bias := GP64()
	MOVQ(U32(0x3FF), bias)
	MOVQ(bias, X12)
	VPBROADCASTQ(X12, Y12)
	ANDQ(I32(-4), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	x, x1, x2, m := Y0, Y1, Y2, Y3
	VMOVUPD(lanes.At(a, i), x)
	VANDPD(Y15, x, m)
	VCMPPD(U8(2), Y14, m, m) // |x| <= 700, false for NaN
	t := GP32()
	VMOVMSKPD(m, t)
	CMPL(t, U8(15))
	JNE(LabelRef("done"))
	// the exponent, rounded to nearest as CVTSD2SL does
	VMULPD(cLog2e, x, x1)
	VCVTPD2DQY(x1, X4)
	VCVTDQ2PD(X4, x1)
	if fma {
		VMOVUPD(cLn2U, x2)
		VFNMADD231PD(x2, x1, x)
		VMOVUPD(cLn2L, x2)
		VFNMADD231PD(x2, x1, x)
	} else {
		VMULPD(cLn2U, x1, x2)
		VSUBPD(x2, x, x)
		VMULPD(cLn2L, x1, x2)
		VSUBPD(x2, x, x)
	}
	VMULPD(cSixteenth, x, x)
	VMOVUPD(taylor(0), x1)
	for j := 1; j < len(lanes.ExpTaylor); j++ {
		if fma {
			VFMADD213PD(taylor(j), x, x1)
		} else {
			VMULPD(x, x1, x1)
			VADDPD(taylor(j), x1, x1)
		}
	}
	VMULPD(x1, x, x)
	if fma {
		for range 3 {
			VADDPD(Y13, x, x1)
			VMULPD(x1, x, x)
		}
		VADDPD(Y13, x, x1)
		VFMADD213PD(cOne, x1, x)
	} else {
		for range 4 {
			VADDPD(Y13, x, x1)
			VMULPD(x1, x, x)
		}
		VADDPD(cOne, x, x)
	}
	// times 2**exponent: (exponent + 0x3FF) << 52, within (0, 0x7FF) here
	VPMOVSXDQ(X4, Y5)
	VPADDQ(Y12, Y5, Y5)
	VPSLLQ(U8(52), Y5, Y5)
	VMULPD(Y5, x, x)
	VMOVUPD(x, lanes.At(d, i))
	ADDQ(Imm(4), i)
	JMP(LabelRef("loop"))
	Label("done")
	Store(i, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

func addAbsDev() {
	TEXT("addAbsDevAVX2", NOSPLIT, "func(d, a, mu []float64)")
	Pragma("noescape")
	Doc("addAbsDevAVX2 sets d += |a - mu| for the first len(d)&^3 elements; a and mu are at least as long.")
	VMOVUPD(absMask, Y15)
	lanes.Loop4([]string{"d", "a", "mu"}, func(p []Register, i Register) {
		VMOVUPD(lanes.At(p[1], i), Y0)
		VSUBPD(lanes.At(p[2], i), Y0, Y0)
		VANDPD(Y15, Y0, Y0)
		VADDPD(lanes.At(p[0], i), Y0, Y0)
		VMOVUPD(Y0, lanes.At(p[0], i))
	})
}

// sumAbsDevBlocks is numpy's pairwise sum of 8 to 128 terms |x - mu|, as
// package vec's sumSqBlocksAVX2 sums (x - mu)²: accumulators Y0..Y7,
// accumulator j taking terms j, j+8, ... in order, combined as
// ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the rest one by one.
func sumAbsDevBlocks() {
	TEXT("sumAbsDevBlocksAVX2", NOSPLIT, "func(d []float64, src [][]float64, mu []float64)")
	Pragma("noescape")
	Doc("sumAbsDevBlocksAVX2 sets d to numpy's pairwise sum over src (8 to 128 slices, each at least len(d) long)",
		"of |x - mu|, for the first len(d)&^3 elements.")
	VMOVUPD(absMask, Y15)
	n := Load(Param("d").Len(), GP64())
	d := Load(Param("d").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	cnt := Load(Param("src").Len(), GP64())
	mu := Load(Param("mu").Base(), GP64())
	blocks := GP64()
	MOVQ(cnt, blocks)
	ANDQ(I32(-8), blocks)
	i := GP64()
	XORQ(i, i)
	k, s, t := GP64(), GP64(), GP64()
	acc := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7}
	term := func(off int, x VecPhysical) {
		MOVQ(Mem{Base: s, Disp: off}, t)
		VMOVUPD(lanes.At(t, i), x)
		VSUBPD(Y8, x, x)
		VANDPD(Y15, x, x)
	}
	ANDQ(I32(-4), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	VMOVUPD(lanes.At(mu, i), Y8)
	MOVQ(src, s)
	for j, r := range acc {
		term(24*j, r)
	}
	MOVQ(U32(8), k)
	ADDQ(U32(8*24), s)
	Label("blocks")
	CMPQ(k, blocks)
	JAE(LabelRef("combine"))
	for j, r := range acc {
		term(24*j, Y9)
		VADDPD(Y9, r, r)
	}
	ADDQ(Imm(8), k)
	ADDQ(U32(8*24), s)
	JMP(LabelRef("blocks"))
	Label("combine")
	VADDPD(Y1, Y0, Y0)
	VADDPD(Y3, Y2, Y2)
	VADDPD(Y2, Y0, Y0)
	VADDPD(Y5, Y4, Y4)
	VADDPD(Y7, Y6, Y6)
	VADDPD(Y6, Y4, Y4)
	VADDPD(Y4, Y0, Y0)
	Label("rest")
	CMPQ(k, cnt)
	JAE(LabelRef("store"))
	term(0, Y9)
	VADDPD(Y9, Y0, Y0)
	INCQ(k)
	ADDQ(Imm(24), s)
	JMP(LabelRef("rest"))
	Label("store")
	VMOVUPD(Y0, lanes.At(d, i))
	ADDQ(Imm(4), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
