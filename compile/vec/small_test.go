package vec

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// smallBytes is a random byte with many ties and the extremes.
func smallBytes(r *rand.Rand) uint8 {
	switch r.IntN(4) {
	case 0:
		return []uint8{0, 255}[r.IntN(2)]
	case 1:
		return uint8(r.IntN(3))
	}
	return uint8(r.IntN(256))
}

// TestSort4U8 compares Sort4U8 (the kernel where it runs) with a sort of
// each column and with the portable loop, lengths around the step.
func TestSort4U8(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for trial := 0; trial < 300; trial++ {
		n := r.IntN(140)
		var s, d, p [4][]uint8
		for k := range s {
			s[k], d[k], p[k] = make([]uint8, n), make([]uint8, n), make([]uint8, n)
			for i := range s[k] {
				s[k][i] = smallBytes(r)
			}
		}
		Sort4U8(d[0], d[1], d[2], d[3], s[0], s[1], s[2], s[3])
		sort4Generic(p[0], p[1], p[2], p[3], s[0], s[1], s[2], s[3])
		for i := 0; i < n; i++ {
			col := []uint8{s[0][i], s[1][i], s[2][i], s[3][i]}
			slices.Sort(col)
			for k := range col {
				if d[k][i] != col[k] || p[k][i] != col[k] {
					t.Fatalf("n=%d, column %d: kernel %d, portable %d, want %v", n, i, d[k][i], p[k][i], col)
				}
			}
		}
	}
}

// TestMedian5x5PairU8 compares the two-line 5x5 kernel with a count over
// each of the two windows (rows xa, s0..s3 and s0..s3, xb, the shared
// columns sorted), lengths around the step, many ties and the extremes.
func TestMedian5x5PairU8(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	for trial := 0; trial < 300; trial++ {
		n := r.IntN(200)
		s := make([][]uint8, 4)
		for k := range s {
			s[k] = make([]uint8, n+4)
		}
		xa, xb := make([]uint8, n+4), make([]uint8, n+4)
		for i := 0; i < n+4; i++ {
			col := []uint8{smallBytes(r), smallBytes(r), smallBytes(r), smallBytes(r)}
			slices.Sort(col)
			for k := range col {
				s[k][i] = col[k]
			}
			xa[i], xb[i] = smallBytes(r), smallBytes(r)
		}
		gotA, gotB := make([]uint8, n), make([]uint8, n)
		wantA, wantB := make([]uint8, n), make([]uint8, n)
		Median5x5PairU8(gotA, gotB, s, xa, xb)
		rankOfBoxGeneric(wantA, [][]uint8{xa, s[0], s[1], s[2], s[3]}, 5, 5, 12)
		rankOfBoxGeneric(wantB, [][]uint8{s[0], s[1], s[2], s[3], xb}, 5, 5, 12)
		for i := range gotA {
			if gotA[i] != wantA[i] || gotB[i] != wantB[i] {
				t.Fatalf("n=%d, pixel %d: kernel %d %d, want %d %d", n, i, gotA[i], gotB[i], wantA[i], wantB[i])
			}
		}
	}
}

// TestColsort3NaN compares Colsort3NaN (the kernel where it runs) with
// the portable loop bit for bit (zeros of both signs among the values),
// and its NaN report with a scan, a NaN placed in any one line at any
// column (in the vector part and the tail).
func TestColsort3NaN(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 2.5, math.Inf(1), math.Inf(-1)}
	for trial := 0; trial < 400; trial++ {
		n := r.IntN(40)
		var in, got, want [3][]float64
		for k := range in {
			in[k], got[k], want[k] = make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range in[k] {
				in[k][i] = vals[r.IntN(len(vals))]
			}
		}
		hasNaN := n > 0 && trial%3 == 0
		if hasNaN {
			in[r.IntN(3)][r.IntN(n)] = math.NaN()
		}
		nan := Colsort3NaN(got[0], got[1], got[2], in[0], in[1], in[2])
		if nan != hasNaN {
			t.Fatalf("n=%d: NaN reported %v, want %v", n, nan, hasNaN)
		}
		if nan {
			continue
		}
		colsort3Generic(want[0], want[1], want[2], in[0], in[1], in[2])
		for k := range got {
			for i := range got[k] {
				// the sign of equal zeros is arbitrary: compare values
				if got[k][i] != want[k][i] {
					t.Fatalf("n=%d, row %d, column %d: %v, want %v", n, k, i, got[k][i], want[k][i])
				}
			}
		}
	}
}

// TestMedian3x3Float compares Median3x3F32 and Median3x3F64 (the kernels
// where they run) with the portable loop bit for bit (both zeros and the
// infinities among the values, many ties) and with a sort of each
// window, and their NaN report with a scan, a NaN anywhere in the three
// lines, lengths around the vector steps.
func TestMedian3x3Float(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 2.5, math.Inf(1), math.Inf(-1), 3, 0.25}
	for trial := 0; trial < 600; trial++ {
		n := r.IntN(70)
		var rows [3][]float64
		for k := range rows {
			rows[k] = make([]float64, n+2)
			for i := range rows[k] {
				rows[k][i] = vals[r.IntN(len(vals))]
				if trial%2 == 0 {
					rows[k][i] = r.NormFloat64()
				}
			}
		}
		hasNaN := trial%4 == 0
		if hasNaN {
			rows[r.IntN(3)][r.IntN(n+2)] = math.NaN()
		}
		want := make([]float64, n)
		for i := range want {
			var w []float64
			for k := range rows {
				w = append(w, rows[k][i:i+3]...)
			}
			slices.Sort(w)
			want[i] = w[4] + 0
		}
		got64, port64 := make([]float64, n), make([]float64, n)
		nan := Median3x3F64(got64, rows[0], rows[1], rows[2])
		pnan := median3x3FloatGeneric(port64, rows[0], rows[1], rows[2])
		var r32 [3][]float32
		for k := range rows {
			r32[k] = make([]float32, n+2)
			for i, x := range rows[k] {
				r32[k][i] = float32(x)
			}
		}
		got32, port32 := make([]float32, n), make([]float32, n)
		nan32 := Median3x3F32(got32, r32[0], r32[1], r32[2])
		pnan32 := median3x3FloatGeneric(port32, r32[0], r32[1], r32[2])
		if nan != hasNaN || pnan != hasNaN || nan32 != hasNaN || pnan32 != hasNaN {
			t.Fatalf("n=%d: NaN reported %v %v (float32 %v %v), want %v", n, nan, pnan, nan32, pnan32, hasNaN)
		}
		if hasNaN {
			continue
		}
		for i := range want {
			if math.Float64bits(got64[i]) != math.Float64bits(want[i]) || math.Float64bits(port64[i]) != math.Float64bits(want[i]) ||
				math.Float32bits(got32[i]) != math.Float32bits(float32(want[i])) || math.Float32bits(port32[i]) != math.Float32bits(float32(want[i])) {
				t.Fatalf("n=%d, pixel %d: float64 %v (portable %v), float32 %v (portable %v), want %v", n, i, got64[i], port64[i], got32[i], port32[i], want[i])
			}
		}
	}
}
