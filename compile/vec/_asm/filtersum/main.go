// Command filtersum writes package vec's kernel for the sum of a filtered
// array (kernels_polish_amd64.s) and its Go declaration
// (kernels_polish_stub_amd64.go) with avo. Run it through go generate in
// compile/vec (gen_polish.go).
package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// VCMPPD's predicates: VCMPPD(p, b, a, dst) sets dst = a p b.
const (
	cmpEQ = 0x00 // EQ_OQ
	cmpLT = 0x01 // LT_OS
	cmpLE = 0x02 // LE_OS
	cmpNE = 0x04 // NEQ_UQ: unordered or not equal, Go's !=
)

var two52, eight, eighth, negZero, oneQ, notSevenQ Mem

func constant(name string, x float64) Mem {
	m := GLOBL(name, RODATA|NOPTR)
	for l := range 8 { // eight lanes: the AVX-512 kernel broadcasts nothing
		DATA(8*l, U64(math.Float64bits(x)))
	}
	return m
}

func main() {
	ConstraintExpr("!purego")
	two52 = constant("fstwo52", 1<<52)
	eight = constant("fseight", 8)
	eighth = constant("fseighth", 0.125)
	negZero = constant("fsnegzero", math.Copysign(0, -1))
	oneQ = GLOBL("fsoneq", RODATA|NOPTR)
	for l := range 8 {
		DATA(8*l, U64(1))
	}
	notSevenQ = GLOBL("fsnotsevenq", RODATA|NOPTR)
	for l := range 8 {
		DATA(8*l, U64(^uint64(7)))
	}
	sumFilter()
	sumFilterWide()
	Generate()
}

