// Command pred writes package vec's comparison, logic and selection
// kernels for the lane program (kernels_pred_amd64.s) and their Go
// declarations (kernels_pred_stub_amd64.go) with avo. Run it through go
// generate in compile/vec.
//
// A truth value is the float64 1 or 0, as the lane program keeps it: a
// VCMPPD mask ANDed with 1.0. The predicates are Go's (and numpy's) on
// NaN: every ordered comparison is false, != is true; a NaN operand of
// and/or/not counts as true, being non-zero.
package main

import (
	"flag"
	"math"

	"github.com/kfilter/kfilter/compile/vec/_asm/internal/lanes"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// VCMPPD's predicates.
const (
	cmpEQ    = 0x00 // EQ_OQ: ordered, equal
	cmpLT    = 0x01 // LT_OS
	cmpLE    = 0x02 // LE_OS
	cmpUnord = 0x03 // UNORD_Q: either is NaN
	cmpNE    = 0x04 // NEQ_UQ: unordered or not equal, Go's !=
	cmpGE    = 0x0D // GE_OS
	cmpGT    = 0x0E // GT_OS
)

func main() {
	flag.Parse()
	ConstraintExpr("!purego")
	one = GLOBL("predone", RODATA|NOPTR)
	for l := range 4 {
		DATA(8*l, U64(math.Float64bits(1)))
	}
	eight = GLOBL("predeight", RODATA|NOPTR)
	for l := range 4 {
		DATA(8*l, U64(math.Float64bits(8)))
	}
	eighth = GLOBL("predeighth", RODATA|NOPTR)
	for l := range 4 {
		DATA(8*l, U64(math.Float64bits(0.125)))
	}
	for _, c := range []struct {
		name, doc string
		pred      uint8
	}{
		{"ltAVX2", "a < b", cmpLT},
		{"leAVX2", "a <= b", cmpLE},
		{"gtAVX2", "a > b", cmpGT},
		{"geAVX2", "a >= b", cmpGE},
		{"eqAVX2", "a == b", cmpEQ},
		{"neAVX2", "a != b", cmpNE},
	} {
		binary(c.name, "d = 1 where "+c.doc+", else 0", func(a, b, zero VecPhysical) {
			VCMPPD(U8(c.pred), b, a, a)
		})
	}
	binary("andAVX2", "d = 1 where a != 0 and b != 0, else 0", func(a, b, zero VecPhysical) {
		VCMPPD(U8(cmpNE), zero, a, a)
		VCMPPD(U8(cmpNE), zero, b, b)
		VANDPD(b, a, a)
	})
	binary("orAVX2", "d = 1 where a != 0 or b != 0, else 0", func(a, b, zero VecPhysical) {
		VCMPPD(U8(cmpNE), zero, a, a)
		VCMPPD(U8(cmpNE), zero, b, b)
		VORPD(b, a, a)
	})
	unaryPred("notAVX2", "d = 1 where a == 0, else 0", func(a, zero VecPhysical) {
		VCMPPD(U8(cmpEQ), zero, a, a)
	})
	unaryPred("isNaNAVX2", "d = 1 where a is NaN, else 0", func(a, zero VecPhysical) {
		VCMPPD(U8(cmpUnord), a, a, a)
	})
	for _, r := range []struct {
		name, doc string
		op        func(a VecPhysical)
	}{
		// VROUNDPD's modes 0-2 with 8 (no precision exception) are
		// ROUNDSD's, which math.Floor, Ceil and RoundToEven run on amd64
		{"floorAVX2", "math.Floor(a)", func(a VecPhysical) { VROUNDPD(U8(0x9), a, a) }},
		{"ceilAVX2", "math.Ceil(a)", func(a VecPhysical) { VROUNDPD(U8(0xA), a, a) }},
		{"roundAVX2", "math.RoundToEven(a)", func(a VecPhysical) { VROUNDPD(U8(0x8), a, a) }},
	} {
		TEXT(r.name, NOSPLIT, "func(d, a []float64)")
		Pragma("noescape")
		Doc(r.name + " sets d = " + r.doc + ", for the first len(d)&^3 elements; a is at least as long.")
		lanes.Loop4([]string{"d", "a"}, func(p []Register, i Register) {
			VMOVUPD(lanes.At(p[1], i), Y0)
			r.op(Y0)
			VMOVUPD(Y0, lanes.At(p[0], i))
		})
	}
	countAdd()
	selectKernel()
	minMax("minimumAVX2", "np.minimum(a, b): a < b ? a : b, and a where a is NaN", true)
	minMax("maximumAVX2", "np.maximum(a, b): a > b ? a : b, and a where a is NaN", false)
	clipKernel()
	sumLens()
	Generate()
}

// one is four float64 1s: a comparison mask ANDed with it is a truth value.
var one Mem

// eight and eighth are four 8s and four 1/8s (sumLens's block arithmetic).
var eight, eighth Mem

func binary(name, doc string, mask func(a, b, zero VecPhysical)) {
	TEXT(name, NOSPLIT, "func(d, a, b []float64)")
	Pragma("noescape")
	Doc(name + " sets " + doc + ", for the first len(d)&^3 elements; a and b are at least as long.")
	VXORPD(Y14, Y14, Y14)
	VMOVUPD(one, Y15)
	lanes.Loop4([]string{"d", "a", "b"}, func(p []Register, i Register) {
		VMOVUPD(lanes.At(p[1], i), Y0)
		VMOVUPD(lanes.At(p[2], i), Y1)
		mask(Y0, Y1, Y14)
		VANDPD(Y15, Y0, Y0)
		VMOVUPD(Y0, lanes.At(p[0], i))
	})
}

func unaryPred(name, doc string, mask func(a, zero VecPhysical)) {
	TEXT(name, NOSPLIT, "func(d, a []float64)")
	Pragma("noescape")
	Doc(name + " sets " + doc + ", for the first len(d)&^3 elements; a is at least as long.")
	VXORPD(Y14, Y14, Y14)
	VMOVUPD(one, Y15)
	lanes.Loop4([]string{"d", "a"}, func(p []Register, i Register) {
		VMOVUPD(lanes.At(p[1], i), Y0)
		mask(Y0, Y14)
		VANDPD(Y15, Y0, Y0)
		VMOVUPD(Y0, lanes.At(p[0], i))
	})
}

// countAdd adds a != 0 to a count: exact, the counts being small integers.
func countAdd() {
	TEXT("countAddAVX2", NOSPLIT, "func(d, a []float64)")
	Pragma("noescape")
	Doc("countAddAVX2 adds 1 to d where a != 0, for the first len(d)&^3 elements; a is at least as long.")
	VXORPD(Y14, Y14, Y14)
	VMOVUPD(one, Y15)
	lanes.Loop4([]string{"d", "a"}, func(p []Register, i Register) {
		VMOVUPD(lanes.At(p[1], i), Y0)
		VCMPPD(U8(cmpNE), Y14, Y0, Y0)
		VANDPD(Y15, Y0, Y0)
		VADDPD(lanes.At(p[0], i), Y0, Y0)
		VMOVUPD(Y0, lanes.At(p[0], i))
	})
}

func selectKernel() {
	TEXT("selectAVX2", NOSPLIT, "func(d, a, b, c []float64)")
	Pragma("noescape")
	Doc("selectAVX2 sets d = b where a != 0, else c, for the first len(d)&^3 elements; a, b and c are at",
		"least as long. The bits are b's or c's, as a branch would give them.")
	VXORPD(Y14, Y14, Y14)
	lanes.Loop4([]string{"d", "a", "b", "c"}, func(p []Register, i Register) {
		VMOVUPD(lanes.At(p[1], i), Y0)
		VCMPPD(U8(cmpNE), Y14, Y0, Y0)
		VMOVUPD(lanes.At(p[3], i), Y2)
		VBLENDVPD(Y0, lanes.At(p[2], i), Y2, Y2) // b where the mask is set, c elsewhere
		VMOVUPD(Y2, lanes.At(p[0], i))
	})
}

// minMax: VMINPD's dst = src1 < src2 ? src1 : src2 is a < b ? a : b to
// the bit (for two zeros and for a NaN b it gives b, as the scalar code
// does); a NaN a is put back by a blend.
func minMax(name, doc string, isMin bool) {
	TEXT(name, NOSPLIT, "func(d, a, b []float64)")
	Pragma("noescape")
	Doc(name + " sets d = " + doc + ", for the first len(d)&^3 elements; a and b are at least as long.")
	lanes.Loop4([]string{"d", "a", "b"}, func(p []Register, i Register) {
		VMOVUPD(lanes.At(p[1], i), Y0)
		if isMin {
			VMINPD(lanes.At(p[2], i), Y0, Y1)
		} else {
			VMAXPD(lanes.At(p[2], i), Y0, Y1)
		}
		VCMPPD(U8(cmpUnord), Y0, Y0, Y2)
		VBLENDVPD(Y2, Y0, Y1, Y1)
		VMOVUPD(Y1, lanes.At(p[0], i))
	})
}

// clipKernel is np.clip's scalar steps in order: x < lo gives lo, then a
// result > hi gives hi; NaN x fails both and stays, NaN bounds are ignored.
func clipKernel() {
	TEXT("clipAVX2", NOSPLIT, "func(d, a, lo, hi []float64)")
	Pragma("noescape")
	Doc("clipAVX2 sets d = np.clip(a, lo, hi), for the first len(d)&^3 elements; a, lo and hi are at least",
		"as long.")
	lanes.Loop4([]string{"d", "a", "lo", "hi"}, func(p []Register, i Register) {
		VMOVUPD(lanes.At(p[1], i), Y0)
		VMOVUPD(lanes.At(p[2], i), Y1)
		VMOVUPD(lanes.At(p[3], i), Y2)
		VCMPPD(U8(cmpLT), Y1, Y0, Y3) // a < lo
		VBLENDVPD(Y3, Y1, Y0, Y0)
		VCMPPD(U8(cmpGT), Y2, Y0, Y3) // x > hi
		VBLENDVPD(Y3, Y2, Y0, Y0)
		VMOVUPD(Y0, lanes.At(p[0], i))
	})
}

// sumLens is numpy's pairwise sum (compile's pairwiseSum) of the first
// lens[i] of src's values at each pixel i, four pixels at a time, each
// with its own count: every step is taken by all four and kept (blended
// in) only by those it belongs to, so the adds are the scalar code's, in
// its order. A count below 8 is a plain sum from 0 (pass A); from 8 on,
// eight accumulators take whole blocks of 8 (pass B), their tree, then
// the rest one by one (pass C).
func sumLens() {
	TEXT("sumLensAVX2", NOSPLIT, "func(d []float64, src [][]float64, lens []float64)")
	Pragma("noescape")
	Doc("sumLensAVX2 sets d[i] to the pairwise sum of src[k][i] for k < lens[i], for the first len(d)&^3",
		"pixels; 1 <= len(src) <= 128, each src[k] and lens at least len(d) long, lens[i] a whole number",
		"from 0 to len(src).")
	n4 := Load(Param("d").Len(), GP64())
	ANDQ(I32(-4), n4)
	dp := Load(Param("d").Base(), GP64())
	srcs := Load(Param("src").Base(), GP64())
	count := Load(Param("src").Len(), GP64())
	lp := Load(Param("lens").Base(), GP64())
	i, k, q, ptr, lim := GP64(), GP64(), GP64(), GP64(), GP64()
	// pass A runs min(len(src), 7) steps
	MOVQ(count, lim)
	seven := GP64()
	MOVQ(U32(7), seven)
	CMPQ(lim, seven)
	CMOVQGT(seven, lim)
	r := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7}
	s0, n, bend, kv, x, m, t := Y8, Y9, Y10, Y11, Y12, Y13, Y14
	XORQ(i, i)
	Label("pixels")
	CMPQ(i, n4)
	JAE(LabelRef("done"))
	VMOVUPD(Mem{Base: lp, Index: i, Scale: 8}, n)
	VMULPD(eighth, n, bend) // bend = n - n%8, exactly
	VROUNDPD(U8(0x9), bend, bend)
	VMULPD(eight, bend, bend)
	// pass A
	VXORPD(s0, s0, s0)
	VXORPD(kv, kv, kv)
	XORQ(k, k)
	MOVQ(srcs, q)
	Label("passA")
	CMPQ(k, lim)
	JAE(LabelRef("endA"))
	MOVQ(Mem{Base: q}, ptr)
	VMOVUPD(Mem{Base: ptr, Index: i, Scale: 8}, x)
	VCMPPD(U8(cmpLT), n, kv, m) // k < n
	VADDPD(x, s0, t)
	VBLENDVPD(m, t, s0, s0)
	VADDPD(one, kv, kv)
	INCQ(k)
	ADDQ(U8(24), q)
	JMP(LabelRef("passA"))
	Label("endA")
	CMPQ(count, U8(8))
	JB(LabelRef("small"))
	// pass B: r[j] = src[j], then whole blocks below bend
	for j, rj := range r {
		MOVQ(Mem{Base: srcs, Disp: 24 * j}, ptr)
		VMOVUPD(Mem{Base: ptr, Index: i, Scale: 8}, rj)
	}
	blocks := GP64()
	MOVQ(count, blocks)
	ANDQ(I32(-8), blocks)
	MOVQ(U32(8), k)
	LEAQ(Mem{Base: srcs, Disp: 8 * 24}, q)
	VMOVUPD(eight, kv)
	Label("passB")
	CMPQ(k, blocks)
	JAE(LabelRef("endB"))
	VCMPPD(U8(cmpLT), bend, kv, m) // the block starts below bend
	for j, rj := range r {
		MOVQ(Mem{Base: q, Disp: 24 * j}, ptr)
		VADDPD(Mem{Base: ptr, Index: i, Scale: 8}, rj, t)
		VBLENDVPD(m, t, rj, rj)
	}
	VADDPD(eight, kv, kv)
	ADDQ(U8(8), k)
	ADDQ(U32(8*24), q)
	JMP(LabelRef("passB"))
	Label("endB")
	// ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
	VADDPD(Y1, Y0, Y0)
	VADDPD(Y3, Y2, Y2)
	VADDPD(Y5, Y4, Y4)
	VADDPD(Y7, Y6, Y6)
	VADDPD(Y2, Y0, Y0)
	VADDPD(Y6, Y4, Y4)
	VADDPD(Y4, Y0, Y0)
	// pass C: bend <= k < n, one by one
	MOVQ(U32(8), k)
	LEAQ(Mem{Base: srcs, Disp: 8 * 24}, q)
	VMOVUPD(eight, kv)
	Label("passC")
	CMPQ(k, count)
	JAE(LabelRef("endC"))
	VCMPPD(U8(cmpLE), kv, bend, m) // bend <= k
	VCMPPD(U8(cmpLT), n, kv, t)    // k < n
	VANDPD(t, m, m)
	MOVQ(Mem{Base: q}, ptr)
	VADDPD(Mem{Base: ptr, Index: i, Scale: 8}, Y0, t)
	VBLENDVPD(m, t, Y0, Y0)
	VADDPD(one, kv, kv)
	INCQ(k)
	ADDQ(U8(24), q)
	JMP(LabelRef("passC"))
	Label("endC")
	// a count below 8 takes pass A's sum
	VCMPPD(U8(cmpLT), eight, n, m)
	VBLENDVPD(m, s0, Y0, s0)
	Label("small")
	VMOVUPD(s0, Mem{Base: dp, Index: i, Scale: 8})
	ADDQ(U8(4), i)
	JMP(LabelRef("pixels"))
	Label("done")
	VZEROUPPER()
	RET()
}
