package tiff_test

import (
	"bytes"
	"math"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/tiff"
)

// smooth is a 2048x2048 image with the gradients and noise of a real
// one, so that deflate and the predictors see realistic data.
func smooth(dt filter.DType) *filter.Array {
	const n = 2048
	a, _ := filter.Zeros(dt, n, n)
	x := uint32(1)
	for i := range n * n {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		v := 1000 + 800*math.Sin(float64(i%n)/97)*math.Cos(float64(i/n)/131) + float64(x%64)/8
		switch s := a.Data.(type) {
		case []float32:
			s[i] = float32(v)
		case []uint16:
			s[i] = uint16(v)
		}
	}
	return a
}

func benchDecode(b *testing.B, a *filter.Array, o *tiff.Options) {
	var buf bytes.Buffer
	if err := tiff.Write(&buf, a, o); err != nil {
		b.Fatal(err)
	}
	file := buf.Bytes()
	b.SetBytes(int64(a.Len() * a.DType.Size()))
	for b.Loop() {
		if _, err := tiff.Read(bytes.NewReader(file), int64(len(file))); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(file))/float64(a.Len()*a.DType.Size()), "compressed/raw")
}

func BenchmarkDecodeFloat32DeflatePredictor(b *testing.B) {
	benchDecode(b, smooth(filter.Float32), &tiff.Options{Compression: tiff.Deflate, Predictor: tiff.FloatingPoint})
}

func BenchmarkDecodeUint16(b *testing.B) {
	benchDecode(b, smooth(filter.Uint16), &tiff.Options{})
}

func BenchmarkEncodeFloat32DeflatePredictor(b *testing.B) {
	a := smooth(filter.Float32)
	b.SetBytes(int64(a.Len() * 4))
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := tiff.Write(&buf, a, &tiff.Options{Compression: tiff.Deflate, Predictor: tiff.FloatingPoint}); err != nil {
			b.Fatal(err)
		}
	}
}
