package filter

// patternAlgorithms are the algorithms of a recognised pattern, tried in
// order (cheapest first within a pattern kind): those a kernel that is a
// pattern, or a hoisted sub-expression, may run by.
var patternAlgorithms = []algorithm{
	directAlg{}, directF32Alg{}, erodeU8Alg{}, intRunsAlg{}, runsF32Alg{}, runsAlg{}, intMedianAlg{}, ctMedianAlg{}, histogramAlg{}, hist16Alg{}, median3F32Alg{}, median3F64Alg{}, median3Alg{}, boxMedianAlg{}, typedRankAlg{}, rankProgramAlg{},
}

// algorithms are tried in order; the first that applies runs: the
// pattern algorithms, then hoisting, then the lane program, which always
// applies.
var algorithms = append(patternAlgorithms[:len(patternAlgorithms):len(patternAlgorithms)], hoistBoxAlg{}, hoistAlg{}, generalAlg{})

// choose picks the algorithm for plan p and input dtype.
func (f *Filter) choose(p *plan, dtype DType) linePlan {
	if f.opts.General {
		return generalAlg{}.choose(&candidate{f: f, p: p, dtype: dtype})
	}
	c := &candidate{f: f, p: p, dtype: dtype}
	if pat, ok := f.prog.Recognize(f.opts.Params); ok {
		c.pat = newPatternPlan(p, pat, 0)
	}
	for _, a := range algorithms {
		if lp := a.choose(c); lp != nil {
			return lp
		}
	}
	panic("filter: no algorithm applies") // generalAlg always does
}
