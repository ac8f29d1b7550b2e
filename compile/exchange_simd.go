//go:build goexperiment.simd && amd64

package compile

import (
	"simd/archsimd"

	"github.com/kfilter/kfilter/compile/vec"
)

var avx2 = archsimd.X86.AVX2()

// exchangeTo is exchangeToPortable four pixels at a time with AVX2. The
// inputs hold no NaN and no -0, so VMINPD and VMAXPD give exactly Go's min
// and max. (They would not otherwise: they return the second operand for
// NaN and for equal zeros, and the compiler takes x.Min(y) and y.Min(x)
// for the same value, so both orders cannot be combined.)
func exchangeTo(a, b, x, y []float64, lo, hi bool) {
	n := len(a) &^ 3
	if !avx2 || n == 0 {
		exchangeToPortable(a, b, x, y, lo, hi)
		return
	}
	b, x, y = b[:len(a)], x[:len(a)], y[:len(a)]
	switch {
	case lo && hi:
		for i := 0; i < n; i += 4 {
			p := archsimd.LoadFloat64x4Slice(x[i : i+4])
			q := archsimd.LoadFloat64x4Slice(y[i : i+4])
			p.Min(q).StoreSlice(a[i : i+4])
			p.Max(q).StoreSlice(b[i : i+4])
		}
	case lo:
		for i := 0; i < n; i += 4 {
			p := archsimd.LoadFloat64x4Slice(x[i : i+4])
			q := archsimd.LoadFloat64x4Slice(y[i : i+4])
			p.Min(q).StoreSlice(a[i : i+4])
		}
	default:
		for i := 0; i < n; i += 4 {
			p := archsimd.LoadFloat64x4Slice(x[i : i+4])
			q := archsimd.LoadFloat64x4Slice(y[i : i+4])
			p.Max(q).StoreSlice(b[i : i+4])
		}
	}
	vec.ClearUpper()
	exchangeToPortable(a[n:], b[n:], x[n:], y[n:], lo, hi)
}
