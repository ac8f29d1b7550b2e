// Command ball3d writes package vec's network kernels for typed lanes
// (kernels_ball3d_amd64.s) and their declarations
// (kernels_ball3d_stub_amd64.go) with avo: a whole sorting or selection
// network run over a strip of float32 (eight lanes a register) or float64
// (four) in one call, each compare-exchange a VMINPS and a VMAXPS (or PD)
// over the strip. Run it through go generate in compile/vec
// (gen_ball3d.go).
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
	Generate()
}

// network emits netXxxAVX2(prog []uint32, wires [][]T, n int): for each
// exchange k, four wire indices prog[4k:4k+4] = x, y, a, b, and for i
// below n&^(lanes-1), a[i], b[i] = min(x[i], y[i]), max(x[i], y[i]); a
// may be x and b y (each lane is read before it is written).
func network(name, typ string, size, lanes int, vmin, vmax func(y Op, x, d VecPhysical)) {
	fn := "net" + name + "AVX2"
	TEXT(fn, NOSPLIT, fmt.Sprintf("func(prog []uint32, wires [][]%s, n int)", typ))
	Pragma("noescape")
	Doc(fn+" runs the exchanges of prog over lanes [0, n&^"+fmt.Sprint(lanes-1)+") of wires: exchange k",
		"reads wires prog[4k] and prog[4k+1] and writes their min to wire prog[4k+2] and",
		"their max to wire prog[4k+3]. len(prog) is a multiple of 4; every wire named is at",
		"least n&^"+fmt.Sprint(lanes-1)+" long. The inputs hold no NaN; the sign of equal zeros is arbitrary.")
	p := Load(Param("prog").Base(), GP64())
	end := Load(Param("prog").Len(), GP64())
	SHLQ(Imm(2), end)
	ADDQ(p, end) // the end of prog in bytes
	w := Load(Param("wires").Base(), GP64())
	n := Load(Param("n"), GP64())
	ANDQ(I32(-lanes), n)
	x, y, a, b := GP64(), GP64(), GP64(), GP64()
	i := GP64()
	Label("ce")
	CMPQ(p, end)
	JAE(LabelRef("done"))
	for k, r := range []GPVirtual{x, y, a, b} {
		MOVL(Mem{Base: p, Disp: 4 * k}, r.As32())
		LEAQ(Mem{Base: r, Index: r, Scale: 2}, r) // 3*index: a slice header is 24 bytes
		MOVQ(Mem{Base: w, Index: r, Scale: 8}, r)
	}
	XORQ(i, i)
	// two vectors a step while they fit, then one
	two := GP64()
	MOVQ(n, two)
	ANDQ(I32(-2*lanes), two)
	Label("two")
	CMPQ(i, two)
	JAE(LabelRef("one"))
	at := func(r Register, d int) Mem { return Mem{Base: r, Index: i, Scale: uint8(size), Disp: d} }
	VMOVUPS(at(x, 0), Y0)
	VMOVUPS(at(x, 32), Y1)
	VMOVUPS(at(y, 0), Y2)
	VMOVUPS(at(y, 32), Y3)
	vmin(Y2, Y0, Y4)
	vmin(Y3, Y1, Y5)
	vmax(Y2, Y0, Y6)
	vmax(Y3, Y1, Y7)
	VMOVUPS(Y4, at(a, 0))
	VMOVUPS(Y5, at(a, 32))
	VMOVUPS(Y6, at(b, 0))
	VMOVUPS(Y7, at(b, 32))
	ADDQ(Imm(uint64(2*lanes)), i)
	JMP(LabelRef("two"))
	Label("one")
	CMPQ(i, n)
	JAE(LabelRef("next"))
	VMOVUPS(at(x, 0), Y0)
	VMOVUPS(at(y, 0), Y2)
	vmin(Y2, Y0, Y4)
	vmax(Y2, Y0, Y6)
	VMOVUPS(Y4, at(a, 0))
	VMOVUPS(Y6, at(b, 0))
	Label("next")
	ADDQ(Imm(16), p)
	JMP(LabelRef("ce"))
	Label("done")
	VZEROUPPER()
	RET()
}
