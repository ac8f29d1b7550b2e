package filter

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestBoxN(t *testing.T) {
	tests := []struct {
		rank, size int
		shape      []int
		err        string // New's message; "" when New accepts it
	}{
		{1, 5, []int{5}, ""},
		{2, 3, []int{3, 3}, ""},
		{3, 3, []int{3, 3, 3}, ""},
		{2, 1, []int{1, 1}, ""},
		{20, 2, make20(2), ""}, // 2^20 elements: exactly MaxFootprint
		{0, 3, nil, "BoxN(0, 3): rank 0; a footprint has 1 axis or more"},
		{-1, 3, nil, "BoxN(-1, 3): rank -1"},
		{2, 0, nil, "BoxN(2, 0): size 0; sizes must be 1 or more"},
		{2, -4, nil, "BoxN(2, -4): size -4"},
		{21, 2, nil, "BoxN(21, 2) has more than 1048576 elements"},
		{3, 1 << 10, nil, "BoxN(3, 1024) has more than 1048576 elements"},
		{1 << 40, 3, nil, "BoxN(1099511627776, 3) has more than"},
		{2, 1 << 62, nil, "BoxN(2, 4611686018427387904) has more than"},
	}
	for _, tt := range tests {
		fp := BoxN(tt.rank, tt.size)
		_, err := New("max(values)", Options{Footprint: fp})
		if tt.err != "" {
			var fe *Error
			if !errors.As(err, &fe) || fe.Kind != FootprintError || !strings.Contains(fe.Msg, tt.err) {
				t.Errorf("BoxN(%d, %d): New error %v, want a footprint error with %q", tt.rank, tt.size, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("BoxN(%d, %d): %v", tt.rank, tt.size, err)
			continue
		}
		if !reflect.DeepEqual(fp.Shape, tt.shape) || fp.Count() != len(fp.Mask) || !reflect.DeepEqual(fp, Box(tt.shape...)) {
			t.Errorf("BoxN(%d, %d) = shape %v, %d of %d true; want Box%v", tt.rank, tt.size, fp.Shape, fp.Count(), len(fp.Mask), tt.shape)
		}
	}
}

func make20(s int) []int {
	shape := make([]int, 20)
	for i := range shape {
		shape[i] = s
	}
	return shape
}

// Box takes one size per axis; sizes New cannot use are refused by name,
// and a huge box allocates nothing before New refuses it.
func TestBoxSizes(t *testing.T) {
	tests := []struct {
		sizes []int
		rank  int
		err   string
	}{
		{[]int{5}, 1, ""},
		{[]int{5, 5}, 2, ""},
		{[]int{3, 5}, 2, ""},
		{[]int{5, 0}, 0, "Box(5, 0): size 0 on axis 1; sizes must be 1 or more"},
		{[]int{-2}, 0, "Box(-2): size -2 on axis 0"},
		{[]int{1 << 20, 1 << 20}, 0, "Box(1048576, 1048576) has more than 1048576 elements, over the limit"},
		{[]int{1 << 40, 1 << 40, 1 << 40}, 0, "over the limit"},
	}
	for _, tt := range tests {
		fp := Box(tt.sizes...)
		_, err := New("max(values)", Options{Footprint: fp})
		if tt.err == "" {
			if err != nil || fp.Rank() != tt.rank {
				t.Errorf("Box%v: rank %d, %v; want rank %d", tt.sizes, fp.Rank(), err, tt.rank)
			}
			continue
		}
		var fe *Error
		if !errors.As(err, &fe) || fe.Kind != FootprintError || !strings.Contains(fe.Msg, tt.err) {
			t.Errorf("Box%v: New error %v, want a footprint error with %q", tt.sizes, err, tt.err)
		}
		if fp.Mask != nil {
			t.Errorf("Box%v allocated a mask of %d", tt.sizes, len(fp.Mask))
		}
	}
}

func TestZeroOptions(t *testing.T) {
	_, err := New("median(values)", Options{})
	var fe *Error
	if !errors.As(err, &fe) || fe.Kind != FootprintError ||
		err.Error() != "footprint: Options.Footprint is empty: give one, e.g. filter.BoxN(2, 3) or filter.Cross(2)" {
		t.Errorf("New with zero Options: %v", err)
	}
	// a footprint given but with no axes is a different mistake
	_, err = New("median(values)", Options{Footprint: Footprint{Shape: []int{}, Mask: []bool{true}}})
	if err == nil || !strings.Contains(err.Error(), "footprint has no axes") {
		t.Errorf("New with a 0-D footprint: %v", err)
	}
}

// A footprint Box or BoxN could not build still prints, for %v in logs.
func TestInvalidFootprintString(t *testing.T) {
	tests := []struct {
		fp   Footprint
		want string
	}{
		{Box(-1, 3), "invalid footprint [-1 3]"},
		{Box(0), "invalid footprint [0]"},
		{BoxN(0, 3), "invalid footprint []"},
		{Box(1<<20, 1<<20), "invalid footprint [1048576 1048576]"},
		{Footprint{Shape: []int{2, 2}, Mask: []bool{true}}, "invalid footprint [2 2]"},
		{Box(2, 3), "1,1,1;1,1,1"},
	}
	for _, tt := range tests {
		if got := tt.fp.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}
