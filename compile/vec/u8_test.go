package vec

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestMedian3x3U8 compares Median3x3U8 (the AVX2 kernel where it runs)
// with the portable loop and with a sort of each window, over lengths
// around the 32-pixel step, values with many ties and the extremes.
func TestMedian3x3U8(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 300; trial++ {
		n := r.IntN(140)
		var rows [3][]uint8
		for k := range rows {
			rows[k] = make([]uint8, n+2)
			for i := range rows[k] {
				rows[k][i] = uint8(r.IntN(256))
				switch r.IntN(4) {
				case 0:
					rows[k][i] = []uint8{0, 255}[r.IntN(2)]
				case 1:
					rows[k][i] = uint8(r.IntN(3))
				}
			}
		}
		got, port := make([]uint8, n), make([]uint8, n)
		Median3x3U8(got, rows[0], rows[1], rows[2])
		median3x3Generic(port, rows[0], rows[1], rows[2])
		for i := range got {
			var w []uint8
			for k := range rows {
				w = append(w, rows[k][i:i+3]...)
			}
			// the 5th smallest by counting
			var want uint8
			for _, v := range w {
				below, eq := 0, 0
				for _, u := range w {
					if u < v {
						below++
					} else if u == v {
						eq++
					}
				}
				if below <= 4 && 4 < below+eq {
					want = v
				}
			}
			if got[i] != want || port[i] != want {
				t.Fatalf("n=%d, pixel %d, window %v: Median3x3U8 %d, portable %d, want %d", n, i, w, got[i], port[i], want)
			}
		}
	}
}

// TestMedian5x5SortedU8 compares the 5x5 selection kernel with a count
// over each window, on sorted columns (five random lines sorted
// elementwise) with many ties and the extremes, lengths around the step.
func TestMedian5x5SortedU8(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 200; trial++ {
		n := r.IntN(200)
		s := make([][]uint8, 5)
		for k := range s {
			s[k] = make([]uint8, n+4)
		}
		for i := 0; i < n+4; i++ {
			col := make([]uint8, 5)
			for k := range col {
				col[k] = uint8(r.IntN(256))
				switch r.IntN(4) {
				case 0:
					col[k] = []uint8{0, 255}[r.IntN(2)]
				case 1:
					col[k] = uint8(r.IntN(3))
				}
			}
			slices.Sort(col)
			for k := range col {
				s[k][i] = col[k]
			}
		}
		got, want := make([]uint8, n), make([]uint8, n)
		done := Median5x5SortedU8(got, s)
		if AVX2 && haveAsm && done != n&^31 {
			t.Fatalf("n=%d: kernel did %d pixels, want %d", n, done, n&^31)
		}
		rankOf25Generic(want, s)
		for i := 0; i < done; i++ {
			if got[i] != want[i] {
				t.Fatalf("n=%d, pixel %d: kernel %d, want %d", n, i, got[i], want[i])
			}
		}
	}
}

// TestMedian7x7U8 compares the 7x7 kernel with a count over each window,
// on seven random lines with many ties and the extremes, lengths around
// the step; and the counting twin with the 5x5 one's.
func TestMedian7x7U8(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for trial := 0; trial < 60; trial++ {
		n := r.IntN(150)
		s := make([][]uint8, 7)
		for k := range s {
			s[k] = make([]uint8, n+6)
			for i := range s[k] {
				s[k][i] = uint8(r.IntN(256))
				switch r.IntN(4) {
				case 0:
					s[k][i] = []uint8{0, 255}[r.IntN(2)]
				case 1:
					s[k][i] = uint8(r.IntN(3))
				}
			}
		}
		got, want := make([]uint8, n), make([]uint8, n)
		Median7x7U8(got, s)
		rankOfBoxGeneric(want, s, 7, 7, 24)
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("n=%d, pixel %d: kernel %d, want %d", n, i, got[i], want[i])
			}
		}
		want5 := make([]uint8, n)
		rankOf25Generic(want5, s[:5])
		rankOfBoxGeneric(want, s[:5], 5, 5, 12)
		for i := range want {
			if want[i] != want5[i] {
				t.Fatalf("n=%d, pixel %d: counting twins %d and %d", n, i, want[i], want5[i])
			}
		}
	}
}
