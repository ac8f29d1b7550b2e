// Command f32runs writes package vec's kernels for clean lines
// (kernels_f32runs_amd64.s) and their declarations
// (kernels_f32runs_stub_amd64.go) with avo: min and max folds over 2 to 8
// float32 lines by plain VMINPS/VMAXPS, one instruction a source, and the test that makes them exact: whether a
// line holds a NaN or a -0. On lines with neither, VMINPS and VMAXPS give
// Go's min and max bit for bit (equal operands are then the same bits).
// Also the exact min folds of _asm/f32 (the OR of both operand orders)
// two registers an iteration. Run it through go generate in compile/vec
// (gen_f32runs.go).
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	ConstraintExpr("!purego")
	// float64 lines have no clean path (no caller): the float64 runs and
	// direct paths fold exactly, by FoldMinBoth's kernels below
	for count := 2; count <= 8; count++ {
		fold(f32, "min", count)
		fold(f32, "max", count)
	}
	dirty(f32)
	for _, t := range []elem{f32, f64} {
		for count := 2; count <= 8; count++ {
			minBoth(t, count)
		}
	}
	Generate()
}

// elem is the element type a kernel works in.
type elem struct {
	name, typ string // kernel name infix, Go type
	size      uint8  // bytes
	per       int    // elements a register
	load      func(m Op, y VecPhysical)
	store     func(y VecPhysical, m Op)
	min, max  func(m Op, y, d VecPhysical)
}

var (
	f32 = elem{"F32", "float32", 4, 8,
		func(m Op, y VecPhysical) { VMOVUPS(m, y) }, func(y VecPhysical, m Op) { VMOVUPS(y, m) },
		func(m Op, y, d VecPhysical) { VMINPS(m, y, d) }, func(m Op, y, d VecPhysical) { VMAXPS(m, y, d) }}
	f64 = elem{"F64", "float64", 8, 4,
		func(m Op, y VecPhysical) { VMOVUPD(m, y) }, func(y VecPhysical, m Op) { VMOVUPD(y, m) },
		func(m Op, y, d VecPhysical) { VMINPD(m, y, d) }, func(m Op, y, d VecPhysical) { VMAXPD(m, y, d) }}
)

// fold is acc = src0, then for each further source s in order
// acc = VMINPS(acc, s): acc if acc < s, else s (VMAXPS: acc if acc > s,
// else s), the portable twin's rule, over the first len(dst)&^(per-1)
// elements. Two vectors an iteration, so that two chains of dependent
// instructions overlap.
func fold(t elem, op string, count int) {
	name := fmt.Sprintf("fold%sClean%sx%dAVX2", map[string]string{"min": "Min", "max": "Max"}[op], t.name, count)
	TEXT(name, NOSPLIT, "func(dst []"+t.typ+", srcs [][]"+t.typ+")")
	Pragma("noescape")
	Doc(fmt.Sprintf("%s sets dst[i] to src0[i], then for each further source s (%d slices, each at least len(dst) long)", name, count),
		fmt.Sprintf("to dst[i] if dst[i] %s s[i], else s[i], for the first len(dst)&^%d elements.", map[string]string{"min": "<", "max": ">"}[op], t.per-1))
	n := Load(Param("dst").Len(), GP64())
	d := Load(Param("dst").Base(), GP64())
	srcs := Load(Param("srcs").Base(), GP64())
	var p []Register
	for k := range count {
		r := GP64()
		MOVQ(Mem{Base: srcs, Disp: 24 * k}, r)
		p = append(p, r)
	}
	f := t.min
	if op == "max" {
		f = t.max
	}
	at := func(base, i Register, disp int) Mem { return Mem{Base: base, Index: i, Scale: t.size, Disp: disp} }
	i := GP64()
	XORQ(i, i)
	two := GP64()
	MOVQ(n, two)
	ANDQ(I32(-2*t.per), two)
	ANDQ(I32(-t.per), n)
	Label("pairs")
	CMPQ(i, two)
	JAE(LabelRef("single"))
	t.load(at(p[0], i, 0), Y0)
	t.load(at(p[0], i, 32), Y1)
	for k := 1; k < count; k++ {
		f(at(p[k], i, 0), Y0, Y0)
		f(at(p[k], i, 32), Y1, Y1)
	}
	t.store(Y0, at(d, i, 0))
	t.store(Y1, at(d, i, 32))
	ADDQ(Imm(uint64(2*t.per)), i)
	JMP(LabelRef("pairs"))
	Label("single")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	t.load(at(p[0], i, 0), Y0)
	for k := 1; k < count; k++ {
		f(at(p[k], i, 0), Y0, Y0)
	}
	t.store(Y0, at(d, i, 0))
	Label("done")
	VZEROUPPER()
	RET()
}

