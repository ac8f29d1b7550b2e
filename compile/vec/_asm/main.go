// Command _asm writes package vec's AVX2 kernels (kernels_amd64.s) and
// their Go declarations (kernels_stub_amd64.go) with avo. Run it through
// go generate in compile/vec; it is a module of its own so that kfilter's
// go.mod does not require avo.
//
// Each kernel handles the first len(d)&^3 elements of its slices, four
// at a time, and ends with VZEROUPPER; package vec's Go code checks the
// lengths, chooses the kernel by CPU feature and does the tail with the
// portable loop. No kernel uses FMA: each product is rounded before its
// sum, as in the portable Go.
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	if u8Kernels() {
		return
	}
	if smallKernels() {
		return
	}
	if ctmedKernels() {
		return
	}
	if med3pairKernels() {
		return
	}
	if leeKernels() {
		return
	}
	if med5fKernels() {
		return
	}
	if intsum2Kernels() {
		return
	}
	if contrastKernels() {
		return
	}
	ConstraintExpr("!purego")

	unary("sqrtAVX2", "d = sqrt(d)", func(x VecPhysical) { VSQRTPD(x, x) })
	binaryInto("addIntoAVX2", "d += a", func(a, d VecPhysical) { VADDPD(a, d, d) })
	divideBy()
	for _, op := range []struct {
		name, sym string
		f         func(b, a, d VecPhysical)
	}{
		{"add", "+", func(b, a, d VecPhysical) { VADDPD(b, a, d) }},
		{"sub", "-", func(b, a, d VecPhysical) { VSUBPD(b, a, d) }},
		{"mul", "*", func(b, a, d VecPhysical) { VMULPD(b, a, d) }},
		{"div", "/", func(b, a, d VecPhysical) { VDIVPD(b, a, d) }},
	} {
		ternary(op.name+"AVX2", "d = a "+op.sym+" b", "d, a, b", op.f)
	}
	copyNormalized()
	addTerm()
	sumBlocks(false)
	sumBlocks(true)
	ternary("minMaxAVX2", "a, b = min(x, y), max(x, y)", "a, b, x, y", nil)
	ternary("minToAVX2", "a = min(x, y)", "a, x, y", func(y, x, a VecPhysical) { VMINPD(y, x, a) })
	ternary("maxToAVX2", "a = max(x, y)", "a, x, y", func(y, x, a VecPhysical) { VMAXPD(y, x, a) })
	minOfMax()
	colsort3()
	med9()
	for count := 2; count <= 8; count++ {
		fold("min", count)
		fold("max", count)
	}
	for _, k := range []struct {
		name, typ string
		size      int
		min, max  func(y Op, x, a VecPhysical)
	}{
		{"U8", "uint8", 1, func(y Op, x, a VecPhysical) { VPMINUB(y, x, a) }, func(y Op, x, a VecPhysical) { VPMAXUB(y, x, a) }},
		{"I8", "int8", 1, func(y Op, x, a VecPhysical) { VPMINSB(y, x, a) }, func(y Op, x, a VecPhysical) { VPMAXSB(y, x, a) }},
		{"U16", "uint16", 2, func(y Op, x, a VecPhysical) { VPMINUW(y, x, a) }, func(y Op, x, a VecPhysical) { VPMAXUW(y, x, a) }},
		{"I16", "int16", 2, func(y Op, x, a VecPhysical) { VPMINSW(y, x, a) }, func(y Op, x, a VecPhysical) { VPMAXSW(y, x, a) }},
	} {
		intsTo("min"+k.name+"AVX2", "min", k.typ, k.size, k.min)
		intsTo("max"+k.name+"AVX2", "max", k.typ, k.size, k.max)
	}
	Generate()
}

