package filter

import (
	"fmt"
	"strconv"
	"strings"
)

// Footprint is a boolean N-D mask: the neighbourhood of a pixel. Its true
// elements, in C order, are the kernel's values.
type Footprint struct {
	Shape []int
	Mask  []bool // C order, len = product of Shape
}

// Box returns a footprint of the given size on each axis, all true.
func Box(size ...int) Footprint {
	f := Footprint{Shape: append([]int(nil), size...)}
	n := 1
	for _, s := range size {
		n *= max(s, 0)
	}
	f.Mask = make([]bool, n)
	for i := range f.Mask {
		f.Mask[i] = true
	}
	return f
}

// Cross returns scipy's generate_binary_structure(rank, 1): the pixel and
// its 2*rank face neighbours, in a 3x...x3 box.
func Cross(rank int) Footprint {
	return grid(rank, 1, func(off []int) bool {
		s := 0
		for _, o := range off {
			s += abs(o)
		}
		return s <= 1
	})
}

// Disk returns skimage.morphology.disk(r): x*x + y*y <= r*r.
func Disk(r int) Footprint {
	return grid(2, r, func(off []int) bool { return off[0]*off[0]+off[1]*off[1] <= r*r })
}

// Diamond returns skimage.morphology.diamond(r): |x| + |y| <= r.
func Diamond(r int) Footprint {
	return grid(2, r, func(off []int) bool { return abs(off[0])+abs(off[1]) <= r })
}

// Ball returns skimage.morphology.ball(r): x*x + y*y + z*z <= r*r.
func Ball(r int) Footprint {
	return grid(3, r, func(off []int) bool { return off[0]*off[0]+off[1]*off[1]+off[2]*off[2] <= r*r })
}

