package compile

import "github.com/kfilter/kfilter/compile/vec"

// Fusion runs a chain of instructions as one pass over the strip, the
// intermediate arrays never stored, when nothing after the chain reads
// them. The arithmetic is the chain's own, in the same order: a fused
// chain gives the instructions' bits.
//
// The chains so far are the absolute and squared deviation sums,
//
//	sub  X[N] = A[N], b      (b one number per pixel)
//	abs  Y[N] = X[N]         or  mul  Y[N] = X[N], X[N]
//	sum  z    = Y[N]         or  mean z = Y[N]
//
// run as numpy's pairwise sum of |A[k] - b| or (A[k] - b)² (then divided
// by N for the mean): sum(abs(values - center)), mean((values - m) ** 2)
// and their kin.

// fuseNone marks an instruction that runs on its own; the others the
// first of a fused chain.
const (
	fuseNone      uint8 = iota
	fuseAbsDevSum       // sub, abs, sum
	fuseSqDevSum        // sub, mul, sum or mean
)

// fusions finds the fused chains of p: for each instruction, the kind of
// chain that starts there.
func fusions(p *Program) []uint8 {
	var f []uint8
	ins := p.Instrs
	for pc := 0; pc+2 < len(ins); pc++ {
		sub, abs, sum := &ins[pc], &ins[pc+1], &ins[pc+2]
		n := sub.N
		kind := fuseNone
		switch {
		case abs.Op == OpAbs && sum.Op == OpSum:
			kind = fuseAbsDevSum
		case abs.Op == OpMul && abs.B == sub.Dst && abs.SB == 1 && (sum.Op == OpSum || sum.Op == OpMean):
			kind = fuseSqDevSum
		}
		if kind == fuseNone || sub.Op != OpSub || n < 1 ||
			sub.SA != 1 || sub.SB != 0 || abs.N != n || abs.A != sub.Dst || abs.SA != 1 ||
			sum.N != n || sum.A != abs.Dst || sum.L >= 0 || sum.Net >= 0 {
			continue
		}
		x, y := span{sub.Dst, sub.Dst + n}, span{abs.Dst, abs.Dst + n}
		// Each stage as the machine runs it, element k after element k:
		// a destination is its source or apart from it, b apart from X,
		// and the sum's slot apart from what it sums (runFused sees to
		// it being apart from A and b).
		if !(x.lo == sub.A || !x.overlaps(span{sub.A, sub.A + n})) || x.has(sub.B) ||
			!(y.lo == x.lo || !y.overlaps(x)) || y.has(sum.Dst) {
			continue
		}
		if !dead(p, pc+3, []span{x, y}, sum.Dst) {
			continue
		}
		if f == nil {
			f = make([]uint8, len(ins))
		}
		f[pc] = kind
		pc += 2
	}
	return f
}

// span is the slots lo..hi-1.
type span struct{ lo, hi int32 }

func (s span) has(slot int32) bool  { return slot >= s.lo && slot < s.hi }
func (s span) overlaps(t span) bool { return s.lo < t.hi && t.lo < s.hi }

// dead reports whether no instruction from pc on, nor the result, reads
// a slot of spans (bar keep, written by the chain) before writing it.
func dead(p *Program, pc int, spans []span, keep int32) bool {
	live := map[int32]bool{}
	for _, s := range spans {
		for slot := s.lo; slot < s.hi; slot++ {
			if slot != keep {
				live[slot] = true
			}
		}
	}
	reads := func(base int32, n int32, stride uint8) bool {
		if base < 0 {
			return false
		}
		if stride == 0 {
			n = 1
		}
		for k := int32(0); k < n; k++ {
			if live[base+k*int32(stride)] {
				return true
			}
		}
		return false
	}
	kill := func(base, n int32) {
		for k := int32(0); k < n; k++ {
			delete(live, base+k)
		}
	}
	for _, in := range p.Instrs[pc:] {
		if len(live) == 0 {
			return true
		}
		if live[in.L] {
			return false
		}
		switch op := in.Op; {
		case op.arity() > 0:
			strides := []uint8{in.SA, in.SB, in.SC}
			for i, base := range []int32{in.A, in.B, in.C}[:op.arity()] {
				if reads(base, in.N, strides[i]) {
					return false
				}
			}
			kill(in.Dst, in.N)
		case op.IsReduction():
			if reads(in.A, in.N, 1) || (op == OpPercentile && reads(in.B, 1, 0)) {
				return false
			}
			kill(in.Dst, 1)
		case op == OpSort:
			if reads(in.A, in.N, 1) {
				return false
			}
			kill(in.Dst, in.N)
		case op == OpFilter: // writes only the kept elements: kills none but the count
			if reads(in.A, in.N, 1) || reads(in.B, in.N, in.SB) {
				return false
			}
			kill(in.DL, 1)
		case op == OpGather:
			if reads(in.A, in.M, 1) || reads(in.B, in.N, in.SB) {
				return false
			}
			kill(in.Dst, in.N)
		default:
			return false
		}
	}
	return !live[p.Result]
}

// runFused runs the chain that starts at instruction pc and returns how
// many instructions it ran.
func (m *Machine) runFused(pc, n int) int {
	if m.fuse[pc] == fuseEW {
		return m.runEW(pc, n)
	}
	if m.fuse[pc] == fuseFilterSum {
		return m.runFilterSum(pc, n)
	}
	ins := m.p.Instrs[pc:]
	sub, sum := &ins[0], &ins[2]
	s := m.slots
	d := s[sum.Dst][:n]
	scratch := sum.Dst == sub.B || (span{sub.A, sub.A + sub.N}).has(sum.Dst)
	if scratch {
		// the sum would overwrite its operands before it has read them
		// all: it goes through scratch
		d = m.mean[:n]
	}
	src, mu := s[sub.A:sub.A+sub.N], s[sub.B][:n]
	switch m.fuse[pc] {
	case fuseAbsDevSum:
		m.sumAbsDev(d, src, mu, 0)
	case fuseSqDevSum:
		if sum.Op == OpMean {
			m.meanLanes(d, src, mu)
		} else {
			m.sumLanes(d, src, mu, 0)
		}
	default:
		panic("compile: unknown fusion")
	}
	if scratch {
		copy(s[sum.Dst][:n], d)
	}
	return 3
}

// sumAbsDev is sumLanes with the terms |x - mu|.
func (m *Machine) sumAbsDev(d []float64, src [][]float64, mu []float64, depth int) {
	cnt := len(src)
	switch {
	case cnt < 8:
		for i := range d {
			d[i] = 0
		}
		for _, a := range src {
			vec.AddAbsDev(d, a, mu)
		}
	case cnt <= 128:
		vec.SumAbsDevBlocks(d, src, mu)
	default:
		n2 := cnt / 2
		n2 -= n2 % 8
		tmp := m.acc[depth][:len(d)]
		m.sumAbsDev(d, src[:n2], mu, depth+1)
		m.sumAbsDev(tmp, src[n2:], mu, depth+1)
		addInto(d, tmp)
	}
}
