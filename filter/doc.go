// Package filter runs a compiled kernel over every neighbourhood of an
// N-D array, with scipy.ndimage.generic_filter's semantics: the footprint's
// values in C order, the boundary modes and cval, origin, axes, and the
// output dtype with C casts.
//
// Compile a kernel once with its footprint and options, then apply it to
// as many arrays as you like, from as many goroutines as you like:
//
//	f, err := filter.New("median(abs(values - c))", filter.Options{
//		Footprint: filter.BoxN(2, 3), // 3x3, as filter.Box(3, 3)
//		Params:    map[string]filter.Param{"c": filter.Number(0.5)},
//		Mode:      filter.Reflect,
//	})
//	out, err := f.Apply(ctx, img) // img, err := filter.FromSlice(pixels, 512, 512)
//	px, err := filter.Data[float32](out)
//
// The engine works line by line along the last axis. For each output line
// it extends each input line the footprint touches into a line buffer once
// (the boundary mode is applied there, not per pixel), then hands the
// program a sub-slice of those buffers per footprint element: there is no
// per-pixel gather and no padded copy of the array. Blocks of lines are
// shared among goroutines; the result does not depend on their number.
// A Filter keeps its plans of the last few input shapes, with their idle
// workers: calls on arrays of one shape (video frames, tiles) plan once,
// and on one thread allocate nothing after the first few.
//
// Kernels the compiler recognises (compile.Pattern) run by faster
// algorithms that give the lane program's results bit for bit: min, max,
// sums and counts over runs of the footprint (van Herk/Gil-Werman; min
// and max of 8- and 16-bit integers and of float32 in their own type from
// input to output, over boxes folded across lines by doubling; sums of
// 8- and 16-bit integers and counts of a comparison in integer lanes, over
// boxes by column sums slid one line out and one in), medians by shared column sorts and selection networks
// (ranks of 8- and 16-bit integers over boxes of up to 15 values in their
// own type, the uint8 3x3, 5x5 and 7x7 and the float 3x3 and 5x5 medians
// in vector registers), ranks over any footprint of up to 256 values in the input's
// type by sorted column groups and merging networks, 8-bit ranks over
// boxes of 81 values and 9 rows or more by Perreault-Hébert's
// constant-time median, larger uint8 and 16-bit footprints by sliding
// histograms, float ranks over more than 256 values by a sliding
// histogram of order-preserving keys with exact lists of the keys near
// the rank (the order measured: choose.go). The one exception is a kernel that is a
// sum or mean of float values over more than 8 elements (or of float32, int64 or
// uint64 input, or of a transform that is not a bool): its runs are added
// in another order than numpy's, within gamma(n-1)·Σ|x| of the exact sum
// (a mean: gamma(n)·Σ|x|/n), gamma(k) = k·u/(1-k·u), u = 2^-53; its
// Path is not Exact and says "not bit for bit". Such sub-expressions of
// larger kernels are hoisted, those sums excepted: computed by their
// algorithm and handed to the program as inputs. Filter.Path says which
// algorithm runs and why; Options.General turns them off.
//
// # The pipeline
//
//	kernel source
//	  │ lang.Check                  parse (expr-lang's parser), types, limits  → *lang.Kernel
//	  ▼
//	  │ compile.Compile             lower to a flat lane program, CSE, networks → *compile.Program
//	  ▼                             (New, once per Filter)
//	  │ Program.Recognize           the kernel's pattern: min/max/sum/mean/count
//	  │                             of a transform, or a rank   → compile.Pattern
//	  ▼
//	  │ Filter.plan (engine.go)     per input shape (the last four kept, reuse.go):
//	  │                             lines along the last axis, the input lines
//	  │                             and offsets of each element
//	  │ Filter.choose (choose.go)   the first algorithm that applies, in order:
//	  │                             direct, integer runs, float32 runs, runs,
//	  │                             integer box median, median3, typed rank,
//	  │                             constant-time median, histograms, box median,
//	  │                             rank program, hoisting (Program.Hoist: the
//	  │                             sub-expressions the others take, as inputs),
//	  │                             general                     → linePlan, Path
//	  ▼
//	  │ plan.run (engine.go)        goroutines (the caller's among them) take blocks
//	  │                             of lines; each worker (kept by the plan for its
//	  │                             next run, emptied, reuse.go) keeps a cache of
//	  │                             mode-extended input lines and its algorithm's
//	  │                             lineWorker fills one output line per call
//	  │                             (false: the kernel's lane program fills it
//	  │                             instead)
//	  ▼
//	output array (C casts to the output dtype)
package filter
