//go:build goexperiment.simd && amd64

package compile

import "simd/archsimd"

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
	addIntoPortable(d[n:], a[n:])
}

func combine8(d []float64, r [][]float64) {
	n := len(d) &^ 3
	if !avx2 || n == 0 {
		combine8Portable(d, r)
		return
	}
	r0, r1, r2, r3 := r[0][:len(d)], r[1][:len(d)], r[2][:len(d)], r[3][:len(d)]
	r4, r5, r6, r7 := r[4][:len(d)], r[5][:len(d)], r[6][:len(d)], r[7][:len(d)]
	for i := 0; i < n; i += 4 {
		a := load(r0, i).Add(load(r1, i)).Add(load(r2, i).Add(load(r3, i)))
		b := load(r4, i).Add(load(r5, i)).Add(load(r6, i).Add(load(r7, i)))
		a.Add(b).StoreSlice(d[i : i+4])
	}
	tail := [8][]float64{r0[n:], r1[n:], r2[n:], r3[n:], r4[n:], r5[n:], r6[n:], r7[n:]}
	combine8Portable(d[n:], tail[:])
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
	arithPortable(d[n:], a[n:], b[n:], op)
}

func sumTerms(d []float64, terms [][]float64, mu []float64) {
	n := len(d) &^ 3
	if !avx2 || n == 0 {
		sumTermsPortable(d, terms, mu)
		return
	}
	if mu == nil {
		for i := 0; i < n; i += 4 {
			acc := load(terms[0], i)
			for _, t := range terms[1:] {
				acc = acc.Add(load(t, i))
			}
			acc.StoreSlice(d[i : i+4])
		}
	} else {
		for i := 0; i < n; i += 4 {
			m := load(mu, i)
			x := load(terms[0], i).Sub(m)
			acc := x.Mul(x)
			for _, t := range terms[1:] {
				y := load(t, i).Sub(m)
				acc = acc.Add(y.Mul(y))
			}
			acc.StoreSlice(d[i : i+4])
		}
	}
	var tail [16][]float64
	for k, t := range terms {
		tail[k] = t[n:len(d)]
	}
	var mt []float64
	if mu != nil {
		mt = mu[n:len(d)]
	}
	sumTermsPortable(d[n:], tail[:len(terms)], mt)
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
	addTermPortable(d[n:], a[n:], mu[n:])
}
