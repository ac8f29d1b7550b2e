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

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	ConstraintExpr("!purego")
	blocks("sumBlocksAVX512", "x", "func(d []float64, src [][]float64)", plain)
	blocks("sumSqBlocksAVX512", "(x - mu)²", "func(d []float64, src [][]float64, mu []float64)", square)
	blocks("sumAbsDevBlocksAVX512", "|x - mu|", "func(d []float64, src [][]float64, mu []float64)", absDev)
	for count := 2; count <= 8; count++ {
		foldRange("Min", count)
		foldRange("Max", count)
	}
	Generate()
}

type termKind int

const (
	plain termKind = iota
	square
	absDev
)

func at(base, i Register) Mem { return Mem{Base: base, Index: i, Scale: 8} }

// blocks is numpy's pairwise sum of len(src) >= 8 terms per lane:
// accumulators Z0..Z7, accumulator j taking terms j, j+8, ... in order,
// combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the terms past
// the last block of eight added one by one.
func blocks(name, term, sig string, kind termKind) {
	TEXT(name, NOSPLIT, sig)
	Pragma("noescape")
	Doc(name+" sets d to numpy's pairwise sum over src (8 to 128 slices, each at least len(d) long)",
		"of "+term+", for the first len(d)&^7 elements, eight at a time.")
	n := Load(Param("d").Len(), GP64())
	d := Load(Param("d").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	cnt := Load(Param("src").Len(), GP64())
	var mu Register
	if kind != plain {
		mu = Load(Param("mu").Base(), GP64())
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
	k, s, t := GP64(), GP64(), GP64()
	acc := []VecPhysical{Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7}
	load := func(off int, x VecPhysical) {
		MOVQ(Mem{Base: s, Disp: off}, t)
		VMOVUPD(at(t, i), x)
		switch kind {
		case square:
			VSUBPD(Z8, x, x)
			VMULPD(x, x, x)
		case absDev:
			VSUBPD(Z8, x, x)
			VPANDQ(Z15, x, x)
		}
	}
	ANDQ(I32(-8), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	if kind != plain {
		VMOVUPD(at(mu, i), Z8)
	}
	MOVQ(src, s)
	for j, r := range acc {
		load(24*j, r)
	}
	MOVQ(U32(8), k)
	ADDQ(U32(8*24), s)
	Label("blocks")
	CMPQ(k, blocks)
	JAE(LabelRef("combine"))
	for j, r := range acc {
		load(24*j, Z9)
		VADDPD(Z9, r, r)
	}
	ADDQ(Imm(8), k)
	ADDQ(U32(8*24), s)
	JMP(LabelRef("blocks"))
	Label("combine")
	VADDPD(Z1, Z0, Z0)
	VADDPD(Z3, Z2, Z2)
	VADDPD(Z2, Z0, Z0)
	VADDPD(Z5, Z4, Z4)
	VADDPD(Z7, Z6, Z6)
	VADDPD(Z6, Z4, Z4)
	VADDPD(Z4, Z0, Z0)
	Label("rest")
	CMPQ(k, cnt)
	JAE(LabelRef("store"))
	load(0, Z9)
	VADDPD(Z9, Z0, Z0)
	INCQ(k)
	ADDQ(Imm(24), s)
	JMP(LabelRef("rest"))
	Label("store")
	VMOVUPD(Z0, at(d, i))
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// foldRange sets dst to the min or max over count slices, eight pixels at
// a time, by VRANGEPD (AVX-512DQ): its min takes -0 below +0 and its max
// +0 above -0, as Go's min and max do; where an operand is NaN a masked
// move makes the result NaN: no sign fix, no portable fallback.
func foldRange(op string, count int) {
	name := fmt.Sprintf("fold%sRange%dAVX512", op, count)
	TEXT(name, NOSPLIT, "func(dst []float64, srcs [][]float64)")
	Pragma("noescape")
	Doc(fmt.Sprintf("%s sets dst to the %s over srcs (%d slices, each at least len(dst) long),", name, op, count),
		"as Go's "+map[string]string{"Min": "min", "Max": "max"}[op]+", for the first len(dst)&^7 elements, eight at a time.")
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
	ANDQ(I32(-8), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	zs := []VecPhysical{Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7}
	for k := range count {
		VMOVUPD(at(p[k], i), zs[k])
	}
	// VRANGEPD returns the number of a number and a NaN (IEEE's minNum):
	// the lanes with a NaN operand, found by unordered compares of
	// pairs, become NaN after the tree
	VCMPPD(U8(3), zs[1], zs[0], K1)
	for k := 2; k < count; k += 2 {
		VCMPPD(U8(3), zs[min(k+1, count-1)], zs[k], K2)
		KORW(K2, K1, K1)
	}
	// a balanced tree: its depth bounds the latency
	for width := 1; width < count; width *= 2 {
		for k := 0; k+width < count; k += 2 * width {
			VRANGEPD(imm, zs[k+width], zs[k], zs[k])
		}
	}
	VMOVAPD(Z15, K1, Z0)
	VMOVUPD(Z0, at(d, i))
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
