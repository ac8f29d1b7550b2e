// Command ball3d writes package vec's network kernels for typed lanes
// (kernels_ball3d_amd64.s) and their declarations
// (kernels_ball3d_stub_amd64.go) with avo: a whole sorting or selection
// network run over a strip of float32 (eight lanes a register), float64
// (four), 8-, 16- or 32-bit integers (32, 16, 8) in one call, each
// compare-exchange a min and a max (VMINPS and VMAXPS, VPMINUB and
// VPMAXUB, ...) over the strip; and a NaN test of float lines. Run it
// through go generate in compile/vec (gen_ball3d.go).
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	ConstraintExpr("!purego")
	network("F32", "float32", 4, 8, func(y Op, x, d VecPhysical) { VMINPS(y, x, d) }, func(y Op, x, d VecPhysical) { VMAXPS(y, x, d) })
	network("F64", "float64", 8, 4, func(y Op, x, d VecPhysical) { VMINPD(y, x, d) }, func(y Op, x, d VecPhysical) { VMAXPD(y, x, d) })
	network("U8", "uint8", 1, 32, func(y Op, x, d VecPhysical) { VPMINUB(y, x, d) }, func(y Op, x, d VecPhysical) { VPMAXUB(y, x, d) })
	network("I8", "int8", 1, 32, func(y Op, x, d VecPhysical) { VPMINSB(y, x, d) }, func(y Op, x, d VecPhysical) { VPMAXSB(y, x, d) })
	network("U16", "uint16", 2, 16, func(y Op, x, d VecPhysical) { VPMINUW(y, x, d) }, func(y Op, x, d VecPhysical) { VPMAXUW(y, x, d) })
	network("I16", "int16", 2, 16, func(y Op, x, d VecPhysical) { VPMINSW(y, x, d) }, func(y Op, x, d VecPhysical) { VPMAXSW(y, x, d) })
	network("U32", "uint32", 4, 8, func(y Op, x, d VecPhysical) { VPMINUD(y, x, d) }, func(y Op, x, d VecPhysical) { VPMAXUD(y, x, d) })
	network("I32", "int32", 4, 8, func(y Op, x, d VecPhysical) { VPMINSD(y, x, d) }, func(y Op, x, d VecPhysical) { VPMAXSD(y, x, d) })
	hasNaN("F32", "float32", 4, 8, func(x, d VecPhysical) { VCMPPS(Imm(3), x, x, d) }, func(y, x, d VecPhysical) { VORPS(y, x, d) }, func(x VecPhysical, r Register) { VMOVMSKPS(x, r) })
	hasNaN("F64", "float64", 8, 4, func(x, d VecPhysical) { VCMPPD(Imm(3), x, x, d) }, func(y, x, d VecPhysical) { VORPD(y, x, d) }, func(x VecPhysical, r Register) { VMOVMSKPD(x, r) })
	Generate()
}