// sumFilter is numpy's pairwise sum of the elements src[k][i] whose
// predicate pred[k*sb][i] is non-zero, as if they had been packed first
// (compile's filter, then its sum): four pixels at a time, nothing packed.
// The count n of kept elements comes first; the pairwise order takes
// the kept ones below bend = n - n%8 into eight accumulators by their
// place mod 8, sums their tree, then adds the rest one by one (a count
// below 8: all of them one by one from 0). A kept element's place is
// its pixel's count so far, a different one in each lane, so the
// accumulators rotate instead: the next place's is always R0; an element
// kept below bend is added to R0 and the lane's R0..R7 turn by one
// (blends). bend being a multiple of 8, each lane ends where it began.
// The accumulators start at -0, which adds as nothing (-0 + x is x's
// bits): the first element of each is then taken as the scalar code
// copies it. Every add is the scalar code's, operand order included.
func sumFilter() {
	TEXT("sumFilterAVX2", NOSPLIT, "func(d, cnt []float64, src, pred [][]float64, sb, from int)")
	Pragma("noescape")
	Doc("sumFilterAVX2 sets d[i] to the pairwise sum of the src[k][i] with pred[k*sb][i] != 0 in k order",
		"and cnt[i] to their count, for the pixels from (a multiple of 4) below len(d)&^3; len(src) >= 1, pred holds",
		"(len(src)-1)*sb+1 slices, cnt and each src[k] and pred[k*sb] at least len(d) long.")
	n4 := Load(Param("d").Len(), GP64())
	ANDQ(I32(-4), n4)
	dp := Load(Param("d").Base(), GP64())
	cp := Load(Param("cnt").Base(), GP64())
	srcs := Load(Param("src").Base(), GP64())
	count := Load(Param("src").Len(), GP64())
	preds := Load(Param("pred").Base(), GP64())
	pstep := Load(Param("sb"), GP64())
	IMUL3Q(I32(24), pstep, pstep) // bytes from one predicate's slice header to the next
	i, k, q, qp, ptr := GP64(), GP64(), GP64(), GP64(), GP64()
	r := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7}
	c, bend, x, m, t, zero, bias := Y8, Y9, Y10, Y11, Y12, Y13, Y14
	VXORPD(zero, zero, zero)
	VMOVUPD(two52, bias)
	// The counts run as 2^52 + count: there a float64's bits count in
	// units of 1, so a mask (-1 as an integer) is counted by one integer
	// subtraction, 1 cycle where VADDPD takes 4, and compares as floats.
	counted := func() { VPSUBQ(m, c, c) }

	// next loads predicate k's mask (!= 0) into m, steps qp on
	next := func() {
		MOVQ(Mem{Base: qp}, ptr)
		VCMPPD(U8(cmpNE), Mem{Base: ptr, Index: i, Scale: 8}, zero, m) // 0 != p, Go's p != 0
		ADDQ(pstep, qp)
	}
	loop := func(name string, body func()) {
		XORQ(k, k)
		MOVQ(srcs, q)
		MOVQ(preds, qp)
		Label(name)
		body()
		ADDQ(U8(24), q)
		INCQ(k)
		CMPQ(k, count)
		JB(LabelRef(name))
	}

	Load(Param("from"), i)
	Label("pixels")
	CMPQ(i, n4)
	JAE(LabelRef("done"))
	// the count, and bend = n - n%8 (exactly: n is a small whole number)
	VMOVUPD(bias, c)
	loop("count", func() {
		next()
		counted()
	})
	VSUBPD(bias, c, bend)
	VMULPD(eighth, bend, bend)
	VROUNDPD(U8(0x9), bend, bend)
	VMULPD(eight, bend, bend)
	VADDPD(bias, bend, bend)
	// the blocks: kept elements at places below bend
	for _, rj := range r {
		VMOVUPD(negZero, rj)
	}
	VMOVUPD(bias, c)
	CMPQ(count, U8(8))
	JB(LabelRef("tree"))
	loop("blocks", func() {
		next()
		VCMPPD(U8(cmpLT), bend, c, t) // place < bend
		VANDPD(m, t, t)
		MOVQ(Mem{Base: q}, ptr)
		VADDPD(Mem{Base: ptr, Index: i, Scale: 8}, Y0, x) // R0 + x
		for j := 0; j < 7; j++ {
			VBLENDVPD(t, r[j+1], r[j], r[j])
		}
		VBLENDVPD(t, x, Y7, Y7)
		counted()
	})
	Label("tree")
	// ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
	VADDPD(Y1, Y0, Y0)
	VADDPD(Y3, Y2, Y2)
	VADDPD(Y5, Y4, Y4)
	VADDPD(Y7, Y6, Y6)
	VADDPD(Y2, Y0, Y0)
	VADDPD(Y6, Y4, Y4)
	VADDPD(Y4, Y0, Y0)
	// a count below 8 (bend 0) sums from 0; x holds bend
	VSUBPD(bias, bend, x)
	VCMPPD(U8(cmpEQ), zero, x, t)
	VBLENDVPD(t, zero, Y0, Y0)
	// the rest: kept elements at places from bend on, one by one; the
	// others add -0, which leaves every sum's bits as they are, so that
	// the adds alone are the chain from one element to the next
	VMOVUPD(bias, c)
	loop("rest", func() {
		next()
		VCMPPD(U8(cmpLE), c, bend, t) // bend <= place
		VANDPD(m, t, t)
		MOVQ(Mem{Base: q}, ptr)
		VMOVUPD(negZero, x)
		VBLENDVPD(t, Mem{Base: ptr, Index: i, Scale: 8}, x, x)
		VADDPD(x, Y0, Y0)
		counted()
	})
	VSUBPD(bias, c, c)
	// stored after every read of the block: d and cnt may be slots of src or pred
	VMOVUPD(c, Mem{Base: cp, Index: i, Scale: 8}) // the rest loop counted them all again
	VMOVUPD(Y0, Mem{Base: dp, Index: i, Scale: 8})
	ADDQ(U8(4), i)
	JMP(LabelRef("pixels"))
	Label("done")
	VZEROUPPER()
	RET()
}

