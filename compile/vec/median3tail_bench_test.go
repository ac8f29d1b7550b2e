package vec

import "testing"

// BenchmarkMedian3x3F32Line: one 2048-pixel line of the float32 3x3
// median from lines in L1 (the kernel's compute, no memory traffic).
func BenchmarkMedian3x3F32Line(b *testing.B) {
	var rows [3][]float32
	for k := range rows {
		rows[k] = make([]float32, 2048)
		for i := range rows[k] {
			rows[k][i] = float32((i*7 + k*5) % 11)
		}
	}
	out := make([]float32, 2046)
	b.SetBytes(4 * 2046)
	for b.Loop() {
		Median3x3F32(out, rows[0], rows[1], rows[2])
	}
}