// hasNaN emits hasNaNXxxAVX2(x []T) bool: whether x[:len(x)&^(4*lanes-1)]
// holds a NaN, four vectors a step: each compared unordered with itself
// (VCMPPS predicate 3: true exactly for NaN), the masks ORed.
func hasNaN(name, typ string, size, lanes int, unord func(x, d VecPhysical), or func(y, x, d VecPhysical), movmsk func(x VecPhysical, r Register)) {
	fn := "hasNaN" + name + "AVX2"
	TEXT(fn, NOSPLIT, fmt.Sprintf("func(x []%s) bool", typ))
	Pragma("noescape")
	Doc(fn + " reports whether x[:len(x)&^" + fmt.Sprint(4*lanes-1) + "] holds a NaN.")
	p := Load(Param("x").Base(), GP64())
	n := Load(Param("x").Len(), GP64())
	ANDQ(I32(-4*lanes), n)
	i := GP64()
	XORQ(i, i)
	VXORPS(Y8, Y8, Y8)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	ys := []VecPhysical{Y0, Y1, Y2, Y3}
	for k, y := range ys {
		VMOVUPS(Mem{Base: p, Index: i, Scale: uint8(size), Disp: 32 * k}, y)
		unord(y, y)
	}
	or(Y1, Y0, Y0)
	or(Y3, Y2, Y2)
	or(Y2, Y0, Y0)
	or(Y0, Y8, Y8)
	ADDQ(Imm(uint64(4*lanes)), i)
	JMP(LabelRef("loop"))
	Label("done")
	r := GP32()
	movmsk(Y8, r)
	TESTL(r, r)
	b := GP8()
	SETNE(b)
	Store(b, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

// network emits netXxxAVX2(prog []uint32, wires [][]T, from, to int):
// for each exchange k, four wire indices prog[4k:4k+4] = x, y, a, b, and
// for each lane i in [from, to), a[i], b[i] = min(x[i], y[i]),
// max(x[i], y[i]); a may be x and b y (each lane is read before it is
// written). An exchange whose a or b is the last wire (the dummy that
// takes what no exchange reads) computes and stores only the other. Two
// vectors a step, then one.
func network(name, typ string, size, lanes int, vmin, vmax func(y Op, x, d VecPhysical)) {
	fn := "net" + name + "AVX2"
	TEXT(fn, NOSPLIT, fmt.Sprintf("func(prog []uint32, wires [][]%s, from, to int)", typ))
	Pragma("noescape")
	Doc(fn+" runs the exchanges of prog over lanes [from, to) of wires, to-from a multiple of "+fmt.Sprint(lanes)+":",
		"exchange k reads wires prog[4k] and prog[4k+1] and writes their min to wire",
		"prog[4k+2] and their max to wire prog[4k+3], except to the last wire, which it",
		"leaves as it is. len(prog) is a multiple of 4; every wire named is at least to",
		"long. The inputs hold no NaN; the sign of equal zeros is arbitrary.")
	p := Load(Param("prog").Base(), GP64())
	end := Load(Param("prog").Len(), GP64())
	SHLQ(Imm(2), end)
	ADDQ(p, end) // the end of prog in bytes
	w := Load(Param("wires").Base(), GP64())
	dummy := Load(Param("wires").Len(), GP64())
	DECQ(dummy)
	from := Load(Param("from"), GP64())
	n := Load(Param("to"), GP64())
	two := GP64() // the last lane a two-vector step may start at
	MOVQ(n, two)
	SUBQ(Imm(uint64(2*lanes)), two)
	x, y, a, b := GP64(), GP64(), GP64(), GP64()
	i := GP64()
	Label("ce")
	CMPQ(p, end)
	JAE(LabelRef("done"))
	for k, r := range []GPVirtual{x, y, a, b} {
		MOVL(Mem{Base: p, Disp: 4 * k}, r.As32())
		if k >= 2 {
			CMPQ(r, dummy) // flags of b's compare survive to the branch below
			if k == 2 {
				JE(LabelRef("maxload"))
			}
		}
		LEAQ(Mem{Base: r, Index: r, Scale: 2}, r) // 3*index: a slice header is 24 bytes
		MOVQ(Mem{Base: w, Index: r, Scale: 8}, r)
	}
	// (LEAQ and MOVQ leave the flags of b's compare)
	MOVQ(from, i)
	JE(LabelRef("mintwo"))
	at := func(r Register, d int) Mem { return Mem{Base: r, Index: i, Scale: uint8(size), Disp: d} }
	// loops emits the two- and one-vector loops under label prefix pre,
	// storing the min to a when lo, the max to b when hi.
	loops := func(pre string, lo, hi bool) {
		Label(pre + "two")
		CMPQ(i, two)
		JG(LabelRef(pre + "one"))
		VMOVUPS(at(x, 0), Y0)
		VMOVUPS(at(x, 32), Y1)
		VMOVUPS(at(y, 0), Y2)
		VMOVUPS(at(y, 32), Y3)
		if lo {
			vmin(Y2, Y0, Y4)
			vmin(Y3, Y1, Y5)
		}
		if hi {
			vmax(Y2, Y0, Y6)
			vmax(Y3, Y1, Y7)
		}
		if lo {
			VMOVUPS(Y4, at(a, 0))
			VMOVUPS(Y5, at(a, 32))
		}
		if hi {
			VMOVUPS(Y6, at(b, 0))
			VMOVUPS(Y7, at(b, 32))
		}
		ADDQ(Imm(uint64(2*lanes)), i)
		JMP(LabelRef(pre + "two"))
		Label(pre + "one")
		CMPQ(i, n)
		JAE(LabelRef("next"))
		VMOVUPS(at(x, 0), Y0)
		VMOVUPS(at(y, 0), Y2)
		if lo {
			vmin(Y2, Y0, Y4)
			VMOVUPS(Y4, at(a, 0))
		}
		if hi {
			vmax(Y2, Y0, Y6)
			VMOVUPS(Y6, at(b, 0))
		}
		JMP(LabelRef("next"))
	}
	loops("", true, true)
	loops("min", true, false)
	// a is the dummy: load x, y and b only
	Label("maxload")
	for k, r := range []GPVirtual{b} {
		MOVL(Mem{Base: p, Disp: 12 + 4*k}, r.As32())
		LEAQ(Mem{Base: r, Index: r, Scale: 2}, r)
		MOVQ(Mem{Base: w, Index: r, Scale: 8}, r)
	}
	for k, r := range []GPVirtual{x, y} {
		MOVL(Mem{Base: p, Disp: 4 * k}, r.As32())
		LEAQ(Mem{Base: r, Index: r, Scale: 2}, r)
		MOVQ(Mem{Base: w, Index: r, Scale: 8}, r)
	}
	MOVQ(from, i)
	loops("max", false, true)
	Label("next")
	ADDQ(Imm(16), p)
	JMP(LabelRef("ce"))
	Label("done")
	VZEROUPPER()
	RET()
}
