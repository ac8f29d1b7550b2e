package compile

import "github.com/kfilter/kfilter/compile/vec"

// A filter whose packed array only the sum or mean right after it reads,
//
//	filter  X[N], c = A[N], P[N]
//	sum     z = X[N], len c       or  mean z = X[N], len c
//
// runs as one masked sum (vec.SumFilter): the kept elements are summed
// in numpy's pairwise order as if packed, and counted, but never
// stored. The packing, a store per element at a place that depends on
// the predicates, cost twice the sum and the predicates together.

// fuseFilterSum marks such a filter; its sum follows it.
const fuseFilterSum uint8 = 0x40

// filterSums marks the filter-and-sum pairs of p in fuse (allocated if
// nil) among the instructions no other fusion takes.
func filterSums(p *Program, fuse []uint8) []uint8 {
	ins := p.Instrs
	for pc := 0; pc+1 < len(ins); pc++ {
		flt, sum := &ins[pc], &ins[pc+1]
		if flt.Op != OpFilter || flt.L >= 0 || flt.N < 1 || flt.N > 128 || flt.SA != 1 || flt.SB > 1 ||
			(sum.Op != OpSum && sum.Op != OpMean) || sum.A != flt.Dst || sum.N != flt.N || sum.L != flt.DL || sum.Net >= 0 {
			continue
		}
		if fuse != nil && (fuse[pc] != fuseNone || fuse[pc+1] != fuseNone) {
			continue
		}
		if !dead(p, pc+2, []span{{flt.Dst, flt.Dst + flt.N}}, sum.Dst) {
			continue
		}
		if fuse == nil {
			fuse = make([]uint8, len(ins))
		}
		fuse[pc] = fuseFilterSum
		pc++
	}
	return fuse
}

// runFilterSum runs the pair that starts at pc; it returns 2.
func (m *Machine) runFilterSum(pc, n int) int {
	flt, sum := &m.p.Instrs[pc], &m.p.Instrs[pc+1]
	s := m.slots
	sb := int32(flt.SB)
	// the sum's slot is not the count's (a destination never overlaps an
	// operand, regalloc.go), and the kernel reads every pixel of src and
	// pred before it writes that pixel's sum and count
	d, cnt := s[sum.Dst][:n], s[flt.DL][:n]
	vec.SumFilter(d, cnt, s[flt.A:flt.A+flt.N], s[flt.B:flt.B+(flt.N-1)*sb+1], int(sb))
	if sum.Op == OpMean {
		arith(d, d, cnt, vDiv) // 0/0 is NaN, the mean of nothing
	}
	return 2
}
