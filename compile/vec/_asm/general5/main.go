// Command general5 writes package vec's 3x3 absolute deviation sum whose
// centre term is the centre itself, its min and max folds in one pass and
// its box variances (kernels_general5_amd64.s) and their Go declarations
// (kernels_general5_stub_amd64.go) with avo. Run it through go generate in
// compile/vec.
//
// The arithmetic is sumAbsDev9AVX512's (general/main.go) in the same
// order, lane by lane: the same bits. The lane program's
// sum(abs(values - center)) over a 3x3 box, read straight from the input,
// has its fifth term's slice and mu at one address; loading it once
// saves one of the ten loads per eight pixels, most of which split a
// cache line.
package main

import (
	"fmt"
	"math"

	"github.com/kfilter/kfilter/compile/vec/_asm/internal/lanes"
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	ConstraintExpr("!purego")
	absDev9Center()
	for count := 2; count <= 8; count++ {
		foldMinMax(count)
	}
	for _, w := range []int{5, 7, 9} {
		boxMeanSq(w)
	}
	Generate()
}

var tailMasks Mem

// tailMask sets K7 to the lanes i .. n-1 of eight (n - i in 1..7).
func tailMask(i, n Register) {
	if tailMasks.Symbol.Name == "" {
		tailMasks = GLOBL("tailmasksc", RODATA|NOPTR)
		for r := range 8 {
			DATA(r, U8(1<<r-1))
		}
	}
	r, m, tbl := GP64(), GP32(), GP64()
	MOVQ(n, r)
	SUBQ(i, r)
	LEAQ(tailMasks, tbl)
	MOVBLZX(Mem{Base: tbl, Index: r, Scale: 1}, m)
	KMOVB(m, K7)
}

// ld and st load and store eight lanes, or with masked the lanes of K7
// (loads zeroing the others, which no fault touches).
func ld(masked bool, m Mem, x VecPhysical) {
	if masked {
		VMOVUPD_Z(m, K7, x)
	} else {
		VMOVUPD(m, x)
	}
}

func st(masked bool, x VecPhysical, m Mem) {
	if masked {
		VMOVUPD(x, K7, m)
	} else {
		VMOVUPD(x, m)
	}
}