// loop emits a loop over i = 0, 4, ... below len(first slice)&^3 (n),
// calling body with i, then VZEROUPPER and RET.
func loop(n, i Register, body func()) {
	ANDQ(I32(-4), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	body()
	ADDQ(Imm(4), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// at is element i of the slice at base.
func at(base, i Register) Mem { return Mem{Base: base, Index: i, Scale: 8} }

// slices loads the base pointers of the named slices, and the length of
// the first as the loop bound.
func slices(names ...string) (n Register, bases []Register) {
	n = Load(Param(names[0]).Len(), GP64())
	for _, name := range names {
		bases = append(bases, Load(Param(name).Base(), GP64()))
	}
	return n, bases
}

func zero() Register {
	i := GP64()
	XORQ(i, i)
	return i
}

func unary(name, doc string, f func(x VecPhysical)) {
	TEXT(name, NOSPLIT, "func(d []float64)")
	Pragma("noescape")
	Doc(name + " sets " + doc + " for the first len(d)&^3 elements.")
	n, p := slices("d")
	i := zero()
	loop(n, i, func() {
		VMOVUPD(at(p[0], i), Y0)
		f(Y0)
		VMOVUPD(Y0, at(p[0], i))
	})
}

func binaryInto(name, doc string, f func(a, d VecPhysical)) {
	TEXT(name, NOSPLIT, "func(d, a []float64)")
	Pragma("noescape")
	Doc(name + " sets " + doc + " for the first len(d)&^3 elements; len(a) >= len(d).")
	n, p := slices("d", "a")
	i := zero()
	loop(n, i, func() {
		VMOVUPD(at(p[0], i), Y0)
		VMOVUPD(at(p[1], i), Y1)
		f(Y1, Y0)
		VMOVUPD(Y0, at(p[0], i))
	})
}

func divideBy() {
	TEXT("divideByAVX2", NOSPLIT, "func(d []float64, c float64)")
	Pragma("noescape")
	Doc("divideByAVX2 sets d /= c for the first len(d)&^3 elements.")
	n, p := slices("d")
	VBROADCASTSD(NewParamAddr("c", 24), Y1)
	i := zero()
	loop(n, i, func() {
		VMOVUPD(at(p[0], i), Y0)
		VDIVPD(Y1, Y0, Y0)
		VMOVUPD(Y0, at(p[0], i))
	})
}

// ternary is d = f(a, b) elementwise, or minMax (f nil): a, b = min, max.
func ternary(name, doc, params string, f func(b, a, d VecPhysical)) {
	TEXT(name, NOSPLIT, "func("+params+" []float64)")
	Pragma("noescape")
	Doc(name + " sets " + doc + " for the first len(" + params[:1] + ")&^3 elements; the other slices are at least as long.")
	if f == nil {
		Doc("The inputs hold no NaN and no -0: VMINPD and VMAXPD then give Go's min and max.")
		n, p := slices("a", "b", "x", "y")
		i := zero()
		loop(n, i, func() {
			VMOVUPD(at(p[2], i), Y0)
			VMOVUPD(at(p[3], i), Y1)
			VMINPD(Y1, Y0, Y2)
			VMAXPD(Y1, Y0, Y3)
			VMOVUPD(Y2, at(p[0], i))
			VMOVUPD(Y3, at(p[1], i))
		})
		return
	}
	var names []string
	for _, c := range params {
		if c >= 'a' && c <= 'z' {
			names = append(names, string(c))
		}
	}
	n, p := slices(names...)
	i := zero()
	loop(n, i, func() {
		VMOVUPD(at(p[1], i), Y0)
		VMOVUPD(at(p[2], i), Y1)
		f(Y1, Y0, Y2)
		VMOVUPD(Y2, at(p[0], i))
	})
}

func copyNormalized() {
	TEXT("copyNormalizedAVX2", NOSPLIT, "func(w, sum, a []float64)")
	Pragma("noescape")
	Doc("copyNormalizedAVX2 sets w = a + 0 (-0 becomes 0) and sum += a for the first len(w)&^3 elements.")
	n, p := slices("w", "sum", "a")
	VXORPD(Y3, Y3, Y3)
	i := zero()
	loop(n, i, func() {
		VMOVUPD(at(p[2], i), Y0)
		VADDPD(Y3, Y0, Y1)
		VMOVUPD(Y1, at(p[0], i))
		VMOVUPD(at(p[1], i), Y2)
		VADDPD(Y0, Y2, Y2)
		VMOVUPD(Y2, at(p[1], i))
	})
}

func addTerm() {
	TEXT("addTermAVX2", NOSPLIT, "func(d, a, mu []float64)")
	Pragma("noescape")
	Doc("addTermAVX2 sets d += (a - mu)² for the first len(d)&^3 elements, the square rounded before the sum.")
	n, p := slices("d", "a", "mu")
	i := zero()
	loop(n, i, func() {
		VMOVUPD(at(p[1], i), Y0)
		VSUBPD(at(p[2], i), Y0, Y0)
		VMULPD(Y0, Y0, Y0)
		VMOVUPD(at(p[0], i), Y1)
		VADDPD(Y0, Y1, Y1)
		VMOVUPD(Y1, at(p[0], i))
	})
}

// sumBlocks is numpy's pairwise sum of len(src) >= 8 terms per lane,
// x or (x - mu)²: accumulators Y0..Y7, accumulator j taking terms j,
// j+8, ... in order, combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
// then the terms past the last block of eight added one by one.
func sumBlocks(sq bool) {
	name, sig := "sumBlocksAVX2", "func(d []float64, src [][]float64)"
	if sq {
		name, sig = "sumSqBlocksAVX2", "func(d []float64, src [][]float64, mu []float64)"
	}
	TEXT(name, NOSPLIT, sig)
	Pragma("noescape")
	Doc(name+" sets d to numpy's pairwise sum over src (at least 8 slices, each at least len(d) long)", "of x"+map[bool]string{false: "", true: " - mu, squared"}[sq]+", for the first len(d)&^3 elements.")
	n := Load(Param("d").Len(), GP64())
	d := Load(Param("d").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	cnt := Load(Param("src").Len(), GP64())
	var mu Register
	if sq {
		mu = Load(Param("mu").Base(), GP64())
	}
	blocks := GP64()
	MOVQ(cnt, blocks)
	ANDQ(I32(-8), blocks)
	i := zero()
	k, s, t := GP64(), GP64(), GP64()
	acc := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7}
	// term loads the term from the slice whose header is at s+off
	// into x.
	term := func(off int, x VecPhysical) {
		MOVQ(Mem{Base: s, Disp: off}, t)
		VMOVUPD(at(t, i), x)
		if sq {
			VSUBPD(Y8, x, x)
			VMULPD(x, x, x)
		}
	}
	loop(n, i, func() {
		if sq {
			VMOVUPD(at(mu, i), Y8)
		}
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
		VMOVUPD(Y0, at(d, i))
	})
}

// intsTo emits a = op(x, y) over small integers of size bytes, 32 bytes
// at a time, for the first len(a)&^(32/size-1) elements.
func intsTo(name, op, typ string, size int, f func(y Op, x, a VecPhysical)) {
	TEXT(name, NOSPLIT, "func(a, x, y []"+typ+")")
	Pragma("noescape")
	per := 32 / size
	Doc(fmt.Sprintf("%s sets a = %s(x, y) for the first len(a)&^%d elements; the other slices are at least as long.", name, op, per-1))
	n, p := slices("a", "x", "y")
	i := zero()
	ANDQ(I32(-per), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	VMOVDQU(Mem{Base: p[1], Index: i, Scale: uint8(size)}, Y0)
	f(Mem{Base: p[2], Index: i, Scale: uint8(size)}, Y0, Y0)
	VMOVDQU(Y0, Mem{Base: p[0], Index: i, Scale: uint8(size)})
	ADDQ(Imm(uint64(per)), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func minOfMax() {
	TEXT("minOfMaxAVX2", NOSPLIT, "func(out, x, y []float64)")
	Pragma("noescape")
	Doc("minOfMaxAVX2 sets out = min(out, max(x, y)) for the first len(out)&^3 elements; no NaN, and the sign of equal zeros is arbitrary.")
	n, p := slices("out", "x", "y")
	i := zero()
	loop(n, i, func() {
		VMOVUPD(at(p[1], i), Y0)
		VMAXPD(at(p[2], i), Y0, Y0)
		VMINPD(at(p[0], i), Y0, Y0)
		VMOVUPD(Y0, at(p[0], i))
	})
}

func colsort3() {
	TEXT("colsort3AVX2", NOSPLIT, "func(lo, md, hi, a, b, c []float64)")
	Pragma("noescape")
	Doc("colsort3AVX2 sorts each column (a[i], b[i], c[i]) into lo, md, hi for the first len(lo)&^3 elements; no NaN, and the sign of equal zeros is arbitrary.")
	n, p := slices("lo", "md", "hi", "a", "b", "c")
	i := zero()
	loop(n, i, func() {
		VMOVUPD(at(p[3], i), Y0)
		VMOVUPD(at(p[4], i), Y1)
		VMOVUPD(at(p[5], i), Y2)
		VMINPD(Y1, Y0, Y3) // t1
		VMAXPD(Y1, Y0, Y4) // t2
		VMAXPD(Y2, Y3, Y5) // t3
		VMINPD(Y2, Y3, Y3)
		VMOVUPD(Y3, at(p[0], i))
		VMINPD(Y5, Y4, Y3)
		VMOVUPD(Y3, at(p[1], i))
		VMAXPD(Y5, Y4, Y3)
		VMOVUPD(Y3, at(p[2], i))
	})
}

func med9() {
	TEXT("med9AVX2", NOSPLIT, "func(out, lo, md, hi []float64)")
	Pragma("noescape")
	Doc("med9AVX2 sets out[i] to the median of the 3x3 window whose sorted columns start at i in lo, md, hi", "(each at least len(out)&^3 + 2 long) for the first len(out)&^3 elements; no NaN. The + 0 makes a zero +0.")
	n, p := slices("out", "lo", "md", "hi")
	VXORPD(Y15, Y15, Y15)
	i := zero()
	loop(n, i, func() {
		lo, md, hi := p[1], p[2], p[3]
		VMOVUPD(at(lo, i), Y0)
		VMAXPD(Mem{Base: lo, Index: i, Scale: 8, Disp: 8}, Y0, Y0)
		VMAXPD(Mem{Base: lo, Index: i, Scale: 8, Disp: 16}, Y0, Y0) // l
		VMOVUPD(at(hi, i), Y1)
		VMINPD(Mem{Base: hi, Index: i, Scale: 8, Disp: 8}, Y1, Y1)
		VMINPD(Mem{Base: hi, Index: i, Scale: 8, Disp: 16}, Y1, Y1) // h
		VMOVUPD(at(md, i), Y2)                                      // a
		VMOVUPD(Mem{Base: md, Index: i, Scale: 8, Disp: 8}, Y3)     // b
		VMINPD(Y3, Y2, Y4)                                          // min(a, b)
		VMAXPD(Y3, Y2, Y5)                                          // max(a, b)
		VMINPD(Mem{Base: md, Index: i, Scale: 8, Disp: 16}, Y5, Y5) // min(max(a, b), c)
		VMAXPD(Y5, Y4, Y4)                                          // m
		VMINPD(Y4, Y0, Y2)                                          // min(l, m)
		VMAXPD(Y4, Y0, Y3)                                          // max(l, m)
		VMINPD(Y1, Y3, Y3)                                          // min(max(l, m), h)
		VMAXPD(Y3, Y2, Y2)
		VADDPD(Y15, Y2, Y2)
		VMOVUPD(Y2, at(p[0], i))
	})
}

// fold is min or max over count sources, exact as Go's min and max:
// VMINPD and VMAXPD do not propagate NaN, so the kernel also adds the
// operands and stops at the first four pixels whose sum is NaN (a NaN
// among them, or +Inf with -Inf), returning their index for the portable
// loop; and they return either of two equal zeros, so the sign bit is
// fixed: a min is negative, or -0, exactly when some operand's sign bit
// is set (OR it in), a max is positive, or +0, exactly when some
// operand's sign bit is clear (AND).
func fold(op string, count int) {
	name := fmt.Sprintf("fold%s%dAVX2", map[string]string{"min": "Min", "max": "Max"}[op], count)
	TEXT(name, NOSPLIT, "func(dst []float64, srcs [][]float64, i int) int")
	Pragma("noescape")
	Doc(fmt.Sprintf("%s sets dst to the %s over srcs (%d slices, each at least len(dst) long), four at a time", name, op, count),
		"from i below len(dst)&^3. It returns where it stopped: len(dst)&^3, or the index of four pixels",
		"among which is a NaN or +Inf with -Inf, for the portable loop.")
	n := Load(Param("dst").Len(), GP64())
	d := Load(Param("dst").Base(), GP64())
	srcs := Load(Param("srcs").Base(), GP64())
	var p []Register
	for k := range count {
		r := GP64()
		MOVQ(Mem{Base: srcs, Disp: 24 * k}, r)
		p = append(p, r)
	}
	i := Load(Param("i"), GP64())
	VPCMPEQQ(Y15, Y15, Y15)
	if op == "min" {
		VPSLLQ(U8(63), Y15, Y15) // the sign bit
	} else {
		VPSRLQ(U8(1), Y15, Y15) // all but the sign bit
	}
	ANDQ(I32(-4), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	ys := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7}
	for k := range count {
		VMOVUPD(at(p[k], i), ys[k])
	}
	// the NaN test
	VADDPD(Y1, Y0, Y8)
	for k := 2; k < count; k++ {
		VADDPD(ys[k], Y8, Y8)
	}
	VCMPPD(U8(3), Y8, Y8, Y8) // unordered
	t := GP32()
	VMOVMSKPD(Y8, t)
	TESTL(t, t)
	JNZ(LabelRef("done"))
	// the sign bits of all the operands, then the fold as a balanced
	// tree (the tree's depth bounds the latency)
	bits := VORPD
	if op == "max" {
		bits = VANDPD
	}
	bits(Y1, Y0, Y10)
	for k := 2; k < count; k++ {
		bits(ys[k], Y10, Y10)
	}
	for width := 1; width < count; width *= 2 {
		for k := 0; k+width < count; k += 2 * width {
			if op == "min" {
				VMINPD(ys[k+width], ys[k], ys[k])
			} else {
				VMAXPD(ys[k+width], ys[k], ys[k])
			}
		}
	}
	if op == "min" {
		VANDPD(Y15, Y10, Y10)
		VORPD(Y10, Y0, Y0)
	} else {
		VORPD(Y15, Y10, Y10)
		VANDPD(Y10, Y0, Y0)
	}
	VMOVUPD(Y0, at(d, i))
	ADDQ(Imm(4), i)
	JMP(LabelRef("loop"))
	Label("done")
	Store(i, ReturnIndex(0))
	VZEROUPPER()
	RET()
}
