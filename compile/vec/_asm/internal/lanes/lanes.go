// Package lanes holds what the generators of float64 lane kernels share:
// the address of an element, the loop over four lanes at a time, and the
// constants of Go's amd64 exp.
package lanes

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// At is element i of the float64 slice at base.
func At(base, i Register) Mem { return Mem{Base: base, Index: i, Scale: 8} }

// Loop4 runs body for i = 0, 4, ... below len(d)&^3, d being the first of
// the slice parameters names (p has their bases, in order), then
// VZEROUPPER: Go's scalar float code is legacy SSE, and a dirty upper
// state would make each of its instructions pay the AVX-SSE transition.
func Loop4(names []string, body func(p []Register, i Register)) {
	n := Load(Param(names[0]).Len(), GP64())
	var p []Register
	for _, name := range names {
		p = append(p, Load(Param(name).Base(), GP64()))
	}
	i := GP64()
	XORQ(i, i)
	ANDQ(I32(-4), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	body(p, i)
	ADDQ(Imm(4), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// The constants of math/exp_amd64.s, as its assembler rounds them.
const (
	Log2e = 1.4426950408889634073599246810018920
	Ln2U  = 0.69314718055966295651160180568695068359375
	Ln2L  = 0.28235290563031577122588448175013436025525412068e-12
)

// ExpTaylor is exp_amd64.s's Taylor coefficients in the order its code
// reads them: exprodata+64, +56, ... +24, +0, +8.
var ExpTaylor = []float64{
	2.4801587301587301587e-5,
	1.9841269841269841270e-4,
	1.3888888888888888889e-3,
	8.3333333333333333333e-3,
	4.1666666666666666667e-2,
	1.6666666666666666667e-1,
	0.5,
	1.0,
}
