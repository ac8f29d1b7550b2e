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
	directAlg{}, directF32Alg{}, erodeU8Alg{}, intRunsAlg{}, runsF32Alg{}, runsAlg{}, intMedianAlg{}, median3F32Alg{}, median3F64Alg{}, median3Alg{}, typedRankAlg{}, ctMedianAlg{}, histogramAlg{}, hist16Alg{}, boxMedianAlg{}, rankProgramAlg{},
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
	if lp := pick(algorithms, c); lp != nil {
		return lp
	}
	panic("filter: no algorithm applies") // generalAlg always does
}

// portableOrder is the order without the vector kernels (the purego
// build, arm64 and every other architecture, an amd64 CPU without AVX2),
// where the portable loops run: an algorithm passes over a candidate in
// favour of a later one that applies (pick). Measured there
// (BenchmarkPortOrder, -tags purego: 1024x1024 noise, 128^3 for ball:2,
// one thread, mirror, a shared machine; medians of 3, ms): uint8 ranks of
// more than 9 values by the histogram (5x5 median 59 against 1340 by the
// integer network and 2038 by the typed rank path; 7x7 63 against 2105,
// disk:3 103 against 896, ball:2 235 against 2006), the uint8 3x3 median
// by column sorts (27 against 121 by the uint8 median kernel and 89 by the
// integer network), the 16-bit ranks the 16-bit histogram takes by it (9x9
// median 369 against 961, 15x15 488 against 3325), the 5x5 median of other
// types by the box median (float32 116 against 228, float64 109 against
// 211, int16 140 against 236), and the min and max of uint8 and float32 by
// the float64 runs (uint8 5x5 22 against 40, disk:7 49 against 176;
// float32 3x3 6.5 against 12 and 24, 7x7 16 against 73).
var portableOrder = []portableRule{
	{intMedianAlg{}, histogramAlg{}, func(c *candidate) bool { return c.dtype == Uint8 && c.pat.n > 9 }},
	{typedRankAlg{}, histogramAlg{}, func(c *candidate) bool { return c.dtype == Uint8 && c.pat.n > 9 }},
	{erodeU8Alg{}, median3Alg{}, func(c *candidate) bool { return true }},
	{intMedianAlg{}, median3Alg{}, func(c *candidate) bool { return c.dtype == Uint8 }},
	{typedRankAlg{}, hist16Alg{}, func(c *candidate) bool { return true }},
	{typedRankAlg{}, boxMedianAlg{}, func(c *candidate) bool { return c.pat.n <= 25 }},
	{erodeU8Alg{}, runsAlg{}, func(c *candidate) bool { return true }},
	{intRunsAlg{}, runsAlg{}, func(c *candidate) bool { return c.dtype == Uint8 }},
	{directF32Alg{}, runsAlg{}, func(c *candidate) bool { return true }},
	{runsF32Alg{}, runsAlg{}, func(c *candidate) bool { return true }},
}