// grid draws a footprint of extent 2r+1 on each of rank axes, true where
// in holds of the offset from the centre.
func grid(rank, r int, in func(off []int) bool) Footprint {
	shape := make([]int, rank)
	for i := range shape {
		shape[i] = 2*r + 1
	}
	f := Box(shape...)
	off := make([]int, rank)
	for i := range f.Mask {
		rem := i
		for ax := rank - 1; ax >= 0; ax-- {
			off[ax] = rem%shape[ax] - r
			rem /= shape[ax]
		}
		f.Mask[i] = in(off)
	}
	return f
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Rank is the number of axes.
func (f Footprint) Rank() int { return len(f.Shape) }

// Count is the number of true elements: the length of values.
func (f Footprint) Count() int {
	n := 0
	for _, b := range f.Mask {
		if b {
			n++
		}
	}
	return n
}

// String draws a 1-D or 2-D footprint as rows of 0 and 1 separated by ';'
// (the form ParseFootprint reads); higher ranks print their shape.
func (f Footprint) String() string {
	switch len(f.Shape) {
	case 1:
		return f.row(0, f.Shape[0])
	case 2:
		rows := make([]string, f.Shape[0])
		for i := range rows {
			rows[i] = f.row(i*f.Shape[1], f.Shape[1])
		}
		return strings.Join(rows, ";")
	}
	return fmt.Sprintf("footprint %v with %d true elements", f.Shape, f.Count())
}

func (f Footprint) row(start, n int) string {
	var b strings.Builder
	for j := 0; j < n; j++ {
		if j > 0 {
			b.WriteByte(',')
		}
		if f.Mask[start+j] {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}

// MaxFootprint bounds the elements of a footprint (true or not), so that a
// typo such as box:10000 fails at once rather than after minutes.
const MaxFootprint = 1 << 20

// sane checks, before anything is allocated, that a footprint of the given
// shape (every axis of length fill, when fill is given) is within
// MaxFootprint.
func sane(shape []int, fill ...int) error {
	n := 1
	for i, s := range shape {
		if len(fill) > 0 {
			s = fill[0]
			shape[i] = s
		}
		if s > MaxFootprint || n*s > MaxFootprint {
			return &Error{Kind: FootprintError, Msg: fmt.Sprintf("footprint %v has more than %d elements, over the limit", shape, MaxFootprint)}
		}
		n *= s
	}
	return nil
}

func (f Footprint) check() error {
	n, err := size(f.Shape)
	if err != nil {
		return &Error{Kind: FootprintError, Msg: err.(*Error).Msg}
	}
	if len(f.Shape) == 0 {
		return &Error{Kind: FootprintError, Msg: "footprint has no axes"}
	}
	for _, s := range f.Shape {
		if s == 0 {
			return &Error{Kind: FootprintError, Msg: fmt.Sprintf("footprint shape %v has an empty axis", f.Shape)}
		}
	}
	if n > MaxFootprint {
		return &Error{Kind: FootprintError, Msg: fmt.Sprintf("footprint %v has %d elements, over the limit of %d", f.Shape, n, MaxFootprint)}
	}
	if len(f.Mask) != n {
		return &Error{Kind: FootprintError, Msg: fmt.Sprintf("footprint shape %v needs %d mask elements, got %d", f.Shape, n, len(f.Mask))}
	}
	if f.Count() == 0 {
		return &Error{Kind: FootprintError, Msg: "footprint has no true element"}
	}
	return nil
}

// FootprintOf turns an array of bools, or of numbers that are all 0 or 1,
// into a footprint.
func FootprintOf(a *Array) (Footprint, error) {
	if err := a.check(); err != nil {
		return Footprint{}, err
	}
	f := Footprint{Shape: append([]int(nil), a.Shape...), Mask: make([]bool, a.Len())}
	if b, ok := a.Data.([]bool); ok {
		copy(f.Mask, b)
	} else {
		vals := make([]float64, a.Len())
		toFloat64(vals, a.Data, 0)
		for i, v := range vals {
			if v != 0 && v != 1 {
				return Footprint{}, &Error{Kind: FootprintError, Msg: fmt.Sprintf("footprint values must be 0 or 1 (or bools), found %v", v)}
			}
			f.Mask[i] = v == 1
		}
	}
	return f, f.check()
}

// ParseFootprint reads a footprint spec for an input of the given rank:
// "cross", "box:N" (N on every axis), "NxM..." (one size per axis), "N",
// "disk:R", "diamond:R", "ball:R", or rows of 0 and 1 such as
// "0,1,0;1,1,1;0,1,0" (a 1-D footprint is one row).
func ParseFootprint(spec string, rank int) (Footprint, error) {
	bad := func(format string, args ...any) (Footprint, error) {
		return Footprint{}, &Error{Kind: FootprintError, Msg: fmt.Sprintf("%q: ", spec) + fmt.Sprintf(format, args...)}
	}
	name, arg, hasArg := strings.Cut(strings.TrimSpace(spec), ":")
	num := func() (int, bool) {
		n, err := strconv.Atoi(arg)
		return n, err == nil && n >= 0 && n <= 1<<16
	}
	var f Footprint
	switch {
	case name == "cross" && !hasArg:
		f = Cross(rank)
	case name == "box" && hasArg:
		n, ok := num()
		if !ok || n == 0 {
			return bad("box needs a positive size, as in box:3")
		}
		size := make([]int, rank)
		for i := range size {
			size[i] = n
		}
		if err := sane(size); err != nil {
			return Footprint{}, err
		}
		f = Box(size...)
	case (name == "disk" || name == "diamond" || name == "ball") && hasArg:
		r, ok := num()
		if !ok {
			return bad("%s needs a radius of 0 or more, as in %s:2", name, name)
		}
		dims := 2
		if name == "ball" {
			dims = 3
		}
		if err := sane(make([]int, dims), 2*r+1); err != nil {
			return Footprint{}, err
		}
		want := 2
		switch name {
		case "disk":
			f = Disk(r)
		case "diamond":
			f = Diamond(r)
		default:
			f, want = Ball(r), 3
		}
		if rank != want {
			return bad("%s is %d-D, the input is %d-D", name, want, rank)
		}
	case strings.ContainsAny(spec, ",;"):
		return parseRows(spec, rank)
	case spec != "" && strings.Trim(spec, "0123456789x") == "":
		parts := strings.Split(spec, "x")
		size := make([]int, len(parts))
		for i, p := range parts {
			n, err := strconv.Atoi(p)
			if err != nil || n <= 0 || n > 1<<16 {
				return bad("sizes must be positive integers, as in 3x5")
			}
			size[i] = n
		}
		if len(size) == 1 {
			for len(size) < rank {
				size = append(size, size[0])
			}
		}
		if err := sane(size); err != nil {
			return Footprint{}, err
		}
		f = Box(size...)
	default:
		return bad("unknown footprint; use cross, box:N, NxM, disk:R, diamond:R, ball:R, rows such as 0,1,0;1,1,1;0,1,0, or a .npy file")
	}
	if err := f.check(); err != nil {
		return Footprint{}, err
	}
	return f, nil
}

func parseRows(spec string, rank int) (Footprint, error) {
	rows := strings.Split(spec, ";")
	f := Footprint{Shape: []int{len(rows), 0}}
	for i, row := range rows {
		cells := strings.Split(row, ",")
		if i == 0 {
			f.Shape[1] = len(cells)
		} else if len(cells) != f.Shape[1] {
			return Footprint{}, &Error{Kind: FootprintError, Msg: fmt.Sprintf("%q: row %d has %d values, row 1 has %d", spec, i+1, len(cells), f.Shape[1])}
		}
		for j, c := range cells {
			switch strings.TrimSpace(c) {
			case "1":
				f.Mask = append(f.Mask, true)
			case "0":
				f.Mask = append(f.Mask, false)
			default:
				return Footprint{}, &Error{Kind: FootprintError, Msg: fmt.Sprintf("%q: row %d value %d is %q, want 0 or 1", spec, i+1, j+1, strings.TrimSpace(c))}
			}
		}
	}
	if len(rows) == 1 && rank == 1 {
		f.Shape = f.Shape[1:]
	}
	return f, f.check()
}