// sumFilterWide is sumFilter eight pixels at a time in ZMM registers,
// with mask registers: the rotation of the accumulators is eight masked
// moves (one micro-op each where VBLENDVPD takes three on this project's
// Xeon), a kept element's add to the rest is a masked add, and the
// counts are integers (bend = n &^ 7).
func sumFilterWide() {
	TEXT("sumFilterAVX512", NOSPLIT, "func(d, cnt []float64, src, pred [][]float64, sb int)")
	Pragma("noescape")
	Doc("sumFilterAVX512 is sumFilterAVX2 from 0 for the first len(d)&^7 pixels, eight at a time.")
	n8 := Load(Param("d").Len(), GP64())
	ANDQ(I32(-8), n8)
	dp := Load(Param("d").Base(), GP64())
	cp := Load(Param("cnt").Base(), GP64())
	srcs := Load(Param("src").Base(), GP64())
	count := Load(Param("src").Len(), GP64())
	preds := Load(Param("pred").Base(), GP64())
	pstep := Load(Param("sb"), GP64())
	IMUL3Q(I32(24), pstep, pstep)
	i, k, q, qp, ptr := GP64(), GP64(), GP64(), GP64(), GP64()
	r := []VecPhysical{Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7}
	c, bend, x, zero, ones, nz := Z8, Z9, Z10, Z13, Z14, Z15
	VPXORQ(zero, zero, zero)
	VMOVUPD(oneQ, ones)
	VMOVUPD(negZero, nz)
	// the count loop keeps each predicate's mask here for the next one:
	// one load of a byte, not a slice header, a vector and a compare
	masks := AllocLocal(128)
	// next sets K1 to predicate k's mask (!= 0), steps qp on
	next := func() {
		MOVQ(Mem{Base: qp}, ptr)
		VCMPPD(U8(cmpNE), Mem{Base: ptr, Index: i, Scale: 8}, zero, K1)
		ADDQ(pstep, qp)
	}
	loop := func(name string, body func()) {
		XORQ(k, k)
		MOVQ(srcs, q)
		MOVQ(preds, qp)
		Label(name)
		body()
		ADDQ(U8(24), q)
		INCQ(k)
		CMPQ(k, count)
		JB(LabelRef(name))
	}
	XORQ(i, i)
	Label("wpixels")
	CMPQ(i, n8)
	JAE(LabelRef("wdone"))
	VPXORQ(c, c, c)
	loop("wcount", func() {
		next()
		KMOVB(K1, masks.Idx(k, 1))
		VPADDQ(ones, c, K1, c)
	})
	VPANDQ(notSevenQ, c, bend)
	for _, rj := range r {
		VMOVAPD(nz, rj)
	}
	VPXORQ(c, c, c)
	CMPQ(count, U8(8))
	JB(LabelRef("wtree"))
	loop("wblocks", func() {
		KMOVB(masks.Idx(k, 1), K1)
		VPCMPQ(U8(1), bend, c, K1, K2) // kept, at a place < bend
		MOVQ(Mem{Base: q}, ptr)
		VADDPD(Mem{Base: ptr, Index: i, Scale: 8}, Z0, x) // R0 + x
		for j := 0; j < 7; j++ {
			VMOVAPD(r[j+1], K2, r[j])
		}
		VMOVAPD(x, K2, Z7)
		VPADDQ(ones, c, K1, c)
	})
	Label("wtree")
	VADDPD(Z1, Z0, Z0)
	VADDPD(Z3, Z2, Z2)
	VADDPD(Z5, Z4, Z4)
	VADDPD(Z7, Z6, Z6)
	VADDPD(Z2, Z0, Z0)
	VADDPD(Z6, Z4, Z4)
	VADDPD(Z4, Z0, Z0)
	// a count below 8 (bend 0) sums from 0
	VPTESTMQ(bend, bend, K3)
	VMOVAPD_Z(Z0, K3, Z0)
	VPXORQ(c, c, c)
	loop("wrest", func() {
		KMOVB(masks.Idx(k, 1), K1)
		VPCMPQ(U8(5), bend, c, K1, K2) // kept, at a place >= bend
		MOVQ(Mem{Base: q}, ptr)
		VADDPD(Mem{Base: ptr, Index: i, Scale: 8}, Z0, K2, Z0)
		VPADDQ(ones, c, K1, c)
	})
	VCVTQQ2PD(c, c)
	VMOVUPD(c, Mem{Base: cp, Index: i, Scale: 8})
	VMOVUPD(Z0, Mem{Base: dp, Index: i, Scale: 8})
	ADDQ(U8(8), i)
	JMP(LabelRef("wpixels"))
	Label("wdone")
	VZEROUPPER()
	RET()
}
