package filter

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestCTMedian compares the constant-time median on uint8 input with the
// lane program, element for element: boxes from 7x7 up (one row and
// tall thin ones among them), single ranks (median, sort(values)[k], a
// percentile on a rank), every mode (the column histograms are kept from
// line to line, rebuilt where the lines do not follow on: constant mode's
// lines outside, mirror's repeated ones, 3-D arrays through axes), cvals
// of uint8, origins, output uint8 (in place), float64 and int16, and
// hoisted into a larger kernel. From 15 rows and 81 values, as the
// cost order takes it (fewer values: the typed rank path).
func TestCTMedian(t *testing.T) {
	r := rand.New(rand.NewPCG(101, 102))
	for trial := 0; trial < 150; trial++ {
		rank := 2 + r.IntN(2)
		shape := make([]int, rank)
		for i := range shape {
			shape[i] = 1 + r.IntN(14)
		}
		shape[rank-1] += r.IntN(60)
		in, _, _ := randomInts(r, Uint8, shape)
		fs := []int{15 + r.IntN(6), 6 + r.IntN(15)}
		if trial%10 == 1 {
			fs = []int{41 + r.IntN(10), 2}
		}
		n := fs[0] * fs[1]
		var axes []int
		if rank == 3 {
			axes = [][]int{{0, 2}, {1, 2}}[r.IntN(2)]
		}
		opts := Options{Footprint: Box(fs...), Mode: Mode(trial % 8), Axes: axes,
			Origin: []int{-(fs[0] / 2) + r.IntN(fs[0]), -(fs[1] / 2) + r.IntN(fs[1])},
			Cval:   []float64{0, 255, float64(r.IntN(256))}[r.IntN(3)],
			Output: []DType{0, Float64, Int16}[r.IntN(3)]}
		src, kind := "sort(values)["+strconv.Itoa(r.IntN(n))+"]", CTMedianPath
		switch r.IntN(5) {
		case 0:
			if n%2 == 1 {
				src = "median(values)"
			}
		case 1:
			src = "percentile(values, 0)"
		case 2:
			if n%2 == 1 {
				src, kind = "median(values) + 1", HoistedPath
			}
		}
		sameAsGeneral(t, src, opts, in, kind)
	}
}
