//go:build goexperiment.simd && amd64

package filter

import (
	"simd/archsimd"

	"github.com/kfilter/kfilter/compile/vec"
)

// colsort3 is colsort3Portable four pixels at a time. The inputs hold no
// NaN, so VMINPD and VMAXPD order them as Go's min and max do, but for
// the sign of equal zeros, which med9 discards.
func colsort3(lo, md, hi, a, b, c []float64) {
	n := len(lo) &^ 3
	if !avx2 || n == 0 {
		colsort3Portable(lo, md, hi, a, b, c)
		return
	}
	for i := 0; i < n; i += 4 {
		x := archsimd.LoadFloat64x4Slice(a[i : i+4])
		y := archsimd.LoadFloat64x4Slice(b[i : i+4])
		z := archsimd.LoadFloat64x4Slice(c[i : i+4])
		t1, t2 := x.Min(y), x.Max(y)
		t3 := t1.Max(z)
		t1.Min(z).StoreSlice(lo[i : i+4])
		t2.Min(t3).StoreSlice(md[i : i+4])
		t2.Max(t3).StoreSlice(hi[i : i+4])
	}
	vec.ClearUpper()
	colsort3Portable(lo[n:], md[n:], hi[n:], a[n:], b[n:], c[n:])
}

// med9 is med9Portable four pixels at a time.
func med9(out, lo, md, hi []float64) {
	n := len(out) &^ 3
	if !avx2 || n == 0 {
		med9Portable(out, lo, md, hi)
		return
	}
	zero := archsimd.BroadcastFloat64x4(0)
	for i := 0; i < n; i += 4 {
		l := archsimd.LoadFloat64x4Slice(lo[i : i+4]).Max(archsimd.LoadFloat64x4Slice(lo[i+1 : i+5])).Max(archsimd.LoadFloat64x4Slice(lo[i+2 : i+6]))
		h := archsimd.LoadFloat64x4Slice(hi[i : i+4]).Min(archsimd.LoadFloat64x4Slice(hi[i+1 : i+5])).Min(archsimd.LoadFloat64x4Slice(hi[i+2 : i+6]))
		a := archsimd.LoadFloat64x4Slice(md[i : i+4])
		b := archsimd.LoadFloat64x4Slice(md[i+1 : i+5])
		c := archsimd.LoadFloat64x4Slice(md[i+2 : i+6])
		m := a.Min(b).Max(a.Max(b).Min(c))
		l.Min(m).Max(l.Max(m).Min(h)).Add(zero).StoreSlice(out[i : i+4])
	}
	vec.ClearUpper()
	med9Portable(out[n:], lo[n:], md[n:], hi[n:])
}

// minOfMax is minOfMaxPortable four pixels at a time; its callers hold no
// NaN and discard the sign of equal zeros.
func minOfMax(out, x, y []float64, first bool) {
	n := len(out) &^ 3
	if !avx2 || n == 0 || y == nil {
		minOfMaxPortable(out, x, y, first)
		return
	}
	x, y = x[:len(out)], y[:len(out)]
	if first {
		for i := 0; i < n; i += 4 {
			archsimd.LoadFloat64x4Slice(x[i : i+4]).Max(archsimd.LoadFloat64x4Slice(y[i : i+4])).StoreSlice(out[i : i+4])
		}
	} else {
		for i := 0; i < n; i += 4 {
			m := archsimd.LoadFloat64x4Slice(x[i : i+4]).Max(archsimd.LoadFloat64x4Slice(y[i : i+4]))
			archsimd.LoadFloat64x4Slice(out[i : i+4]).Min(m).StoreSlice(out[i : i+4])
		}
	}
	vec.ClearUpper()
	minOfMaxPortable(out[n:], x[n:], y[n:], first)
}
