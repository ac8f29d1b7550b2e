package compile

import "github.com/kfilter/kfilter/compile/vec"

// Elementwise fusion: a run of two or more consecutive elementwise
// instructions of the kinds vec.RunEW does (+, -, *, /, minimum, maximum,
// neg, abs) runs as one program of per-pixel operations, eight pixels at
// a time through all of them (vec.EWProgram), instead of one pass over
// the strip per instruction: the temporaries stay in L1 instead of
// streaming through L2. Array instructions become one operation per
// element, in the machine's order. Every operation reads and writes only
// its own pixel, so any order that keeps each pixel's operations in
// program order gives the same bits as the instructions one by one.
//
// It is taken only with the AVX-512 kernel (vec.AVX512): without it
// RunEW's portable loop, one pixel at a time, is slower than the AVX2
// passes.

// fuseEW marks the first instruction of an elementwise chain.
const fuseEW uint8 = 0x80

// ewChain is a fused elementwise chain: its program and how many
// instructions it replaces.
type ewChain struct {
	prog  vec.EWProgram
	count int
}

// maxEWOps bounds a chain's operations (a 128-element array chain is
// 512): past it a chain is cut, the rest starting a chain of its own.
const maxEWOps = 2048

var ewCodes = map[Op]vec.EWCode{
	OpAdd: vec.EWAdd, OpSub: vec.EWSub, OpMul: vec.EWMul, OpDiv: vec.EWDiv,
	OpMin2: vec.EWMin, OpMax2: vec.EWMax, OpNeg: vec.EWNeg, OpAbs: vec.EWAbs,
}

// ewFusions finds the elementwise chains of p among the instructions no
// other fusion takes, marks their starts in fuse (allocated if nil) and
// returns the chains by first instruction.
func ewFusions(p *Program, fuse []uint8, wide bool) ([]uint8, []ewChain) {
	if !wide {
		return fuse, nil
	}
	var chains []ewChain
	ins := p.Instrs
	for pc := 0; pc < len(ins); {
		if fuse != nil && fuse[pc] != fuseNone {
			pc += 3 // fusions' chains are three instructions
			if fuse[pc-3] == fuseFilterSum {
				pc-- // a filter and its sum
			}
			continue
		}
		end, ops := pc, 0
		for end < len(ins) && (fuse == nil || fuse[end] == fuseNone) {
			in := &ins[end]
			if _, ok := ewCodes[in.Op]; !ok || ops+int(in.N) > maxEWOps {
				break
			}
			ops += int(in.N)
			end++
		}
		if end-pc < 2 {
			pc = max(end, pc+1)
			continue
		}
		var prog vec.EWProgram
		for _, in := range ins[pc:end] {
			code := ewCodes[in.Op]
			for k := int32(0); k < in.N; k++ {
				a := in.A + k*int32(in.SA)
				b := a
				if in.Op.arity() == 2 {
					b = in.B + k*int32(in.SB)
				}
				prog = prog.Op(code, int(in.Dst+k), int(a), int(b))
			}
		}
		if fuse == nil {
			fuse = make([]uint8, len(ins))
		}
		if chains == nil {
			chains = make([]ewChain, len(ins))
		}
		fuse[pc] = fuseEW
		chains[pc] = ewChain{prog: prog, count: end - pc}
		pc = end
	}
	return fuse, chains
}

// runEW runs the elementwise chain that starts at pc over n pixels and
// returns how many instructions it ran.
func (m *Machine) runEW(pc, n int) int {
	c := &m.ew[pc]
	vec.RunEW(m.slots, c.prog, n)
	return c.count
}
