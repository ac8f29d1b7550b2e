package tiff_test

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/tiff"
)

// TestSource: a stack of pages, one page and one RGB page streamed by
// bands of 1 to 3 lines (pages, or rows) and cut into regions give Apply's
// output over the whole array.
func TestSource(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		a    *filter.Array
		fp   filter.Footprint
		mode filter.Mode
	}{
		{pattern(filter.Uint16, 5, 40, 30), filter.BoxN(3, 3), filter.Wrap},
		{pattern(filter.Float32, 40, 30), filter.BoxN(2, 5), filter.Reflect},
		{pattern(filter.Uint8, 40, 30, 3), filter.Box(3, 3, 1), filter.Mirror},
	} {
		var buf bytes.Buffer
		if err := tiff.Write(&buf, tt.a, &tiff.Options{RowsPerStrip: 4}); err != nil {
			t.Fatal(err)
		}
		d, err := tiff.NewDecoder(bytes.NewReader(buf.Bytes()), int64(buf.Len()), tiff.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		f, err := filter.New("median(values)", filter.Options{Footprint: tt.fp, Mode: tt.mode})
		if err != nil {
			t.Fatal(err)
		}
		want, err := f.Apply(ctx, tt.a)
		if err != nil {
			t.Fatal(err)
		}
		src, err := tiff.Source(d)
		if err != nil {
			t.Fatal(err)
		}
		for rows := 1; rows <= 3; rows++ {
			got, _ := filter.Zeros(want.DType, want.Shape...)
			if err := f.Stream(ctx, filter.ArraySink(got), src, filter.StreamOptions{Rows: rows}); err != nil {
				t.Fatal(err)
			}
			if !equal(got, want) {
				t.Errorf("shape %v, bands of %d: differs from Apply", tt.a.Shape, rows)
			}
		}
		// a region inside: not whole on the other axes
		got, _ := filter.Zeros(want.DType, want.Shape...)
		r := filter.Whole(want.Shape)
		r.Lo[1], r.Hi[1] = 3, 9
		if err := f.ApplyRegion(ctx, filter.ArraySink(got), src, r); err != nil {
			t.Fatal(err)
		}
		full, _ := filter.Zeros(want.DType, want.Shape...)
		filter.ArraySink(full).Write(r, mustSub(t, want, r))
		if !equal(got, full) {
			t.Errorf("shape %v, %v: differs from Apply", tt.a.Shape, r)
		}
	}
}

// mustSub is region r of a, through a region of an in-memory filter
// that copies (max over a 1-element footprint).
func mustSub(t *testing.T, a *filter.Array, r filter.Region) *filter.Array {
	t.Helper()
	id, err := filter.New("max(values)", filter.Options{Footprint: filter.BoxN(len(a.Shape), 1)})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := filter.Zeros(a.DType, r.Shape()...)
	sink := sinkFunc(func(_ filter.Region, v *filter.Array) error { return filter.Copy(out, v) })
	if err := id.ApplyRegion(context.Background(), sink, filter.ArraySource(a), r); err != nil {
		t.Fatal(err)
	}
	return out
}

type sinkFunc func(filter.Region, *filter.Array) error

func (f sinkFunc) Write(r filter.Region, a *filter.Array) error { return f(r, a) }

func equal(a, b *filter.Array) bool {
	x, _ := filter.Convert(a, filter.Float64)
	y, _ := filter.Convert(b, filter.Float64)
	xs, ys := x.Data.([]float64), y.Data.([]float64)
	for i := range xs {
		if math.Float64bits(xs[i]) != math.Float64bits(ys[i]) && !(xs[i] != xs[i] && ys[i] != ys[i]) {
			return false
		}
	}
	return len(xs) == len(ys)
}
