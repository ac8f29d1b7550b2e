package compile

import "testing"

// The general path's rows of issue 14: kernels no fast path knows.
func BenchmarkRunAbsdev3x3(b *testing.B) { benchRun(b, "sum(abs(values - values[4]))", 9) }
func BenchmarkRunBilateral5x5(b *testing.B) {
	benchRun(b, "let wt = exp(-((values - center) ** 2) / 0.02); sum(wt * values) / sum(wt)", 25)
}
func BenchmarkRunContrast5x5(b *testing.B) {
	benchRun(b, "(max(values) - min(values)) / (max(values) + min(values) + 1e-9)", 25)
}
func BenchmarkRunLee7x7(b *testing.B) {
	benchRun(b, "let m = mean(values); let v = mean((values - m) ** 2); m + (center - m) * max(v - 0.01, 0) / (v + 1e-12)", 49)
}
