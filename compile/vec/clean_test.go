package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// cleanOdd are the values the clean folds must take in any position:
// NaNs of both signs and other payloads, both zeros, both infinities,
// the smallest subnormal.
func cleanOdd[T Float]() []T {
	var z T
	switch any(z).(type) {
	case float32:
		return []T{T(math.Float32frombits(0x7fc00000)), T(math.Float32frombits(0xffc00001)), T(math.Float32frombits(0x7f800001)),
			0, T(math.Copysign(0, -1)), T(math.Inf(1)), T(math.Inf(-1)), T(math.Float32frombits(1))}
	}
	return []T{T(math.NaN()), T(math.Float64frombits(0xfff8000000000001)), T(math.Float64frombits(0x7ff0000000000001)),
		0, T(math.Copysign(0, -1)), T(math.Inf(1)), T(math.Inf(-1)), T(math.Float64frombits(1))}
}

func randomLines[T Float](r *rand.Rand, count, n int, odd float64) [][]T {
	special := cleanOdd[T]()
	srcs := make([][]T, count)
	for k := range srcs {
		srcs[k] = make([]T, n+r.IntN(3))
		for i := range srcs[k] {
			srcs[k][i] = T(r.IntN(7) - 3) // many ties
			if r.Float64() < odd {
				srcs[k][i] = special[r.IntN(len(special))]
			}
		}
	}
	return srcs
}

func sameBitsT[T Float](a, b T) bool {
	switch x := any(a).(type) {
	case float32:
		return math.Float32bits(x) == math.Float32bits(any(b).(float32))
	}
	return math.Float64bits(float64(a)) == math.Float64bits(float64(b))
}

// testClean checks a clean fold against its portable twin bit for bit
// on any input (NaN payloads included: the vector instructions return
// one operand, as the twin does), and against Go's min or max (the
// exact fold) on lines DirtyF32 or DirtyF64 call clean; and dirty
// against dirtyGeneric.
func testClean[T Float](t *testing.T, name string, fold, twin, exact func(dst []T, srcs [][]T), dirty func([]T) bool) {
	r := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 3000; trial++ {
		n := r.IntN(70)
		count := 1 + r.IntN(8)
		odd := []float64{0, 0.02, 0.3}[trial%3]
		srcs := randomLines[T](r, count, n, odd)
		got, want := make([]T, n), make([]T, n)
		fold(got, srcs)
		twin(want, srcs)
		for i := range got {
			if !sameBitsT(got[i], want[i]) {
				t.Fatalf("%s: %d sources, n %d, element %d: vector %v, twin %v", name, count, n, i, got[i], want[i])
			}
		}
		if trial%4 == 0 && count > 1 { // in place: dst is srcs[0]
			inPlace := append([]T(nil), srcs[0][:n]...)
			srcs2 := append([][]T{inPlace}, srcs[1:]...)
			fold(inPlace, srcs2)
			for i := range got {
				if !sameBitsT(inPlace[i], want[i]) {
					t.Fatalf("%s in place: %d sources, element %d: %v, want %v", name, count, i, inPlace[i], want[i])
				}
			}
		}
		clean := true
		for _, s := range srcs {
			d := dirty(s[:n])
			if d != dirtyGeneric(s[:n]) {
				t.Fatalf("%s: dirty %v, dirtyGeneric %v on %v", name, d, !d, s[:n])
			}
			clean = clean && !d
		}
		if clean {
			exact(want, srcs)
			for i := range got {
				if !sameBitsT(got[i], want[i]) {
					t.Fatalf("%s on clean lines: element %d: %v, Go's %v", name, i, got[i], want[i])
				}
			}
		}
	}
}

func TestFoldClean(t *testing.T) {
	testClean(t, "FoldMinCleanF32", FoldMinCleanF32, foldMinCleanGeneric[float32], foldMinF32Generic, DirtyF32)
	testClean(t, "FoldMaxCleanF32", FoldMaxCleanF32, foldMaxCleanGeneric[float32], foldMaxF32Generic, DirtyF32)
}

// TestDirty: one NaN (of any payload or sign) or one -0 anywhere in a
// line, the vector part or the tail, makes it dirty; +0, infinities and
// subnormals do not.
func TestDirty(t *testing.T) {
	for n := 0; n < 40; n++ {
		for pos := 0; pos < n; pos++ {
			for j, v := range cleanOdd[float32]() {
				x := make([]float32, n)
				x[pos] = v
				if got, want := DirtyF32(x), j < 3 || j == 4; got != want {
					t.Fatalf("DirtyF32: n %d, %v at %d: %v", n, v, pos, got)
				}
			}
		}
	}
}

// TestFoldMinBothWide: the exact min folds two registers an iteration give
// Go's min (any NaN for a NaN) on any input, in place too.
func TestFoldMinBothWide(t *testing.T) {
	testBoth(t, "FoldMinBothF32", FoldMinBothF32, foldMinF32Generic)
	testBoth(t, "FoldMinBoth", FoldMinBoth, foldMinGeneric)
}

func testBoth[T Float](t *testing.T, name string, fold, exact func(dst []T, srcs [][]T)) {
	r := rand.New(rand.NewPCG(7, 8))
	same := func(x, y T) bool { return sameBitsT(x, y) || x != x && y != y }
	for trial := 0; trial < 3000; trial++ {
		n := r.IntN(70)
		count := 2 + r.IntN(7)
		srcs := randomLines[T](r, count, n, []float64{0, 0.02, 0.3}[trial%3])
		got, want := make([]T, n), make([]T, n)
		fold(got, srcs)
		exact(want, srcs)
		for i := range got {
			if !same(got[i], want[i]) {
				t.Fatalf("%s: %d sources, n %d, element %d: vector %v, Go's %v", name, count, n, i, got[i], want[i])
			}
		}
		inPlace := append([]T(nil), srcs[0][:n]...)
		fold(inPlace, append([][]T{inPlace}, srcs[1:]...))
		for i := range got {
			if !same(inPlace[i], want[i]) {
				t.Fatalf("%s in place: %d sources, element %d: %v, want %v", name, count, i, inPlace[i], want[i])
			}
		}
	}
}
