// Package compile lowers a checked kernel (package lang) to a flat program
// over lane registers and runs it.
//
// A register, or slot, holds one float64 per pixel of a strip. An array is
// a run of consecutive slots, one per element, so that element k of every
// pixel of the strip is one contiguous vector: the engine hands the program
// its input as one slice per footprint element (in[k][i] is element k for
// pixel i), and the program's instructions each do a whole strip, so there
// is one dispatch per instruction per strip, never per pixel. A few chains
// of instructions whose intermediate arrays nothing else reads run as one
// pass (fuse.go: the sums of |x - b| and (x - b)²), with the same
// arithmetic in the same order; their arrays then get no register memory
// and the machine runs longer strips (runstrip.go, Program.RunStrip).
//
// Compile once, then make one Machine per goroutine and run it on strips:
//
//	p, err := compile.Compile("median(abs(values - c))", compile.Config{
//		N:      9,
//		Params: map[string]compile.Param{"c": compile.Number(0.5)},
//	})
//	m := p.NewMachine()
//	m.Run(out, in, center) // in[k][i]: footprint element k of pixel i
//
// A Program is data: Instrs is a slice of Instr, each with an Op, and
// Program.String disassembles it. Constant folding and common-subexpression
// elimination happen while lowering. Eval is a plain reference evaluator
// that walks the checked tree for one pixel; the tests hold the lane program
// to it.
package compile
