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
// one thread, mirror; a loaded shared machine, so medians of 3 to 7 runs
// in two to four processes, ms, clear wins only): uint8 ranks of more
// than 9 values by the histogram (5x5 median 59 against 1340 by the
// integer network and 2038 by the typed rank path; 7x7 63-105 against
// 2105-7223, disk:3 103 against 896, ball:2 235-309 against 2006-3028),
// but uint8 box medians of up to 16 values by the box median (3x5 43-64
// against 61-144, 4x4 67-178 against 110-232); the uint8 3x3 median by
// column sorts (27-100 against 121-418 by the uint8 kernel and 89-679 by
// the integer network), as the float64 one (16-41 against 30-104); the
// 16-bit ranks the 16-bit histogram takes by it (int16 9x9 median 369-480
// against 961-1528, uint16 15x15 1120 against 7121); box medians of up to
// 25 values by the box median (5x5: float32 116 against 228, float64 109
// against 211, int16 140 against 236; float32 3x5 65 against 90); the min
// and max of uint8 and float32 by the float64 runs (uint8 3x3 7.6-31
// against 15.6-69, disk:7 38-49 against 176-208; float32 3x3 6-6.5
// against 12-28 and 24-63, 7x7 16-26 against 73-143). The lane program
// is slower than every path here (float32 7x7 median 1328-2280 against
// 630-1458), and the typed rank path keeps the 16-bit ranks of 15 to 49
// values (hist16MinValues), int16 7x7 median 502-812.
var portableOrder = []portableRule{
	{intMedianAlg{}, histogramAlg{}, func(c *candidate) bool { return c.dtype == Uint8 && c.pat.n > 9 }},
	{typedRankAlg{}, histogramAlg{}, func(c *candidate) bool { return c.dtype == Uint8 && c.pat.n > 9 }},
	{erodeU8Alg{}, median3Alg{}, func(c *candidate) bool { return true }},
	{intMedianAlg{}, median3Alg{}, func(c *candidate) bool { return c.dtype == Uint8 }},
	{typedRankAlg{}, hist16Alg{}, func(c *candidate) bool { return true }},
	{histogramAlg{}, boxMedianAlg{}, func(c *candidate) bool { return c.dtype == Uint8 && c.pat.n <= 16 }},
	{typedRankAlg{}, boxMedianAlg{}, func(c *candidate) bool { return c.pat.n <= 25 }},
	{median3F64Alg{}, median3Alg{}, func(c *candidate) bool { return true }},
	{erodeU8Alg{}, runsAlg{}, func(c *candidate) bool { return true }},
	{intRunsAlg{}, runsAlg{}, func(c *candidate) bool { return c.dtype == Uint8 }},
	{directF32Alg{}, runsAlg{}, func(c *candidate) bool { return true }},
	{runsF32Alg{}, runsAlg{}, func(c *candidate) bool { return true }},
}
