package vec

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// ctHistograms builds ctMedianU8Generic's column histograms of the h
// rows (each P long).
func ctHistograms(rows [][]uint8, P int) (coarse, fine []uint8) {
	return ctHistogramsOf[uint8](rows, P)
}

func ctHistogramsOf[C uint8 | uint16](rows [][]uint8, P int) (coarse, fine []C) {
	coarse, fine = make([]C, 16*P), make([]C, 256*P)
	for _, row := range rows {
		for x, v := range row {
			coarse[16*x+int(v>>4)]++
			fine[int(v>>4)*16*P+16*x+int(v&15)]++
		}
	}
	return coarse, fine
}

// TestCTMedianU8 compares the kernel with its portable twin and both with
// rank k of the sorted window, on random columns of h values: narrow and
// wide value ranges (the rank staying in one coarse bin or jumping
// between them, so that fine segments are both updated and summed
// afresh), every rank, windows from one column to n = 255 values, lines
// shorter and longer than a window.
func TestCTMedianU8(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 400; trial++ {
		h := 1 + r.IntN(20)
		w := 1 + r.IntN(min(40, 255/h))
		if trial%7 == 0 {
			h, w = 15, 17 // n = 255
		}
		n := h * w
		L := 1 + r.IntN(150)
		at := r.IntN(5)
		P := at + L + w - 1 + r.IntN(5)
		lo, span := r.IntN(256), 1+r.IntN(256)
		rows := make([][]uint8, h)
		for i := range rows {
			rows[i] = make([]uint8, P)
			for x := range rows[i] {
				rows[i][x] = uint8(lo + r.IntN(span))
				if trial%5 == 0 && x%30 < 12 {
					rows[i][x] = uint8(r.IntN(256)) // jumps
				}
			}
		}
		coarse, fine := ctHistograms(rows, P)
		k := r.IntN(n)
		if trial%3 == 0 {
			k = []int{0, n - 1, n / 2}[trial%9/3]
		}
		want := make([]uint8, L)
		win := make([]uint8, 0, n)
		for x := range want {
			win = win[:0]
			for _, row := range rows {
				win = append(win, row[at+x:at+x+w]...)
			}
			slices.Sort(win)
			want[x] = win[k]
		}
		got, gen := make([]uint8, L), make([]uint8, L)
		ctMedianU8Generic(gen, coarse, fine, at, w, k)
		CTMedianU8(got, coarse, fine, at, w, k)
		if !slices.Equal(gen, want) {
			t.Fatalf("h %d w %d k %d L %d at %d: generic %v, want %v", h, w, k, L, at, gen, want)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("h %d w %d k %d L %d at %d: kernel (AVX2 %v) %v, want %v", h, w, k, L, at, AVX2, got, want)
		}
	}
}

// TestCTMedianU8Garbage: on histograms that break the kernel's promise
// (random bytes: counts past 255, windows of different sizes) the kernel
// still gives its twin's bytes and reads nothing out of range.
func TestCTMedianU8Garbage(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := 0; trial < 100; trial++ {
		P := 1 + r.IntN(100)
		coarse, fine := make([]uint8, 16*P), make([]uint8, 256*P)
		for i := range coarse {
			coarse[i] = uint8(r.Uint32())
		}
		for i := range fine {
			fine[i] = uint8(r.Uint32())
		}
		w := 1 + r.IntN(P)
		at := r.IntN(P - w + 1)
		L := P - w + 1 - at
		k := r.IntN(255)
		got, gen := make([]uint8, L), make([]uint8, L)
		ctMedianU8Generic(gen, coarse, fine, at, w, k)
		CTMedianU8(got, coarse, fine, at, w, k)
		if !slices.Equal(gen, got) {
			t.Fatalf("P %d w %d at %d k %d: kernel %v, generic %v", P, w, at, k, got, gen)
		}
	}
}

// TestCTMedianU8Bounds: windows past the histograms panic before the
// kernel reads them.
func TestCTMedianU8Bounds(t *testing.T) {
	coarse, fine := make([]uint8, 16*10), make([]uint8, 256*10)
	for _, c := range []struct{ L, at, w, k int }{{8, 0, 4, 0}, {1, -1, 1, 0}, {1, 0, 0, 0}, {1, 0, 1, 255}, {1, 0, 1, -1}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%+v: no panic", c)
				}
			}()
			CTMedianU8(make([]uint8, c.L), coarse, fine, c.at, c.w, c.k)
		}()
	}
	CTMedianU8(make([]uint8, 7), coarse, fine, 0, 4, 0) // the last that fits
}

// TestCTMedianU16 is TestCTMedianU8 for 16-bit counts: windows of up to
// 2400 values, and of 1 to 255 (the same ranks as with bytes).
func TestCTMedianU16(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	for trial := 0; trial < 300; trial++ {
		h := 1 + r.IntN(40)
		w := 1 + r.IntN(60)
		n := h * w
		L := 1 + r.IntN(150)
		at := r.IntN(5)
		P := at + L + w - 1 + r.IntN(5)
		lo, span := r.IntN(256), 1+r.IntN(256)
		rows := make([][]uint8, h)
		for i := range rows {
			rows[i] = make([]uint8, P)
			for x := range rows[i] {
				rows[i][x] = uint8(lo + r.IntN(span))
				if trial%5 == 0 && x%30 < 12 {
					rows[i][x] = uint8(r.IntN(256))
				}
			}
		}
		coarse, fine := ctHistogramsOf[uint16](rows, P)
		k := r.IntN(n)
		if trial%3 == 0 {
			k = []int{0, n - 1, n / 2}[trial%9/3]
		}
		want := make([]uint8, L)
		win := make([]uint8, 0, n)
		for x := range want {
			win = win[:0]
			for _, row := range rows {
				win = append(win, row[at+x:at+x+w]...)
			}
			slices.Sort(win)
			want[x] = win[k]
		}
		got, gen := make([]uint8, L), make([]uint8, L)
		ctMedianU16Generic(gen, coarse, fine, at, w, k)
		CTMedianU16(got, coarse, fine, at, w, k)
		if !slices.Equal(gen, want) {
			t.Fatalf("h %d w %d k %d L %d at %d: generic %v, want %v", h, w, k, L, at, gen, want)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("h %d w %d k %d L %d at %d: kernel (AVX2 %v) %v, want %v", h, w, k, L, at, AVX2, got, want)
		}
	}
}

// TestCTMedianU16Garbage is TestCTMedianU8Garbage for 16-bit counts.
func TestCTMedianU16Garbage(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	for trial := 0; trial < 100; trial++ {
		P := 1 + r.IntN(100)
		coarse, fine := make([]uint16, 16*P), make([]uint16, 256*P)
		for i := range coarse {
			coarse[i] = uint16(r.Uint32())
		}
		for i := range fine {
			fine[i] = uint16(r.Uint32())
		}
		w := 1 + r.IntN(P)
		at := r.IntN(P - w + 1)
		L := P - w + 1 - at
		k := r.IntN(65535)
		got, gen := make([]uint8, L), make([]uint8, L)
		ctMedianU16Generic(gen, coarse, fine, at, w, k)
		CTMedianU16(got, coarse, fine, at, w, k)
		if !slices.Equal(gen, got) {
			t.Fatalf("P %d w %d at %d k %d: kernel %v, generic %v", P, w, at, k, got, gen)
		}
	}
}
