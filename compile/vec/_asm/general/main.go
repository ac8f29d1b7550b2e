// Command general writes package vec's AVX-512 forms of numpy's blocked
// pairwise sums (kernels_general_amd64.s) and their Go declarations
// (kernels_general_stub_amd64.go) with avo: eight pixels per iteration
// where the AVX2 kernels take four, each source slice's header read once
// per eight pixels; and min and max folds by VRANGEPD. Run it through go
// generate in compile/vec.
//
// The arithmetic is the AVX2 kernels' (sumBlocksAVX2, sumSqBlocksAVX2,
// sumAbsDevBlocksAVX2) in the same order, lane by lane: the same bits.
// No FMA: each square is rounded before its sum.
package main

import (
	"fmt"
	"math"

	"github.com/kfilter/kfilter/compile/vec/_asm/internal/lanes"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	ConstraintExpr("!purego")
	blocks("sumBlocksAVX512", "x", "func(d []float64, src [][]float64)", plain)
	blocks("sumSqBlocksAVX512", "(x - mu)²", "func(d []float64, src [][]float64, mu []float64)", square)
	blocks("sumAbsDevBlocksAVX512", "|x - mu|", "func(d []float64, src [][]float64, mu []float64)", absDev)
	absDev9()
	blocks("meanBlocksAVX512", "x, divided by c", "func(d []float64, src [][]float64, c float64)", plain|mean)
	blocks("meanSqBlocksAVX512", "(x - mu)², divided by c", "func(d []float64, src [][]float64, mu []float64, c float64)", square|mean)
	for count := 2; count <= 8; count++ {
		foldRange("Min", count, false)
		foldRange("Max", count, false)
		foldRange("Min", count, true)
		foldRange("Max", count, true)
	}
	expFMA()
	ewProgram("ewRun4AVX512", 4)
	ewProgram("ewRunAVX512", 1)
	Generate()
}

type termKind int

const (
	plain termKind = iota
	square
	absDev
	mean termKind = 8 // or'ed in: the sum divided by c (numpy's mean), before the store
)

var tailMasks Mem

// tailMask sets K7 to the lanes i .. n-1 of eight (n - i in 1..7).
func tailMask(i, n Register) {
	if tailMasks.Symbol.Name == "" {
		tailMasks = GLOBL("tailmasks", RODATA|NOPTR)
		for r := range 8 {
			DATA(r, U8(1<<r-1))
		}
	}
	r, m, tbl := GP64(), GP32(), GP64()
	MOVQ(n, r)
	SUBQ(i, r)
	LEAQ(tailMasks, tbl)
	MOVBLZX(Mem{Base: tbl, Index: r, Scale: 1}, m)
	KMOVB(m, K7)
}

// ld and st load and store eight lanes, or with masked the lanes of K7
// (loads zeroing the others, which no fault touches).
func ld(masked bool, m Mem, x VecPhysical) {
	if masked {
		VMOVUPD_Z(m, K7, x)
	} else {
		VMOVUPD(m, x)
	}
}

func st(masked bool, x VecPhysical, m Mem) {
	if masked {
		VMOVUPD(x, K7, m)
	} else {
		VMOVUPD(x, m)
	}
}

