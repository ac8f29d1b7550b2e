package compile

// A fused chain (fuse.go) never stores the arrays between its
// instructions, so their registers need no memory; without them the
// temporaries a machine sweeps can be few even when the program names
// many (the 7x7 local variance's 99 registers are five). The machine then
// runs longer strips than Program.Strip, which is sized for every
// register: one strip per line instead of four, and a fourth of the
// per-strip work (each input's slice, each instruction's dispatch).
// Likewise Run points only the inputs an instruction reads at the
// caller's vectors: a program with hoisted sub-expressions often reads
// none of the footprint's values.

// maxRunStrip bounds a machine's strip: a 2048-pixel line in one strip.
const maxRunStrip = 2048

// slotsUsed reports, per slot, whether the machine reads or stores it
// when it runs with the fusions fuse (fusions, before ewFusions), and
// whether a fused chain leaves registers unstored; nil when it cannot
// tell (a filter, which addresses its destination through the arena).
func slotsUsed(p *Program, fuse []uint8) (used []bool, skipped bool) {
	used = make([]bool, p.NumSlots)
	mark := func(base, n int32, stride uint8) {
		if base < 0 {
			return
		}
		if stride == 0 {
			n = 1
		}
		for k := int32(0); k < n; k++ {
			if s := base + k*int32(stride); s < int32(len(used)) {
				used[s] = true
			}
		}
	}
	for pc := 0; pc < len(p.Instrs); pc++ {
		in := &p.Instrs[pc]
		if fuse != nil && fuse[pc] != fuseNone && fuse[pc] != fuseEW {
			// a deviation sum: reads its sources and the centre, writes
			// the sum; the two arrays in between are never stored
			sub, sum := in, &p.Instrs[pc+2]
			mark(sub.A, sub.N, 1)
			mark(sub.B, 1, 0)
			mark(sum.Dst, 1, 0)
			pc += 2
			skipped = true
			continue
		}
		mark(in.L, 1, 0)
		switch op := in.Op; {
		case op.arity() > 0:
			strides, bases := [3]uint8{in.SA, in.SB, in.SC}, [3]int32{in.A, in.B, in.C}
			for i, base := range bases[:op.arity()] {
				mark(base, in.N, strides[i])
			}
			mark(in.Dst, in.N, 1)
		case op.IsReduction():
			mark(in.A, in.N, 1)
			if op == OpPercentile {
				mark(in.B, 1, 0)
			}
			mark(in.Dst, 1, 0)
		case op == OpSort:
			mark(in.A, in.N, 1)
			mark(in.Dst, in.N, 1)
		case op == OpGather:
			mark(in.A, in.M, 1)
			mark(in.B, in.N, in.SB)
			mark(in.Dst, in.N, 1)
		default:
			return nil, false
		}
	}
	mark(p.Result, 1, 0)
	return used, skipped
}

// runLayout returns the strip a machine over p runs and, per slot,
// whether it needs no register memory (nil: every slot does), from
// slotsUsed.
func runLayout(p *Program, used []bool, skipped bool) (int, []bool) {
	if used == nil || !skipped {
		return p.Strip, nil
	}
	unused := make([]bool, p.NumSlots)
	temps := 0
	for s := p.N; s < p.NumSlots; s++ {
		if p.Kind(int32(s)) != SlotTemp {
			continue
		}
		if used[s] {
			temps++
		} else {
			unused[s] = true
		}
	}
	// scratch: a fused machine sweeps few vectors besides its registers
	// (the mean's, the NaN sums', a long sum's levels), not stripFor's 16
	return max(p.Strip, stripMax(temps, p.Instrs, maxRunStrip, 4)), unused
}

// readInputs returns the footprint values (slots 0 .. N-1) the machine
// reads, from slotsUsed (all of them when it cannot tell).
func readInputs(p *Program, used []bool) []int32 {
	var read []int32
	for k := range p.N {
		if used == nil || used[k] {
			read = append(read, int32(k))
		}
	}
	return read
}

// RunStrip is the pixels per strip its machines run: Program.Strip, or
// more when fused chains leave registers unstored.
func (p *Program) RunStrip() int {
	fuse := fusions(p)
	used, skipped := slotsUsed(p, fuse)
	strip, _ := runLayout(p, used, skipped)
	return strip
}
