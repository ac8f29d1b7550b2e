package filter

import "testing"

// The handc rows (../shared/bench/handc) that run the lane program or
// hoist into it: one thread, as handc times them.
const (
	absdevKernel    = "sum(abs(values - center))"
	contrastKernel  = "(max(values) - min(values)) / (max(values) + min(values) + 1e-9)"
	leeKernel       = "let m = mean(values); let v = mean((values - m) ** 2); m + (center - m) * max(v - 0.01, 0) / (v + 1e-12)"
	bilateralKernel = "let w = exp(-((values - center) ** 2) / 0.02); sum(w * values) / sum(w)"
)

func BenchmarkHandcAbsdev3x3_2048(b *testing.B) {
	benchFilterOpts(b, absdevKernel, Options{Footprint: Box(3, 3), Threads: 1}, 2048)
}
func BenchmarkHandcContrast5x5_2048(b *testing.B) {
	benchFilterOpts(b, contrastKernel, Options{Footprint: Box(5, 5), Threads: 1}, 2048)
}
func BenchmarkHandcLee7x7_1024(b *testing.B) {
	benchFilterOpts(b, leeKernel, Options{Footprint: Box(7, 7), Threads: 1}, 1024)
}
func BenchmarkHandcBilateral5x5_1024(b *testing.B) {
	benchFilterOpts(b, bilateralKernel, Options{Footprint: Box(5, 5), Threads: 1}, 1024)
}