// blocks is numpy's pairwise sum of len(src) >= 8 terms per lane:
// accumulators Z0..Z7, accumulator j taking terms j, j+8, ... in order,
// combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the terms past
// the last block of eight added one by one. The last 1 to 7 pixels go
// through the same code with masked loads and stores.
func blocks(name, term, sig string, kind termKind) {
	div := kind&mean != 0
	kind &^= mean
	TEXT(name, NOSPLIT, sig)
	Pragma("noescape")
	Doc(name+" sets d to numpy's pairwise sum over src (8 to 128 slices, each at least len(d) long)",
		"of "+term+", eight pixels at a time, the last ones masked.")
	n := Load(Param("d").Len(), GP64())
	d := Load(Param("d").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	cnt := Load(Param("src").Len(), GP64())
	var mu Register
	if kind != plain {
		mu = Load(Param("mu").Base(), GP64())
	}
	if div {
		c := Load(Param("c"), XMM())
		VBROADCASTSD(c, Z10)
	}
	if kind == absDev {
		m := GP64()
		MOVQ(U64(math.MaxInt64), m)
		VPBROADCASTQ(m, Z15)
	}
	blocks := GP64()
	MOVQ(cnt, blocks)
	ANDQ(I32(-8), blocks)
	i := GP64()
	XORQ(i, i)
	full := GP64()
	MOVQ(n, full)
	ANDQ(I32(-8), full)
	k, s, t := GP64(), GP64(), GP64()
	acc := []VecPhysical{Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7}
	body := func(masked bool) {
		sfx := map[bool]string{false: "", true: "_tail"}[masked]
		load := func(off int, x VecPhysical) {
			MOVQ(Mem{Base: s, Disp: off}, t)
			ld(masked, lanes.At(t, i), x)
			switch kind {
			case square:
				VSUBPD(Z8, x, x)
				VMULPD(x, x, x)
			case absDev:
				VSUBPD(Z8, x, x)
				VPANDQ(Z15, x, x)
			}
		}
		if kind != plain {
			ld(masked, lanes.At(mu, i), Z8)
		}
		MOVQ(src, s)
		for j, r := range acc {
			load(24*j, r)
		}
		MOVQ(U32(8), k)
		ADDQ(U32(8*24), s)
		Label("blocks" + sfx)
		CMPQ(k, blocks)
		JAE(LabelRef("combine" + sfx))
		for j, r := range acc {
			load(24*j, Z9)
			VADDPD(Z9, r, r)
		}
		ADDQ(Imm(8), k)
		ADDQ(U32(8*24), s)
		JMP(LabelRef("blocks" + sfx))
		Label("combine" + sfx)
		VADDPD(Z1, Z0, Z0)
		VADDPD(Z3, Z2, Z2)
		VADDPD(Z2, Z0, Z0)
		VADDPD(Z5, Z4, Z4)
		VADDPD(Z7, Z6, Z6)
		VADDPD(Z6, Z4, Z4)
		VADDPD(Z4, Z0, Z0)
		Label("rest" + sfx)
		CMPQ(k, cnt)
		JAE(LabelRef("store" + sfx))
		load(0, Z9)
		VADDPD(Z9, Z0, Z0)
		INCQ(k)
		ADDQ(Imm(24), s)
		JMP(LabelRef("rest" + sfx))
		Label("store" + sfx)
		if div {
			VDIVPD(Z10, Z0, Z0)
		}
		st(masked, Z0, lanes.At(d, i))
	}
	Label("loop")
	CMPQ(i, full)
	JAE(LabelRef("tail"))
	body(false)
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("tail")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	tailMask(i, n)
	body(true)
	Label("done")
	VZEROUPPER()
	RET()
}

// foldRange sets dst to the min or max over count slices, eight pixels at
// a time, by VRANGEPD (AVX-512DQ): its min takes -0 below +0 and its max
// +0 above -0, as Go's min and max do; where an operand is NaN a masked
// move makes the result NaN (and the kernel reports that it saw one): no
// sign fix, no portable fallback. The nanFree forms skip the NaN masks.
func foldRange(op string, count int, nanFree bool) {
	name := fmt.Sprintf("fold%sRange%dAVX512", op, count)
	if nanFree {
		name = fmt.Sprintf("fold%sRangeNoNaN%dAVX512", op, count)
	}
	sig := "func(dst []float64, srcs [][]float64) bool"
	if nanFree {
		sig = "func(dst []float64, srcs [][]float64)"
	}
	TEXT(name, NOSPLIT, sig)
	Pragma("noescape")
	Doc(fmt.Sprintf("%s sets dst to the %s over srcs (%d slices, each at least len(dst) long%s),", name, op, count, map[bool]string{false: "", true: ", no NaN among them"}[nanFree]),
		"as Go's "+map[string]string{"Min": "min", "Max": "max"}[op]+", eight pixels at a time, the last ones masked.")
	imm := U8(4) // min (bits 1:0), the sign of the value chosen (bits 3:2 = 01)
	if op == "Max" {
		imm = U8(5)
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
	nan := GP64()
	MOVQ(U64(0x7ff8000000000000), nan)
	VPBROADCASTQ(nan, Z15)
	i := GP64()
	XORQ(i, i)
	full := GP64()
	MOVQ(n, full)
	ANDQ(I32(-8), full)
	zs := []VecPhysical{Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7}
	KXORW(K3, K3, K3) // the NaN lanes seen
	body := func(masked bool) {
		for k := range count {
			ld(masked, lanes.At(p[k], i), zs[k])
		}
		// VRANGEPD returns the number of a number and a NaN (IEEE's minNum):
		// the lanes with a NaN operand, found by unordered compares of
		// pairs, become NaN after the tree (unless the caller knows there
		// is none)
		if !nanFree {
			VCMPPD(U8(3), zs[1], zs[0], K1)
			for k := 2; k < count; k += 2 {
				VCMPPD(U8(3), zs[min(k+1, count-1)], zs[k], K2)
				KORW(K2, K1, K1)
			}
		}
		// a balanced tree: its depth bounds the latency
		for width := 1; width < count; width *= 2 {
			for k := 0; k+width < count; k += 2 * width {
				VRANGEPD(imm, zs[k+width], zs[k], zs[k])
			}
		}
		if !nanFree {
			VMOVAPD(Z15, K1, Z0)
			KORW(K1, K3, K3)
		}
		st(masked, Z0, lanes.At(d, i))
	}
	Label("loop")
	CMPQ(i, full)
	JAE(LabelRef("tail"))
	body(false)
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("tail")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	tailMask(i, n)
	body(true)
	Label("done")
	if !nanFree {
		r := GP32()
		KMOVW(K3, r)
		TESTL(r, r)
		b := GP8()
		SETNE(b)
		Store(b, ReturnIndex(0))
	}
	VZEROUPPER()
	RET()
}

// The operation codes of ewRunAVX512, as package vec's EWCode.
const (
	ewAdd = iota
	ewSub
	ewMul
	ewDiv
	ewMin // numpy's minimum: x < y or x NaN ? x : y
	ewMax // numpy's maximum: x > y or x NaN ? x : y
	ewNeg
	ewAbs
)

// ewProgram runs a program of per-pixel operations over the pixels
// 8*unroll at a time (unroll ZMM registers an operand): for each group,
// every operation in order, each reading its operands from the slots (the
// slice headers at byte offsets A and B of slots) and writing its result
// to slot D. An operation's temporaries stay in L1, where passes over
// whole strips stream them through L2, and each operation is decoded
// once per group. With unroll 1 the last 1 to 7 pixels run masked.
func ewProgram(name string, unroll int) {
	per := 8 * unroll
	TEXT(name, NOSPLIT, "func(slots [][]float64, ops []int32, i, n int)")
	Pragma("noescape")
	upto := fmt.Sprintf("n&^%d - 1", per-1)
	if unroll == 1 {
		upto = "n-1 (the last ones masked)"
	}
	Doc(fmt.Sprintf("%s runs ops over pixels i .. %s of slots, %d pixels at a time, every operation", name, upto, per),
		"for each group. ops holds four int32 an operation: its code, then D, A and B, byte offsets of slice headers",
		"in slots (24 times slot numbers); each slot they name is at least n long.")
	slots := Load(Param("slots").Base(), GP64())
	ops := Load(Param("ops").Base(), GP64())
	cnt := Load(Param("ops").Len(), GP64())
	n := Load(Param("n"), GP64())
	i := Load(Param("i"), GP64())
	end := GP64()
	LEAQ(Mem{Base: ops, Index: cnt, Scale: 4}, end)
	m := GP64()
	MOVQ(U64(1<<63), m)
	VPBROADCASTQ(m, Z12) // the sign bit
	MOVQ(U64(math.MaxInt64), m)
	VPBROADCASTQ(m, Z13) // all but the sign bit
	full := GP64()
	MOVQ(n, full)
	ANDQ(I32(-per), full)
	p, code, x, t := GP64(), GP32(), GP64(), GP64()
	xs := []VecPhysical{Z0, Z1, Z2, Z3}[:unroll]
	ys := []VecPhysical{Z4, Z5, Z6, Z7}[:unroll]
	zs := []VecPhysical{Z8, Z9, Z10, Z11}[:unroll]
	ks := []Register{K1, K2, K3, K4}[:unroll]
	group := func(masked bool) {
		sfx := map[bool]string{false: "", true: "_tail"}[masked]
		L := func(l string) string { return l + sfx }
		each := func(f func(u int, m Mem)) {
			for u := range unroll {
				f(u, Mem{Base: t, Index: i, Scale: 8, Disp: 64 * u})
			}
		}
		MOVQ(ops, p)
		Label(L("op"))
		CMPQ(p, end)
		JAE(LabelRef(L("next")))
		MOVL(Mem{Base: p}, code)
		MOVLQSX(Mem{Base: p, Disp: 8}, x)
		MOVQ(Mem{Base: slots, Index: x, Scale: 1}, t)
		each(func(u int, m Mem) { ld(masked, m, xs[u]) })
		CMPL(code, U8(ewNeg))
		JAE(LabelRef(L("unary")))
		MOVLQSX(Mem{Base: p, Disp: 12}, x)
		MOVQ(Mem{Base: slots, Index: x, Scale: 1}, t)
		each(func(u int, m Mem) { ld(masked, m, ys[u]) })
		CMPL(code, U8(ewMul))
		JE(LabelRef(L("mul")))
		JA(LabelRef(L("divminmax")))
		CMPL(code, U8(ewAdd))
		JNE(LabelRef(L("sub")))
		each(func(u int, _ Mem) { VADDPD(ys[u], xs[u], xs[u]) })
		JMP(LabelRef(L("store")))
		Label(L("sub"))
		each(func(u int, _ Mem) { VSUBPD(ys[u], xs[u], xs[u]) })
		JMP(LabelRef(L("store")))
		Label(L("mul"))
		each(func(u int, _ Mem) { VMULPD(ys[u], xs[u], xs[u]) })
		JMP(LabelRef(L("store")))
		Label(L("divminmax"))
		CMPL(code, U8(ewMin))
		JE(LabelRef(L("min")))
		JA(LabelRef(L("max")))
		each(func(u int, _ Mem) { VDIVPD(ys[u], xs[u], xs[u]) })
		JMP(LabelRef(L("store")))
		// VMINPD and VMAXPD give the second operand where either is NaN:
		// where x is, the result is x
		Label(L("min"))
		each(func(u int, _ Mem) { VMINPD(ys[u], xs[u], zs[u]) })
		JMP(LabelRef(L("nan")))
		Label(L("max"))
		each(func(u int, _ Mem) { VMAXPD(ys[u], xs[u], zs[u]) })
		Label(L("nan"))
		each(func(u int, _ Mem) {
			VCMPPD(U8(3), xs[u], xs[u], ks[u]) // x unordered
			VMOVAPD(xs[u], ks[u], zs[u])
			VMOVAPD(zs[u], xs[u])
		})
		JMP(LabelRef(L("store")))
		Label(L("unary"))
		CMPL(code, U8(ewNeg))
		JNE(LabelRef(L("abs")))
		each(func(u int, _ Mem) { VPXORQ(Z12, xs[u], xs[u]) })
		JMP(LabelRef(L("store")))
		Label(L("abs"))
		each(func(u int, _ Mem) { VPANDQ(Z13, xs[u], xs[u]) })
		Label(L("store"))
		MOVLQSX(Mem{Base: p, Disp: 4}, x)
		MOVQ(Mem{Base: slots, Index: x, Scale: 1}, t)
		each(func(u int, m Mem) { st(masked, xs[u], m) })
		ADDQ(Imm(16), p)
		JMP(LabelRef(L("op")))
		Label(L("next"))
	}
	Label("loop")
	CMPQ(i, full)
	JAE(LabelRef("tail"))
	group(false)
	ADDQ(U32(per), i)
	JMP(LabelRef("loop"))
	Label("tail")
	if unroll == 1 {
		CMPQ(i, n)
		JAE(LabelRef("done"))
		tailMask(i, n)
		group(true)
	}
	Label("done")
	VZEROUPPER()
	RET()
}

// expFMA is _asm/ew's expFMAAVX2 (math.Exp's FMA branch, the same
// operations in the same order) eight lanes at a time. Its constants are
// 64-byte vectors in memory, operands of the arithmetic: registers Z16 and
// up would keep the upper state dirty past VZEROUPPER (which clears Z0 to
// Z15 only), and Go's SSE code after it would pay for that.
func expFMA() {
	TEXT("expFMAAVX512", NOSPLIT, "func(d, a []float64, i int) int")
	Pragma("noescape")
	Doc("expFMAAVX512 sets d = math.Exp(a), math/exp_amd64.s's FMA branch eight lanes at a time,",
		"from i to the end, the last 1 to 7 masked; len(a) >= len(d). It returns where it stopped: len(d),",
		"or the start of eight (or the last) elements one of which is not within ±700 (or is NaN), for the caller.")
	consts := []float64{lanes.Log2e, lanes.Ln2U, lanes.Ln2L, 0.0625, 2.0, 700, 1.0}
	consts = append(consts, lanes.ExpTaylor...)
	c := GLOBL("expfma512", RODATA|NOPTR)
	for j, v := range consts {
		for l := range 8 {
			DATA(64*j+8*l, U64(math.Float64bits(v)))
		}
	}
	k := func(j int) Mem { return c.Offset(64 * j) }
	cLog2e, cLn2U, cLn2L, cSixteenth, cTwo, cLim, cOne := k(0), k(1), k(2), k(3), k(4), k(5), k(6)
	taylor := func(j int) Mem { return k(7 + j) }
	VMOVUPD(cLim, Z14)
	VMOVUPD(cTwo, Z13)
	n := Load(Param("d").Len(), GP64())
	d := Load(Param("d").Base(), GP64())
	a := Load(Param("a").Base(), GP64())
	i := Load(Param("i"), GP64())
	m := GP64()
	MOVQ(U64(math.MaxInt64), m)
	VPBROADCASTQ(m, Z15)
	MOVQ(U32(0x3FF), m)
	VPBROADCASTQ(m, Z12)
	last := GP64()
	MOVQ(n, last)
	SUBQ(Imm(8), last) // the last start of eight
	x, x1 := Z0, Z1
	group := func(masked bool) {
		sfx := map[bool]string{false: "", true: "_tail"}[masked]
		ld(masked, lanes.At(a, i), x)
		VPANDQ(Z15, x, Z3)
		VCMPPD(U8(2), Z14, Z3, K1) // |x| <= 700, false for NaN
		t := GP32()
		KMOVB(K1, t)
		if masked {
			// the lanes past the end are zeros, within ±700
			u := GP32()
			KMOVB(K7, u)
			ANDL(u, t)
			CMPL(t, u)
		} else {
			CMPL(t, U8(0xFF))
		}
		JNE(LabelRef("done" + sfx))
		// the exponent, rounded to nearest as CVTSD2SL does
		VMULPD(cLog2e, x, x1)
		VCVTPD2DQ(x1, Y4)
		VCVTDQ2PD(Y4, x1)
		VFNMADD231PD(cLn2U, x1, x)
		VFNMADD231PD(cLn2L, x1, x)
		VMULPD(cSixteenth, x, x)
		VMOVUPD(taylor(0), x1)
		for j := 1; j < len(lanes.ExpTaylor); j++ {
			VFMADD213PD(taylor(j), x, x1)
		}
		VMULPD(x1, x, x)
		for range 3 {
			VADDPD(Z13, x, x1)
			VMULPD(x1, x, x)
		}
		VADDPD(Z13, x, x1)
		VFMADD213PD(cOne, x1, x)
		// times 2**exponent: (exponent + 0x3FF) << 52, within (0, 0x7FF) here
		VPMOVSXDQ(Y4, Z5)
		VPADDQ(Z12, Z5, Z5)
		VPSLLQ(U8(52), Z5, Z5)
		VMULPD(Z5, x, x)
		st(masked, x, lanes.At(d, i))
	}
	Label("loop")
	CMPQ(i, last)
	JG(LabelRef("tail"))
	group(false)
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("tail")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	tailMask(i, n)
	group(true)
	MOVQ(n, i)
	Label("done")
	Label("done_tail")
	Store(i, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

// absDev9 is sumAbsDevBlocksAVX512 for exactly nine terms (a 3x3
// footprint), the nine slices' bases in registers: r0..r7 the first eight
// terms, ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then + the ninth, numpy's
// order for nine.
func absDev9() {
	TEXT("sumAbsDev9AVX512", NOSPLIT, "func(d []float64, src [][]float64, mu []float64)")
	Pragma("noescape")
	Doc("sumAbsDev9AVX512 sets d to numpy's pairwise sum over src (9 slices, each at least len(d) long)",
		"of |x - mu|, eight pixels at a time, the last ones masked.")
	n := Load(Param("d").Len(), GP64())
	d := Load(Param("d").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	mu := Load(Param("mu").Base(), GP64())
	var p []Register
	for k := range 9 {
		r := GP64()
		MOVQ(Mem{Base: src, Disp: 24 * k}, r)
		p = append(p, r)
	}
	m := GP64()
	MOVQ(U64(math.MaxInt64), m)
	VPBROADCASTQ(m, Z15)
	i := GP64()
	XORQ(i, i)
	full := GP64()
	MOVQ(n, full)
	ANDQ(I32(-8), full)
	acc := []VecPhysical{Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z9}
	body := func(masked bool) {
		ld(masked, lanes.At(mu, i), Z8)
		for k, r := range acc {
			ld(masked, lanes.At(p[k], i), r)
			VSUBPD(Z8, r, r)
			VPANDQ(Z15, r, r)
		}
		VADDPD(Z1, Z0, Z0)
		VADDPD(Z3, Z2, Z2)
		VADDPD(Z2, Z0, Z0)
		VADDPD(Z5, Z4, Z4)
		VADDPD(Z7, Z6, Z6)
		VADDPD(Z6, Z4, Z4)
		VADDPD(Z4, Z0, Z0)
		VADDPD(Z9, Z0, Z0)
		st(masked, Z0, lanes.At(d, i))
	}
	Label("loop")
	CMPQ(i, full)
	JAE(LabelRef("tail"))
	body(false)
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("tail")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	tailMask(i, n)
	body(true)
	Label("done")
	VZEROUPPER()
	RET()
}
