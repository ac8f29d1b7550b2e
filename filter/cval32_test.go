package filter

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// TestCval32Paths: 32-bit integer ranks in the constant modes take the
// typed path they take in the other modes (cval being an int32 or a
// uint32, the typed lines hold it), not a float64 one, and give the lane
// program's result, cval at the type's ends included; a cval the type
// cannot hold leaves them to the float64 paths.
func TestCval32Paths(t *testing.T) {
	r := rand.New(rand.NewPCG(81, 82))
	for _, c := range []struct {
		src  string
		fp   Footprint
		dt   DType
		cval float64
		fast bool
	}{
		{"median(values)", Box(5, 5), Int32, math.MinInt32, true},
		{"median(values)", Disk(2), Int32, math.MaxInt32, true},
		{"percentile(values, 10)", Box(3, 7), Int32, -7, true},
		{"sort(values)[2]", Diamond(1), Uint32, math.MaxUint32, true},
		{"median(values)", Box(9, 9), Uint32, 0, true},
		{"median(values)", Disk(3), Uint32, 12345, true},
		{"median(values)", Box(5, 5), Int32, math.MaxInt32 + 1, false},
		{"median(values)", Box(5, 5), Uint32, -1, false},
		{"median(values)", Box(5, 5), Int32, 0.5, false},
	} {
		in := random32(t, r, c.dt, 37, 53)
		ref, err := New(c.src, Options{Footprint: c.fp, Mode: Reflect})
		if err != nil {
			t.Fatal(err)
		}
		want := ref.Path(2, c.dt).Kind
		if want == GeneralPath {
			t.Fatalf("%s over %v of %v: the lane program in reflect mode", c.src, c.fp.Shape, c.dt)
		}
		for _, mode := range []Mode{Constant, GridConstant} {
			opts := Options{Footprint: c.fp, Mode: mode, Cval: c.cval}
			f, err := New(c.src, opts)
			if err != nil {
				t.Fatal(err)
			}
			p := f.Path(2, c.dt)
			if (p.Kind == want) != c.fast {
				t.Fatalf("%s over %v of %v, %v cval %v: path %v, want %v %v: %s", c.src, c.fp.Shape, c.dt, mode, c.cval, p.Kind, want, c.fast, p)
			}
			opts.General = true
			g, err := New(c.src, opts)
			if err != nil {
				t.Fatal(err)
			}
			a, err := f.Apply(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			b, err := g.Apply(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			sameResult(t, c.src+" on "+c.dt.String(), a, b)
		}
	}
}
