package filter

// patternAlgorithms are the algorithms of a recognised pattern, tried in
// order (cheapest first within a pattern kind): those a kernel that is a
// pattern, or a hoisted sub-expression, may run by.
//
// The rank paths' order was set by measurement (1024x1024 noise and a
// photo, 128^3 for ball:2, one thread, a shared machine; steady-state
// medians, ms): the integer networks up to 15 values and the uint8 5x5
// and 7x7 median kernels (uint8 5x5 1.5 against 10 for the typed rank
// path), the 3x3 medians, then the typed rank path on up to 256 values
// (float32 5x5 18 against 52 by box columns, float64 5x5 33-55 against
// 44-77, uint8 disk:3 20 against 91 by the histogram, uint16 9x9 48
// against 465 by the 16-bit histogram, uint8 ball:2 58 against 250); it
// leaves 8-bit boxes of 81 values and 9 rows up to the constant-time
// median (uint8 9x9 26-31 against 29-30, int8 11x11 26 against 39, 15x15
// 39 against 125) and uint8 past 192 values to the sliding histogram
// (ctMedianVecValues, typedRankU8Max, intMedianMax have the numbers).
// The 16-bit histogram and the float box columns keep what the typed
// rank path does not take: more than 256 values, transformed medians, a
// NaN cval.
var patternAlgorithms = []algorithm{
	directAlg{}, directF32Alg{}, erodeU8Alg{}, intRunsAlg{}, runsF32Alg{}, intSumAlg{}, runsAlg{}, intMedianAlg{}, median3F32Alg{}, median3F64Alg{}, median3Alg{}, median5FAlg{}, typedRankAlg{}, keyHistAlg{}, ctMedianAlg{}, histogramAlg{}, hist16Alg{}, boxMedianAlg{}, rankProgramAlg{},
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
