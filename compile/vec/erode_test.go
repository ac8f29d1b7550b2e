package vec

import (
	"math/rand/v2"
	"testing"
)

// TestBox3x3U8 compares Min3x3U8 and Max3x3U8 (the AVX2 kernels where they
// run) and their portable twin with the min and max of each window taken
// directly, for lengths around the kernels' 32-pixel step, on windows
// into larger lines (so that a read past a+n+2 would show).
func TestBox3x3U8(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 2048} {
		var rows [3][]uint8
		for k := range rows {
			rows[k] = make([]uint8, n+2+7)
			for i := range rows[k] {
				rows[k][i] = uint8(r.IntN(256))
			}
			rows[k] = rows[k][:n+2]
		}
		for _, isMax := range []bool{false, true} {
			got, port := make([]uint8, n), make([]uint8, n)
			if isMax {
				Max3x3U8(got, rows[0], rows[1], rows[2])
			} else {
				Min3x3U8(got, rows[0], rows[1], rows[2])
			}
			box3x3Generic(port, rows[0], rows[1], rows[2], isMax)
			for i := range got {
				want := rows[0][i]
				for k := range rows {
					for j := 0; j < 3; j++ {
						v := rows[k][i+j]
						if isMax && v > want || !isMax && v < want {
							want = v
						}
					}
				}
				if got[i] != want || port[i] != want {
					t.Fatalf("n=%d max=%v pixel %d: kernel %d, portable %d, want %d", n, isMax, i, got[i], port[i], want)
				}
			}
		}
	}
}

// TestMedian3x3DirectU8 compares Median3x3DirectU8 (the carried AVX2
// kernel where it runs) with the portable 3x3 median, for lengths around
// the 32- and 64-pixel steps.
func TestMedian3x3DirectU8(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 31, 32, 33, 62, 63, 64, 65, 95, 96, 97, 100, 2048} {
		for trial := 0; trial < 4; trial++ {
			var rows [3][]uint8
			for k := range rows {
				rows[k] = make([]uint8, n+2+7)
				for i := range rows[k] {
					rows[k][i] = uint8(r.IntN(256))
					if trial%2 == 1 {
						rows[k][i] = uint8(r.IntN(3))
					}
				}
				rows[k] = rows[k][:n+2]
			}
			got, want := make([]uint8, n), make([]uint8, n)
			Median3x3DirectU8(got, rows[0], rows[1], rows[2])
			median3x3Generic(want, rows[0], rows[1], rows[2])
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("n=%d pixel %d: %d, want %d", n, i, got[i], want[i])
				}
			}
		}
	}
}
