package filter

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/lang"
)

// TestErrorKinds triggers each class of *Error and checks its Kind (what a
// program switches on), the "kind: " prefix of its message, and that no
// message names a command-line flag.
func TestErrorKinds(t *testing.T) {
	box := Box(3, 3)
	ctx := context.Background()
	img, _ := Zeros(Uint8, 4, 4)
	f64, _ := Zeros(Float64, 4, 4)
	f3, _ := Zeros(Float64, 4, 4, 4)
	apply := func(opts Options, in *Array) error {
		f, err := New("min(values)", opts)
		if err != nil {
			return err
		}
		_, err = f.Apply(ctx, in)
		return err
	}
	tests := []struct {
		name string
		kind ErrorKind
		err  func() error
	}{
		{"footprint, no true element", FootprintError, func() error {
			_, err := New("min(values)", Options{Footprint: Footprint{Shape: []int{2}, Mask: []bool{false, false}}})
			return err
		}},
		{"footprint spec", FootprintError, func() error { _, err := ParseFootprint("star", 2); return err }},
		{"footprint rows", FootprintError, func() error { _, err := ParseFootprint("1,1;1", 2); return err }},
		{"footprint rank", FootprintError, func() error { return apply(Options{Footprint: box}, f3) }},
		{"footprint huge", FootprintError, func() error { _, err := New("min(values)", Options{Footprint: Box(2000, 2000)}); return err }},
		{"origin count", OriginError, func() error { return apply(Options{Footprint: box, Origin: []int{0, 0, 0}}, f64) }},
		{"origin range", OriginError, func() error { return apply(Options{Footprint: box, Origin: []int{2}}, f64) }},
		{"mode value", ModeError, func() error { return apply(Options{Footprint: box, Mode: Mode(200)}, f64) }},
		{"mode name", ModeError, func() error { _, err := ParseMode("reflekt"); return err }},
		{"axes count", AxesError, func() error { return apply(Options{Footprint: box, Axes: []int{0}}, f64) }},
		{"axes range", AxesError, func() error { return apply(Options{Footprint: box, Axes: []int{0, 5}}, f64) }},
		{"axes twice", AxesError, func() error { return apply(Options{Footprint: box, Axes: []int{1, 1}}, f64) }},
		{"threads", ThreadsError, func() error { return apply(Options{Footprint: box, Threads: -1}, f64) }},
		{"array nil", ArrayError, func() error { return apply(Options{Footprint: box}, nil) }},
		{"array data", ArrayError, func() error {
			return apply(Options{Footprint: box}, &Array{Shape: []int{2}, DType: Float64, Data: []float64{1}})
		}},
		{"array 0-D", ArrayError, func() error { return apply(Options{Footprint: box}, &Array{DType: Float64, Data: []float64{1}}) }},
		{"shape", ShapeError, func() error { _, err := Zeros(Float64, -1, 3); return err }},
		{"dtype", DTypeError, func() error { _, err := Zeros(DType(200), 3); return err }},
		{"output", OutputError, func() error {
			f, err := New("min(values)", Options{Footprint: box})
			if err != nil {
				return err
			}
			out, _ := Zeros(Float64, 3, 3)
			return f.ApplyTo(ctx, out, f64)
		}},
		{"image channels", ImageError, func() error { _, err := ToImage([]*Array{img, img}, nil); return err }},
		{"image dtype", ImageError, func() error { _, err := ToImage([]*Array{f64}, nil); return err }},
	}
	for _, tt := range tests {
		err := tt.err()
		var fe *Error
		if !errors.As(err, &fe) {
			t.Errorf("%s: %v, want a *filter.Error", tt.name, err)
			continue
		}
		if fe.Kind != tt.kind {
			t.Errorf("%s: kind %v, want %v (%v)", tt.name, fe.Kind, tt.kind, err)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, tt.kind.String()+": ") || strings.Contains(msg, "--") || strings.Contains(msg, "-p ") {
			t.Errorf("%s: message %q: want the prefix %q and no command-line flag", tt.name, msg, tt.kind.String()+": ")
		}
	}
}

// TestKernelErrorDetails: New passes on the kernel's typed details (a
// limit of Options, a parameter not in Options.Params) for errors.As.
func TestKernelErrorDetails(t *testing.T) {
	opts := Options{Footprint: Box(3, 3), Params: map[string]Param{"c": Number(1)}}
	tests := []struct {
		kernel string
		opts   func(*Options)
		limit  *lang.LimitExceeded
		param  *lang.MissingParam
	}{
		{"count(values, # > thresh)", nil, nil, &lang.MissingParam{Name: "thresh"}},
		{"count(values, # > cc)", nil, nil, &lang.MissingParam{Name: "cc", Near: "c"}},
		{"sum(map(values, count(values < #)))", func(o *Options) { o.MaxInstrs = 20 }, &lang.LimitExceeded{Limit: lang.InstrLimit, Value: 21, Max: 20}, nil},
		{"((((center))))", func(o *Options) { o.Limits = lang.Limits{MaxDepth: 2} }, &lang.LimitExceeded{Limit: lang.DepthLimit, Value: 4, Max: 2}, nil},
		{"center + center", func(o *Options) { o.Limits = lang.Limits{MaxSource: 10} }, &lang.LimitExceeded{Limit: lang.SourceLimit, Value: 15, Max: 10}, nil},
	}
	for _, tt := range tests {
		o := opts
		if tt.opts != nil {
			tt.opts(&o)
		}
		_, err := New(tt.kernel, o)
		if err == nil {
			t.Fatalf("New(%q) succeeded", tt.kernel)
		}
		if msg := err.Error(); strings.Contains(msg, "--") || strings.Contains(msg, "-p ") {
			t.Errorf("New(%q): %q names a command-line flag", tt.kernel, msg)
		}
		var le *lang.LimitExceeded
		if got := errors.As(err, &le); got != (tt.limit != nil) || got && *le != *tt.limit {
			t.Errorf("New(%q) = %v: LimitExceeded %v %+v, want %+v", tt.kernel, err, got, le, tt.limit)
		}
		var mp *lang.MissingParam
		if got := errors.As(err, &mp); got != (tt.param != nil) || got && *mp != *tt.param {
			t.Errorf("New(%q) = %v: MissingParam %v %+v, want %+v", tt.kernel, err, got, mp, tt.param)
		}
	}
}
