package compile

import "fmt"

// Fused is a chain of a program's instructions that a machine runs as
// one pass over the strip (fuse.go, fuse_filter.go, fuse_ew.go).
type Fused struct {
	First, Last int    // the chain's first and last instruction
	What        string // what the chain computes
	Wide        bool   // fused only where the AVX-512 kernels run (Wide)
}

func (f Fused) String() string {
	s := fmt.Sprintf("%d-%d %s", f.First, f.Last, f.What)
	if f.Wide {
		s += " (AVX-512)"
	}
	return s
}

// Fusions lists the chains a machine runs fused, in program order: on a
// CPU where the AVX-512 kernels run (wide) or on one where they do not.
// kfilter explain and bench report them.
func (p *Program) Fusions(wide bool) []Fused {
	fuse, ew := ewFusions(p, filterSums(p, fusions(p)), wide)
	var fs []Fused
	for pc := 0; pc < len(fuse); pc++ {
		n, what := 3, "fused chain"
		switch fuse[pc] {
		case fuseNone:
			continue
		case fuseAbsDevSum:
			what = "sum of absolute deviations"
		case fuseSqDevSum:
			what = "sum of squared deviations"
		case fuseFilterSum:
			n, what = 2, "filter and "+p.Instrs[pc+1].Op.String()
		case fuseEW:
			n, what = ew[pc].count, "elementwise, 8 pixels a step"
		}
		fs = append(fs, Fused{First: pc, Last: pc + n - 1, What: what, Wide: fuse[pc] == fuseEW})
		pc += n - 1
	}
	return fs
}
