package main

import (
	"flag"
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// u8Flag selects the uint8 rank kernels (kernels_u8_amd64.s), generated
// by their own go:generate line (gen_u8.go).
var u8Flag = flag.Bool("u8", false, "write the uint8 rank kernels instead")

// u8Kernels writes the uint8 rank kernels and reports true when -u8 is
// given; main then returns.
func u8Kernels() bool {
	flag.Parse()
	if !*u8Flag {
		return false
	}
	ConstraintExpr("!purego")
	median3x3U8()
	selectionU8("median5x5SortedU8AVX2", 5, 5, median5x5Net, 12)
	selectionU8("median7x7U8AVX2", 7, 7, median7x7Net, 24)
	Generate()
	return true
}

// median3x3U8 emits the 3x3 median of uint8 lines in one pass: per 32
// pixels, the three columns at offsets 0, 1 and 2 of rows a, b and c
// sorted in registers (each column's sort recomputed by the three windows
// that share it: cheaper than a store and a reload), then
// med3(max of lows, med3 of middles, min of highs).
func median3x3U8() {
	TEXT("median3x3U8AVX2", NOSPLIT, "func(out, a, b, c []uint8)")
	Pragma("noescape")
	Doc("median3x3U8AVX2 sets out[i] to the median of a[i:i+3], b[i:i+3] and c[i:i+3] for the first len(out)&^31 elements;",
		"a, b and c are at least that + 2 long.")
	n, p := slices("out", "a", "b", "c")
	i := zero()
	ANDQ(I32(-32), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	var lo, md, hi [3]VecPhysical
	regs := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8}
	for k := 0; k < 3; k++ {
		lo[k], md[k], hi[k] = regs[3*k], regs[3*k+1], regs[3*k+2]
		disp := k
		VMOVDQU(Mem{Base: p[1], Index: i, Scale: 1, Disp: disp}, Y10) // x
		VMOVDQU(Mem{Base: p[2], Index: i, Scale: 1, Disp: disp}, Y11) // y
		VPMINUB(Y11, Y10, Y12)                                        // t1 = min(x, y)
		VPMAXUB(Y11, Y10, Y13)                                        // t2 = max(x, y)
		VMOVDQU(Mem{Base: p[3], Index: i, Scale: 1, Disp: disp}, Y10) // z
		VPMAXUB(Y10, Y12, Y14)                                        // t3 = max(t1, z)
		VPMINUB(Y10, Y12, lo[k])                                      // lo = min(t1, z)
		VPMINUB(Y14, Y13, md[k])                                      // md = min(t2, t3)
		VPMAXUB(Y14, Y13, hi[k])                                      // hi = max(t2, t3)
	}
	VPMAXUB(lo[1], lo[0], Y10)
	VPMAXUB(lo[2], Y10, Y10) // l
	VPMINUB(hi[1], hi[0], Y11)
	VPMINUB(hi[2], Y11, Y11) // h
	VPMINUB(md[1], md[0], Y12)
	VPMAXUB(md[1], md[0], Y13)
	VPMINUB(md[2], Y13, Y13)
	VPMAXUB(Y13, Y12, Y12) // m = med3 of the middles
	VPMINUB(Y12, Y10, Y13) // min(l, m)
	VPMAXUB(Y12, Y10, Y14) // max(l, m)
	VPMINUB(Y11, Y14, Y14) // min(max(l, m), h)
	VPMAXUB(Y14, Y13, Y13)
	VMOVDQU(Y13, Mem{Base: p[0], Index: i, Scale: 1})
	ADDQ(Imm(32), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

// ce is a compare-exchange of a selection network: wire I gets the min
// (if Lo), wire J the max (if Hi); a result not kept is never read again.
type ce struct {
	I, J   int
	Lo, Hi bool
}

// median5x5Net is network.PresortedSelection(5, 5, 12, 12): over 25
// wires, wire c*5+r holding rank r of column c, columns already sorted,
// it puts rank 12 (the median) on wire 12. (The _asm module does not
// import kfilter; filter's tests compare the kernel with the lane program
// on every 5x5 box.)
var median5x5Net = []ce{
	{4, 5, true, true}, {14, 15, true, true}, {5, 7, true, true}, {8, 10, true, true}, {9, 11, true, true}, {12, 14, true, true}, {5, 6, true, true}, {9, 10, true, true}, {13, 14, true, true}, {0, 4, true, true}, {1, 5, true, true}, {2, 6, true, true}, {8, 12, true, true}, {10, 14, true, true}, {11, 15, true, true}, {16, 20, true, true}, {17, 21, true, true}, {18, 22, true, true}, {19, 23, true, true}, {2, 4, true, true}, {3, 5, true, true}, {10, 12, true, true}, {11, 13, true, true}, {18, 20, true, true}, {19, 21, true, true}, {1, 2, true, true}, {3, 4, true, true}, {5, 6, true, true}, {9, 10, true, true}, {11, 12, true, true}, {13, 14, true, true}, {17, 18, true, true}, {19, 20, true, true}, {21, 22, true, true}, {0, 8, true, true}, {1, 9, true, true}, {2, 10, true, true}, {3, 11, true, true}, {4, 12, true, true}, {5, 13, true, true}, {6, 14, true, true}, {7, 15, true, false}, {4, 8, true, true}, {5, 9, true, true}, {6, 10, true, true}, {7, 11, true, true}, {20, 24, true, true}, {2, 4, true, true}, {3, 5, true, true}, {6, 8, true, true}, {7, 9, true, true}, {10, 12, true, true}, {11, 13, true, true}, {22, 24, true, true}, {1, 2, true, true}, {3, 4, true, true}, {5, 6, true, true}, {7, 8, true, true}, {9, 10, true, true}, {11, 12, true, true}, {13, 14, true, false}, {21, 22, true, true}, {23, 24, true, true}, {0, 16, false, true}, {1, 17, false, true}, {2, 18, false, true}, {3, 19, false, true}, {4, 20, false, true}, {5, 21, false, true}, {6, 22, true, false}, {7, 23, true, false}, {8, 24, true, false}, {8, 16, false, true}, {9, 17, false, true}, {10, 18, true, false}, {11, 19, true, false}, {12, 20, true, false}, {13, 21, true, false}, {6, 10, false, true}, {7, 11, false, true}, {12, 16, true, false}, {13, 17, true, false}, {10, 12, false, true}, {11, 13, true, false}, {11, 12, false, true},
}

// selectionU8 emits a kernel that runs a selection network over h*w
// wires per 32 pixels, all in registers: wire c*h+r starts as line r at
// offset c (for out[i], src[r][i+c]: rank r of the sorted columns for
// the 5x5, the image's lines for the 7x7), and
// the kernel stores wire out. The wires live in the 16 YMM registers,
// allocated here at generation time: a wire is loaded from its source
// at its first use, and when no register is free the one whose next use
// is furthest is spilled to the stack (Belady's rule; a wire still equal
// to its source is dropped, not spilled).
func selectionU8(name string, h, w int, net []ce, outWire int) {
	params := "out"
	for r := 0; r < h; r++ {
		params += fmt.Sprintf(", s%d", r)
	}
	TEXT(name, 0, "func("+params+" []uint8)") // its frame is past NOSPLIT's limit
	Pragma("noescape")
	Doc(fmt.Sprintf("%s sets out[i] to rank %d of the %dx%d window s0..s%d at i..i+%d (for the 5x5, its columns sorted),", name, outWire, h, w, h-1, w-1),
		fmt.Sprintf("for the first len(out)&^31 elements; each s is at least that + %d long.", w-1))
	names := []string{"out"}
	for r := 0; r < h; r++ {
		names = append(names, fmt.Sprintf("s%d", r))
	}
	n, p := slices(names...)
	i := zero()
	slots := AllocLocal(32 * h * w)
	ANDQ(I32(-32), n)
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))

	const free = -1
	regs := []VecPhysical{Y0, Y1, Y2, Y3, Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15}
	holder := make([]int, len(regs)) // the wire in each register
	for k := range holder {
		holder[k] = free
	}
	inReg := make([]int, h*w)  // the register of each wire, or -1
	dirty := make([]bool, h*w) // changed since loaded from its source
	spilled := make([]bool, h*w)
	for k := range inReg {
		inReg[k] = -1
	}
	src := func(wire int) Mem {
		c, r := wire/h, wire%h
		return Mem{Base: p[1+r], Index: i, Scale: 1, Disp: c}
	}
	slot := func(wire int) Mem { return slots.Offset(32 * wire) }
	nextUse := func(wire, from int) int {
		for k := from; k < len(net); k++ {
			if net[k].I == wire || net[k].J == wire {
				return k
			}
		}
		if wire == outWire {
			return len(net)
		}
		return 1 << 30 // dead
	}
	// grab returns a free register, evicting the wire used furthest
	// ahead (never one of keep) when none is.
	grab := func(at int, keep ...int) int {
		for k, hw := range holder {
			if hw == free {
				return k
			}
		}
		best, bestUse := -1, -1
		for k, hw := range holder {
			if slices_contains(keep, hw) {
				continue
			}
			if u := nextUse(hw, at); u > bestUse {
				best, bestUse = k, u
			}
		}
		hw := holder[best]
		if dirty[hw] && bestUse < 1<<30 {
			VMOVDQU(regs[best], slot(hw))
			spilled[hw] = true
		}
		inReg[hw], holder[best] = -1, free
		return best
	}
	load := func(wire, at int, keep ...int) int {
		if inReg[wire] >= 0 {
			return inReg[wire]
		}
		k := grab(at, keep...)
		if spilled[wire] {
			VMOVDQU(slot(wire), regs[k])
		} else {
			VMOVDQU(src(wire), regs[k])
		}
		inReg[wire], holder[k] = k, wire
		return k
	}
	release := func(wire, at int) {
		if nextUse(wire, at) == 1<<30 && inReg[wire] >= 0 {
			holder[inReg[wire]], inReg[wire] = free, -1
		}
	}
	for at, c := range net {
		x := load(c.I, at, c.I, c.J)
		y := load(c.J, at, c.I, c.J)
		switch {
		case c.Lo && c.Hi:
			t := grab(at, c.I, c.J)
			VPMINUB(regs[y], regs[x], regs[t])
			VPMAXUB(regs[y], regs[x], regs[y])
			holder[x] = free
			inReg[c.I], holder[t] = t, c.I
		case c.Lo:
			VPMINUB(regs[y], regs[x], regs[x])
			holder[y], inReg[c.J] = free, -1
		case c.Hi:
			VPMAXUB(regs[y], regs[x], regs[y])
			holder[x], inReg[c.I] = free, -1
		}
		dirty[c.I], dirty[c.J] = true, true
		spilled[c.I], spilled[c.J] = false, false
		release(c.I, at+1)
		release(c.J, at+1)
	}
	VMOVDQU(regs[load(outWire, len(net))], Mem{Base: p[0], Index: i, Scale: 1})
	ADDQ(Imm(32), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}

func slices_contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
