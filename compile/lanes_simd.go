//go:build goexperiment.simd && amd64

package compile

import (
	"simd/archsimd"

	"github.com/kfilter/kfilter/compile/vec"
)

// Vector reports whether this build has the AVX2 vector kernels: built with
// GOEXPERIMENT=simd for amd64. They run only on a CPU with AVX2; otherwise
// the portable loops do.
const Vector = true

func load(s []float64, i int) archsimd.Float64x4 { return archsimd.LoadFloat64x4Slice(s[i : i+4]) }

func addInto(d, a []float64) {
	n := len(d) &^ 3
	if !avx2 || n == 0 {
		addIntoPortable(d, a)
		return
	}
	a = a[:len(d)]
	for i := 0; i < n; i += 4 {
		load(d, i).Add(load(a, i)).StoreSlice(d[i : i+4])
	}
	vec.ClearUpper()
	addIntoPortable(d[n:], a[n:])
}

func copyNormalized(w, sum, a []float64) {
	n := len(w) &^ 3
	if !avx2 || n == 0 {
		copyNormalizedPortable(w, sum, a)
		return
	}
	a, sum = a[:len(w)], sum[:len(w)]
	zero := archsimd.BroadcastFloat64x4(0)
	for i := 0; i < n; i += 4 {
		x := load(a, i)
		x.Add(zero).StoreSlice(w[i : i+4])
		load(sum, i).Add(x).StoreSlice(sum[i : i+4])
	}
	vec.ClearUpper()
	copyNormalizedPortable(w[n:], sum[n:], a[n:])
}

func divideBy(d []float64, c float64) {
	n := len(d) &^ 3
	if !avx2 || n == 0 {
		divideByPortable(d, c)
		return
	}
	v := archsimd.BroadcastFloat64x4(c)
	for i := 0; i < n; i += 4 {
		load(d, i).Div(v).StoreSlice(d[i : i+4])
	}
	vec.ClearUpper()
	divideByPortable(d[n:], c)
}

func sqrtLanes(d []float64) {
	n := len(d) &^ 3
	if !avx2 || n == 0 {
		sqrtLanesPortable(d)
		return
	}
	for i := 0; i < n; i += 4 {
		load(d, i).Sqrt().StoreSlice(d[i : i+4])
	}
	vec.ClearUpper()
	sqrtLanesPortable(d[n:])
}

func arith(d, a, b []float64, op arithOp) {
	n := len(d) &^ 3
	if !avx2 || n == 0 {
		arithPortable(d, a, b, op)
		return
	}
	a, b = a[:len(d)], b[:len(d)]
	switch op {
	case vAdd:
		for i := 0; i < n; i += 4 {
			load(a, i).Add(load(b, i)).StoreSlice(d[i : i+4])
		}
	case vSub:
		for i := 0; i < n; i += 4 {
			load(a, i).Sub(load(b, i)).StoreSlice(d[i : i+4])
		}
	case vMul:
		for i := 0; i < n; i += 4 {
			load(a, i).Mul(load(b, i)).StoreSlice(d[i : i+4])
		}
	default:
		for i := 0; i < n; i += 4 {
			load(a, i).Div(load(b, i)).StoreSlice(d[i : i+4])
		}
	}
	vec.ClearUpper()
	arithPortable(d[n:], a[n:], b[n:], op)
}

func addTerm(d, a, mu []float64) {
	if mu == nil {
		addInto(d, a)
		return
	}
	n := len(d) &^ 3
	if !avx2 || n == 0 {
		addTermPortable(d, a, mu)
		return
	}
	a, mu = a[:len(d)], mu[:len(d)]
	for i := 0; i < n; i += 4 {
		x := load(a, i).Sub(load(mu, i))
		load(d, i).Add(x.Mul(x)).StoreSlice(d[i : i+4])
	}
	vec.ClearUpper()
	addTermPortable(d[n:], a[n:], mu[n:])
}

// sumBlocks is sumBlocksPortable four lanes at a time, the eight
// accumulators in registers.
func sumBlocks(d []float64, src [][]float64, mu []float64) {
	n := len(d) &^ 3
	if !avx2 || n == 0 {
		sumBlocksPortable(d, src, mu)
		return
	}
	cnt := len(src)
	blocks := cnt - cnt%8
	if mu == nil {
		for i := 0; i < n; i += 4 {
			s := src[:8]
			r0, r1, r2, r3 := load(s[0], i), load(s[1], i), load(s[2], i), load(s[3], i)
			r4, r5, r6, r7 := load(s[4], i), load(s[5], i), load(s[6], i), load(s[7], i)
			for k := 8; k < blocks; k += 8 {
				s := src[k : k+8]
				r0, r1, r2, r3 = r0.Add(load(s[0], i)), r1.Add(load(s[1], i)), r2.Add(load(s[2], i)), r3.Add(load(s[3], i))
				r4, r5, r6, r7 = r4.Add(load(s[4], i)), r5.Add(load(s[5], i)), r6.Add(load(s[6], i)), r7.Add(load(s[7], i))
			}
			acc := r0.Add(r1).Add(r2.Add(r3)).Add(r4.Add(r5).Add(r6.Add(r7)))
			for _, t := range src[blocks:] {
				acc = acc.Add(load(t, i))
			}
			acc.StoreSlice(d[i : i+4])
		}
	} else {
		for i := 0; i < n; i += 4 {
			m := load(mu, i)
			s := src[:8]
			r0, r1, r2, r3 := sqDev(s[0], i, m), sqDev(s[1], i, m), sqDev(s[2], i, m), sqDev(s[3], i, m)
			r4, r5, r6, r7 := sqDev(s[4], i, m), sqDev(s[5], i, m), sqDev(s[6], i, m), sqDev(s[7], i, m)
			for k := 8; k < blocks; k += 8 {
				s := src[k : k+8]
				r0, r1, r2, r3 = r0.Add(sqDev(s[0], i, m)), r1.Add(sqDev(s[1], i, m)), r2.Add(sqDev(s[2], i, m)), r3.Add(sqDev(s[3], i, m))
				r4, r5, r6, r7 = r4.Add(sqDev(s[4], i, m)), r5.Add(sqDev(s[5], i, m)), r6.Add(sqDev(s[6], i, m)), r7.Add(sqDev(s[7], i, m))
			}
			acc := r0.Add(r1).Add(r2.Add(r3)).Add(r4.Add(r5).Add(r6.Add(r7)))
			for _, t := range src[blocks:] {
				acc = acc.Add(sqDev(t, i, m))
			}
			acc.StoreSlice(d[i : i+4])
		}
	}
	vec.ClearUpper()
	if n == len(d) {
		return
	}
	var tail [128][]float64
	for k, t := range src {
		tail[k] = t[n:]
	}
	var mt []float64
	if mu != nil {
		mt = mu[n:]
	}
	sumBlocksPortable(d[n:], tail[:cnt], mt)
}

// sqDev is (t[i:i+4] - m)².
func sqDev(t []float64, i int, m archsimd.Float64x4) archsimd.Float64x4 {
	x := load(t, i).Sub(m)
	return x.Mul(x)
}
