package filter

// algorithms are tried in order; the first that applies runs. The
// pattern algorithms come first (cheapest first within a pattern kind),
// then hoisting, then the lane program, which always applies.
var algorithms = []algorithm{
	directAlg{}, runsAlg{}, histogramAlg{}, median3Alg{}, boxMedianAlg{}, rankProgramAlg{},
	hoistAlg{}, generalAlg{},
}

// patternAlgorithms are the algorithms of a recognised pattern: those a
// sub-expression may be hoisted to.
var patternAlgorithms = algorithms[:6]

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
