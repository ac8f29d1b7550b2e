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

	// invalid says why a constructor (Box, BoxN) could not make this
	// footprint; New reports it. Constructors return no error so that
	// they fit in an Options literal.
	invalid string
}

// Box returns an all-true footprint with one size per axis: its rank is
// the number of sizes. Box(5) is 1-D (5 elements along one axis), Box(5, 5)
// is 2-D (5x5), Box(3, 5) is 3 rows of 5. For the same size on every axis
// of a given rank, as the command's box:5 means, use BoxN(rank, 5).
//
// A size below 1, or more than MaxFootprint elements in all, gives a
// footprint that New refuses with an *Error of kind FootprintError (and
// nothing is allocated for an oversized one).
func Box(sizes ...int) Footprint {
	f := Footprint{Shape: append([]int(nil), sizes...)}
	for ax, s := range sizes {
		if s < 1 {
			f.invalid = fmt.Sprintf("Box%s: size %d on axis %d; sizes must be 1 or more", callArgs(sizes), s, ax)
			return f
		}
	}
	n, err := size(f.Shape)
	if err != nil || n > MaxFootprint {
		// nothing allocated: check reports the size
		f.invalid = fmt.Sprintf("Box%s has more than %d elements, over the limit", callArgs(sizes), MaxFootprint)
		return f
	}
	f.Mask = make([]bool, n)
	for i := range f.Mask {
		f.Mask[i] = true
	}
	return f
}

func callArgs(args []int) string {
	s := fmt.Sprint(args)
	return "(" + strings.ReplaceAll(s[1:len(s)-1], " ", ", ") + ")"
}

// BoxN returns an all-true footprint of rank axes, each of the given
// size: BoxN(2, 5) is Box(5, 5), a 5x5 square; BoxN(3, 3) a 3x3x3 cube. A
// rank or size below 1 gives a footprint that New refuses with an *Error of
// kind FootprintError.
func BoxN(rank, size int) Footprint {
	switch {
	case rank < 1:
		return Footprint{invalid: fmt.Sprintf("BoxN(%d, %d): rank %d; a footprint has 1 axis or more", rank, size, rank)}
	case size < 1:
		return Footprint{invalid: fmt.Sprintf("BoxN(%d, %d): size %d; sizes must be 1 or more", rank, size, size)}
	case rank > 64 || (size > 1 && rank > 20):
		// 2^21 elements and more are over MaxFootprint; numpy allows 64 axes
		return Footprint{invalid: fmt.Sprintf("BoxN(%d, %d) has more than %d elements, over the limit", rank, size, MaxFootprint)}
	}
	shape := make([]int, rank)
	for i := range shape {
		shape[i] = size
	}
	f := Box(shape...)
	if f.invalid != "" {
		f.invalid = fmt.Sprintf("BoxN(%d, %d) has more than %d elements, over the limit", rank, size, MaxFootprint)
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

// size is the product of Shape, or -1 if Shape is not a valid shape.
func (f Footprint) size() int {
	n, err := size(f.Shape)
	if err != nil {
		return -1
	}
	return n
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
	if f.invalid != "" || len(f.Mask) != f.size() {
		return fmt.Sprintf("invalid footprint %v", f.Shape) // no mask to draw
	}
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
	if f.invalid != "" {
		return &Error{Kind: FootprintError, Msg: f.invalid}
	}
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