// absDev9Center emits sumAbsDev9CenterAVX512: sumAbsDev9AVX512 with
// src[4] and mu the same values, read once.
func absDev9Center() {
	TEXT("sumAbsDev9CenterAVX512", NOSPLIT, "func(d []float64, src [][]float64, mu []float64)")
	Pragma("noescape")
	Doc("sumAbsDev9CenterAVX512 is sumAbsDev9AVX512 for src[4] holding mu's values: it reads mu",
		"for both, eight pixels at a time, the last ones masked.")
	n := Load(Param("d").Len(), GP64())
	d := Load(Param("d").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	mu := Load(Param("mu").Base(), GP64())
	var p []Register
	for k := range 9 {
		if k == 4 {
			p = append(p, nil)
			continue
		}
		r := GP64()
		MOVQ(Mem{Base: src, Disp: 24 * k}, r)
		p = append(p, r)
	}
	m := GP64()
	MOVQ(U64(math.MaxInt64), m)
	VPBROADCASTQ(m, Z15)
	i := GP64()
	XORQ(i, i)
	full := GP64()
	MOVQ(n, full)
	ANDQ(I32(-8), full)
	acc := []VecPhysical{Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z9}
	body := func(masked bool) {
		ld(masked, lanes.At(mu, i), Z8)
		for k, r := range acc {
			if k == 4 {
				VSUBPD(Z8, Z8, r) // |mu - mu|, as sumAbsDev9AVX512's x - mu
			} else {
				ld(masked, lanes.At(p[k], i), r)
				VSUBPD(Z8, r, r)
			}
			VPANDQ(Z15, r, r)
		}
		VADDPD(Z1, Z0, Z0)
		VADDPD(Z3, Z2, Z2)
		VADDPD(Z2, Z0, Z0)
		VADDPD(Z5, Z4, Z4)
		VADDPD(Z7, Z6, Z6)
		VADDPD(Z6, Z4, Z4)
		VADDPD(Z4, Z0, Z0)
		VADDPD(Z9, Z0, Z0)
		st(masked, Z0, lanes.At(d, i))
	}
	Label("loop")
	CMPQ(i, full)
	JAE(LabelRef("tail"))
	body(false)
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("tail")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	tailMask(i, n)
	body(true)
	Label("done")
	VZEROUPPER()
	RET()
}

// foldMinMax emits foldMinMaxRange<count>AVX512: foldMinRange and
// foldMaxRange (general/main.go) over the same sources in one pass, each
// source loaded once: the same NaN test and the same VRANGEPD trees, so
// the same bits. The first level takes each pair into both trees (the
// max into Z16 on), the levels after go on in place.
func foldMinMax(count int) {
	name := fmt.Sprintf("foldMinMaxRange%dAVX512", count)
	TEXT(name, NOSPLIT, "func(mn, mx []float64, srcs [][]float64) bool")
	Pragma("noescape")
	Doc(fmt.Sprintf("%s sets mn to the min and mx to the max over srcs (%d slices, each at least len(mn) long;", name, count),
		"len(mx) >= len(mn)), as Go's min and max, eight pixels at a time, the last ones masked,",
		"and reports whether a NaN was among them.")
	n := Load(Param("mn").Len(), GP64())
	dmin := Load(Param("mn").Base(), GP64())
	dmax := Load(Param("mx").Base(), GP64())
	srcs := Load(Param("srcs").Base(), GP64())
	var p []Register
	for k := range count {
		r := GP64()
		MOVQ(Mem{Base: srcs, Disp: 24 * k}, r)
		p = append(p, r)
	}
	nan := GP64()
	MOVQ(U64(0x7ff8000000000000), nan)
	VPBROADCASTQ(nan, Z15)
	i := GP64()
	XORQ(i, i)
	full := GP64()
	MOVQ(n, full)
	ANDQ(I32(-8), full)
	lo := []VecPhysical{Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7}
	hi := []VecPhysical{Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23}
	KXORW(K3, K3, K3) // the NaN lanes seen
	body := func(masked bool) {
		for k := range count {
			ld(masked, lanes.At(p[k], i), lo[k])
		}
		VCMPPD(U8(3), lo[1], lo[0], K1)
		for k := 2; k < count; k += 2 {
			VCMPPD(U8(3), lo[min(k+1, count-1)], lo[k], K2)
			KORW(K2, K1, K1)
		}
		// the first level into both trees
		for k := 0; k < count; k += 2 {
			if k+1 < count {
				VRANGEPD(U8(5), lo[k+1], lo[k], hi[k])
				VRANGEPD(U8(4), lo[k+1], lo[k], lo[k])
			} else {
				VMOVAPD(lo[k], hi[k])
			}
		}
		for width := 2; width < count; width *= 2 {
			for k := 0; k+width < count; k += 2 * width {
				VRANGEPD(U8(4), lo[k+width], lo[k], lo[k])
				VRANGEPD(U8(5), hi[k+width], hi[k], hi[k])
			}
		}
		VMOVAPD(Z15, K1, lo[0])
		VMOVAPD(Z15, K1, hi[0])
		KORW(K1, K3, K3)
		st(masked, lo[0], lanes.At(dmin, i))
		st(masked, hi[0], lanes.At(dmax, i))
	}
	Label("loop")
	CMPQ(i, full)
	JAE(LabelRef("tail"))
	body(false)
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("tail")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	tailMask(i, n)
	body(true)
	Label("done")
	KORTESTW(K3, K3)
	SETNE(NewParamAddr("ret", 72))
	VZEROUPPER()
	RET()
}

// boxMeanSq emits boxMeanSq<w>AVX512: meanSqBlocksAVX512 (numpy's
// pairwise sum of (x - mu)², divided by c) over a w x w box whose terms
// are w rows of w consecutive elements, for the first len(d)&^7 pixels:
// the same terms in the same order, so the same bits. As boxMean (lee.go)
// it reads each row's base once instead of each term's slice header
// (meanSqBlocksAVX512 reads 49 headers per eight pixels of a 7x7 box);
// unlike it, it loads every column: cutting columns by VALIGNQ measured
// 4% slower here, the squares keeping the arithmetic ports busier than
// the load ports (a 1016-pixel line of a 7x7 box in L1: 4.1-4.2 ns a
// pixel, meanSqBlocksAVX512 4.6-4.7).
func boxMeanSq(w int) {
	name := fmt.Sprintf("boxMeanSq%dAVX512", w)
	TEXT(name, NOSPLIT, "func(d []float64, src [][]float64, mu []float64, c float64)")
	Pragma("noescape")
	Doc(fmt.Sprintf("%s sets d to numpy's pairwise sum of (x - mu)² over the %dx%d box of src divided by c,", name, w, w),
		fmt.Sprintf("for the first len(d)&^7 pixels; src[r*%d+c] starts c elements after src[r*%d] and each is at least len(d) long.", w, w))
	n := Load(Param("d").Len(), GP64())
	d := Load(Param("d").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	mu := Load(Param("mu").Base(), GP64())
	c := Load(Param("c"), XMM())
	VBROADCASTSD(c, Z10)
	ANDQ(I32(-8), n)
	i := GP64()
	XORQ(i, i)
	t := GP64()
	acc := []VecPhysical{Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7}
	cnt := w * w
	blocks := cnt &^ 7
	Label("loop")
	CMPQ(i, n)
	JAE(LabelRef("done"))
	VMOVUPD(lanes.At(mu, i), Z8)
	// term k, (x - mu)², into x
	get := func(k int, x VecPhysical) VecPhysical {
		r, col := k/w, k%w
		if col == 0 {
			MOVQ(Mem{Base: src, Disp: 24 * r * w}, t)
		}
		VMOVUPD(lanes.At(t, i).Offset(8*col), x)
		VSUBPD(Z8, x, x)
		VMULPD(x, x, x)
		return x
	}
	for k := 0; k < 8; k++ {
		get(k, acc[k])
	}
	for k := 8; k < blocks; k++ {
		VADDPD(get(k, Z9), acc[k%8], acc[k%8])
	}
	VADDPD(Z1, Z0, Z0)
	VADDPD(Z3, Z2, Z2)
	VADDPD(Z2, Z0, Z0)
	VADDPD(Z5, Z4, Z4)
	VADDPD(Z7, Z6, Z6)
	VADDPD(Z6, Z4, Z4)
	VADDPD(Z4, Z0, Z0)
	for k := blocks; k < cnt; k++ {
		VADDPD(get(k, Z9), Z0, Z0)
	}
	VDIVPD(Z10, Z0, Z0)
	VMOVUPD(Z0, lanes.At(d, i))
	ADDQ(Imm(8), i)
	JMP(LabelRef("loop"))
	Label("done")
	VZEROUPPER()
	RET()
}
