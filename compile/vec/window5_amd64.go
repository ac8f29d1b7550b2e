//go:build !purego

package vec

// Window5MinNoNaN sets out[i] to min(col[i], ..., col[i+4]) (Go's min,
// -0 below +0) for col holding no NaN and at least len(out)+4 values;
// with a NaN among them the results are undefined (not a crash). With
// AVX512 it takes three VRANGEPD per eight windows (doubling) where
// FoldMinNoNaN over the five shifted views takes four and five loads;
// the kernel then reads (never writes) up to 16 values past the windows
// within col's capacity, whatever they hold, when col has them: give col
// 16 values of spare capacity for all but the last len(out)%8 windows
// to take the kernel.
func Window5MinNoNaN(out, col []float64) { window5(out, col, false) }

// Window5MaxNoNaN is Window5MinNoNaN with max.
func Window5MaxNoNaN(out, col []float64) { window5(out, col, true) }

func window5(out, col []float64, max bool) {
	col = col[:len(out)+4]
	done := 0
	if AVX512 && AVX2 {
		// the kernel reads up to 16 past the windows it does
		done = min(len(out)&^7, (cap(col)-16)&^7)
		if done > 0 {
			col := col[:done+16]
			if max {
				window5MaxAVX512(out[:done], col)
			} else {
				window5MinAVX512(out[:done], col)
			}
		} else {
			done = 0
		}
	}
	if max {
		window5MaxGeneric(out[done:], col[done:])
	} else {
		window5MinGeneric(out[done:], col[done:])
	}
}