// dirty reports whether the first len(x)&^(per-1) elements hold a NaN
// (an unordered compare of x with itself) or a -0 (the bits of -0, the
// sign bit alone).
func dirty(t elem) {
	name := "dirty" + t.name + "AVX2"
	TEXT(name, NOSPLIT, "func(x []"+t.typ+") bool")
	Pragma("noescape")
	Doc(fmt.Sprintf("%s reports whether the first len(x)&^%d elements of x hold a NaN or a -0.", name, t.per-1))
	n := Load(Param("x").Len(), GP64())
	x := Load(Param("x").Base(), GP64())
	VPCMPEQD(Y15, Y15, Y15)
	if t.size == 4 {
		VPSLLD(U8(31), Y15, Y15) // -0
	} else {
		VPSLLQ(U8(63), Y15, Y15)
	}
	VPXOR(Y4, Y4, Y4) // the lanes that held one so far
	VPXOR(Y5, Y5, Y5)
	i := GP64()
	XORQ(i, i)
	ANDQ(I32(-t.per), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	t.load(Mem{Base: x, Index: i, Scale: t.size}, Y0)
	if t.size == 4 {
		VCMPPS(U8(3), Y0, Y0, Y1) // unordered: NaN
		VPCMPEQD(Y15, Y0, Y2)
	} else {
		VCMPPD(U8(3), Y0, Y0, Y1)
		VPCMPEQQ(Y15, Y0, Y2)
	}
	VPOR(Y1, Y4, Y4)
	VPOR(Y2, Y5, Y5)
	ADDQ(Imm(uint64(t.per)), i)
	JMP(LabelRef("loop"))
	Label("done")
	VPOR(Y5, Y4, Y4)
	r := GP8()
	VPTEST(Y4, Y4)
	SETNE(r)
	Store(r, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

// minBoth is the exact min fold of _asm/f32 (the OR of VMINPS, or
// VMINPD, in both operand orders: Go's min, NaN payloads apart, with no
// test) two registers an iteration, so that the loop's own instructions
// and the two trees' latencies are shared.
func minBoth(t elem, count int) {
	name := fmt.Sprintf("foldMinBoth%sx%dAVX2", t.name, count)
	TEXT(name, NOSPLIT, "func(dst []"+t.typ+", srcs [][]"+t.typ+")")
	Pragma("noescape")
	Doc(fmt.Sprintf("%s sets dst to the min over srcs (%d slices, each at least len(dst) long) for the first len(dst)&^%d elements, NaN included.", name, count, t.per-1))
	n := Load(Param("dst").Len(), GP64())
	d := Load(Param("dst").Base(), GP64())
	srcs := Load(Param("srcs").Base(), GP64())
	var p []Register
	for k := range count {
		r := GP64()
		MOVQ(Mem{Base: srcs, Disp: 24 * k}, r)
		p = append(p, r)
	}
	at := func(base, i Register, disp int) Mem { return Mem{Base: base, Index: i, Scale: t.size, Disp: disp} }
	i := GP64()
	XORQ(i, i)
	two := GP64()
	MOVQ(n, two)
	ANDQ(I32(-2*t.per), two)
	ANDQ(I32(-t.per), n)
	tree := func(ys []VecPhysical) {
		for width := 1; width < count; width *= 2 {
			for k := 0; k+width < count; k += 2 * width {
				t.min(ys[k+width], ys[k], Y14)
				t.min(ys[k], ys[k+width], Y15)
				if t.size == 4 {
					VORPS(Y15, Y14, ys[k])
				} else {
					VORPD(Y15, Y14, ys[k])
				}
			}
		}
	}
	a := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7}
	b := []VecPhysical{Y8, Y9, Y10, Y11, Y12, Y13}
	Label("pairs")
	CMPQ(i, two)
	JAE(LabelRef("single"))
	if count <= len(b) {
		for k := range count {
			t.load(at(p[k], i, 0), a[k])
			t.load(at(p[k], i, 32), b[k])
		}
		tree(a[:count])
		tree(b[:count])
		t.store(a[0], at(d, i, 0))
		t.store(b[0], at(d, i, 32))
	} else {
		for half := range 2 {
			for k := range count {
				t.load(at(p[k], i, 32*half), a[k])
			}
			tree(a[:count])
			t.store(a[0], at(d, i, 32*half))
		}
	}
	ADDQ(Imm(uint64(2*t.per)), i)
	JMP(LabelRef("pairs"))
	Label("single")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	for k := range count {
		t.load(at(p[k], i, 0), a[k])
	}
	tree(a[:count])
	t.store(a[0], at(d, i, 0))
	Label("done")
	VZEROUPPER()
	RET()
}
