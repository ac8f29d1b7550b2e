package filter

import (
	"context"
	"fmt"
	"unsafe"
)

// Regions: an array bigger than memory is filtered piece by piece. A
// Region is a hyper-rectangle of the output; ApplyRegion asks a Source for
// exactly the input that region reads (the region extended by the
// footprint's halo, each index outside the array mapped through the
// boundary mode in the whole array's coordinates, so that wrap reads the
// far end and nothing in between), filters that block with the ordinary
// engine and hands the region's outputs to a Sink. Each output reads only
// inside its block, so any tiling gives Apply's result bit for bit.
//
// Blocks always hold whole lines along the last axis, the axis the engine
// runs along: the algorithms that add runs of a line (van Herk/Gil-Werman)
// then group the additions exactly as over the whole array. A region
// narrower than a line computes the whole line and keeps its part.

// Region is the hyper-rectangle Lo[i] <= index[i] < Hi[i] of an array.
type Region struct {
	Lo, Hi []int
}

// Whole is the region covering an array of the given shape.
func Whole(shape []int) Region {
	return Region{Lo: make([]int, len(shape)), Hi: append([]int(nil), shape...)}
}

// Band is the region of whole lines lo <= index[0] < hi of an array of
// the given shape: a band, the unit of streaming and of shards.
func Band(shape []int, lo, hi int) Region {
	r := Whole(shape)
	if len(shape) > 0 {
		r.Lo[0], r.Hi[0] = lo, hi
	}
	return r
}

// Shape is the region's extent on each axis.
func (r Region) Shape() []int {
	s := make([]int, len(r.Lo))
	for i := range s {
		s[i] = r.Hi[i] - r.Lo[i]
	}
	return s
}

func (r Region) String() string { return fmt.Sprintf("region %v to %v", r.Lo, r.Hi) }

func (r Region) check(shape []int) error {
	if len(r.Lo) != len(shape) || len(r.Hi) != len(shape) {
		return &Error{Kind: ShapeError, Msg: fmt.Sprintf("%v has %d and %d bounds for a %d-D array", r, len(r.Lo), len(r.Hi), len(shape))}
	}
	for ax := range shape {
		if r.Lo[ax] < 0 || r.Hi[ax] < r.Lo[ax] || r.Hi[ax] > shape[ax] {
			return &Error{Kind: ShapeError, Msg: fmt.Sprintf("%v is outside shape %v on axis %d", r, shape, ax)}
		}
	}
	return nil
}

// Source gives an input array's elements on demand.
type Source interface {
	Shape() []int
	DType() DType
	// Read fills dst, a C-order array of dst.Shape[i] == len(index[i])
	// and the source's dtype, with the elements at the outer product of
	// the index lists (numpy's a[np.ix_(*index)]). Every index is in
	// range; an index may repeat, and the last list is always whole
	// (0, 1, ..., n-1).
	Read(dst *Array, index [][]int) error
}

// Sink takes a filtered region's outputs.
type Sink interface {
	// Write stores out, the outputs of region r (out.Shape is r's shape).
	// out may be a view (see ViewOf) and is reused once Write returns.
	Write(r Region, out *Array) error
}

// ArraySource is an in-memory array as a Source.
func ArraySource(a *Array) Source { return arraySource{a} }

type arraySource struct{ a *Array }

func (s arraySource) Shape() []int { return s.a.Shape }
func (s arraySource) DType() DType { return s.a.DType }

func (s arraySource) Read(dst *Array, index [][]int) error {
	if err := s.a.checkView(); err != nil {
		return err
	}
	strides := s.a.Strides
	if strides == nil {
		strides = cStrides(s.a.Shape)
	}
	rank := len(index)
	L := len(index[rank-1])
	pos := make([]int, rank-1)
	for line := range lineCount(dst.Shape) {
		start := 0
		for ax := range pos {
			start += index[ax][pos[ax]] * strides[ax]
		}
		copyElems(dst.Data, line*L, s.a.Data, start, L)
		for ax := rank - 2; ax >= 0; ax-- {
			if pos[ax]++; pos[ax] < len(index[ax]) {
				break
			}
			pos[ax] = 0
		}
	}
	return nil
}

// ArraySink writes each region into an in-memory array of the whole
// output's shape (which may be a view).
func ArraySink(a *Array) Sink { return arraySink{a} }

type arraySink struct{ a *Array }

func (s arraySink) Write(r Region, out *Array) error {
	if err := r.check(s.a.Shape); err != nil {
		return err
	}
	dst, err := SubView(s.a, r.Lo, r.Shape())
	if err != nil {
		return err
	}
	return Copy(dst, out)
}

func cStrides(shape []int) []int {
	s := make([]int, len(shape))
	n := 1
	for ax := len(shape) - 1; ax >= 0; ax-- {
		s[ax] = n
		n *= shape[ax]
	}
	return s
}

// SubView returns the box of a that starts at index lo and has the given
// shape, as a view of a's memory: no copy (numpy's a[lo0:lo0+n0, ...]). A
// box of whole lines of a C-order array is itself in C order.
func SubView(a *Array, lo, shape []int) (*Array, error) {
	if err := a.checkView(); err != nil {
		return nil, err
	}
	if len(lo) != len(a.Shape) || len(shape) != len(a.Shape) {
		return nil, &Error{Kind: ArrayError, Msg: fmt.Sprintf("a box at %v of shape %v in a %d-D array", lo, shape, len(a.Shape))}
	}
	for ax := range lo {
		if lo[ax] < 0 || shape[ax] < 0 || lo[ax]+shape[ax] > a.Shape[ax] {
			return nil, &Error{Kind: ArrayError, Msg: fmt.Sprintf("a box at %v of shape %v does not fit shape %v", lo, shape, a.Shape)}
		}
	}
	strides := a.Strides
	if strides == nil {
		strides = cStrides(a.Shape)
	}
	off := 0
	for ax := range lo {
		off += lo[ax] * strides[ax]
	}
	n := 0
	if !zeroLen(shape) {
		n = 1
		for ax := range shape {
			n += (shape[ax] - 1) * strides[ax]
		}
	}
	return ViewOf(sliceRange(a.Data, off, off+n), shape, strides)
}

func zeroLen(shape []int) bool {
	for _, s := range shape {
		if s == 0 {
			return true
		}
	}
	return false
}

// rawBytes is data's memory as bytes, with no copy.
func rawBytes(data any) []byte {
	switch d := data.(type) {
	case []bool:
		return asBytes(d)
	case []int8:
		return asBytes(d)
	case []int16:
		return asBytes(d)
	case []int32:
		return asBytes(d)
	case []int64:
		return asBytes(d)
	case []uint8:
		return d
	case []uint16:
		return asBytes(d)
	case []uint32:
		return asBytes(d)
	case []uint64:
		return asBytes(d)
	case []float32:
		return asBytes(d)
	case []float64:
		return asBytes(d)
	}
	return nil
}

func asBytes[T any](s []T) []byte {
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero)))
}

// sliceRange is data[lo:hi] for any element type.
func sliceRange(data any, lo, hi int) any {
	switch d := data.(type) {
	case []bool:
		return d[lo:hi]
	case []int8:
		return d[lo:hi]
	case []int16:
		return d[lo:hi]
	case []int32:
		return d[lo:hi]
	case []int64:
		return d[lo:hi]
	case []uint8:
		return d[lo:hi]
	case []uint16:
		return d[lo:hi]
	case []uint32:
		return d[lo:hi]
	case []uint64:
		return d[lo:hi]
	case []float32:
		return d[lo:hi]
	case []float64:
		return d[lo:hi]
	}
	return nil
}

// copyElems copies n elements of src from so to dst from do; the two
// have one element type.
func copyElems(dst any, do int, src any, so, n int) {
	size := dtypeOf(dst).Size()
	copy(rawBytes(dst)[do*size:(do+n)*size], rawBytes(src)[so*size:(so+n)*size])
}

// Halo is how far the footprint reaches before and after each output on
// each axis of an input of the given rank: output i reads inputs
// i-lo[ax] to i+hi[ax] (origin included; zero on the axes the footprint
// does not span).
func (f *Filter) Halo(rank int) (lo, hi []int, err error) {
	axes, err := f.axes(rank)
	if err != nil {
		return nil, nil, err
	}
	lo, hi = make([]int, rank), make([]int, rank)
	fp := f.opts.Footprint
	for j, ax := range axes {
		s := fp.Shape[j]
		lo[ax] = s/2 + f.origin[j]
		hi[ax] = s - 1 - lo[ax]
	}
	return lo, hi, nil
}

// OutputDType is the output's dtype for an input of dtype in.
func (f *Filter) OutputDType(in DType) DType {
	if f.opts.Output != 0 {
		return f.opts.Output
	}
	return in
}

// regionBufs are the block and its output, reused from region to region
// so that a stream allocates them once.
type regionBufs struct {
	block, out *Array
}

func (b *regionBufs) get(p **Array, dt DType, shape []int) (*Array, error) {
	n, err := size(shape)
	if err != nil {
		return nil, err
	}
	if *p == nil || (*p).DType != dt || sliceLen((*p).Data) < n {
		if *p, err = Zeros(dt, n); err != nil {
			return nil, err
		}
	}
	return &Array{Shape: append([]int(nil), shape...), DType: dt, Data: sliceRange((*p).Data, 0, n)}, nil
}

// ApplyRegion filters region r of the array src gives, reading from src
// only the input that r's outputs read, and writes those outputs to dst.
// The outputs are Apply's over the whole array bit for bit, whatever the
// region: regions can tile an array in any way, in any order, from any
// number of goroutines (src and dst permitting). Options.Progress is not
// called: the caller knows its regions.
func (f *Filter) ApplyRegion(ctx context.Context, dst Sink, src Source, r Region) error {
	g := *f
	g.opts.Progress = nil
	return g.applyRegion(ctx, dst, src, r, new(regionBufs))
}

func (f *Filter) applyRegion(ctx context.Context, dst Sink, src Source, r Region, bufs *regionBufs) error {
	blk, err := f.readRegion(ctx, src, r, bufs)
	if err != nil || blk == nil {
		return err
	}
	view, err := f.filterRegion(ctx, blk, bufs)
	if err != nil {
		return err
	}
	return dst.Write(r, view)
}

// readBlock is a region's input block, read, and where the region sits
// in it.
type readBlock struct {
	block *Array
	at    []int
	r     Region
}

// readRegion reads the block region r's outputs read; nil for an empty
// region.
func (f *Filter) readRegion(ctx context.Context, src Source, r Region, bufs *regionBufs) (*readBlock, error) {
	shape := src.Shape()
	rank := len(shape)
	if rank == 0 {
		return nil, &Error{Kind: ArrayError, Msg: "a 0-D array has no neighbourhoods; give at least one axis"}
	}
	if err := r.check(shape); err != nil {
		return nil, err
	}
	lo, hi, err := f.Halo(rank)
	if err != nil {
		return nil, err
	}
	if zeroLen(r.Shape()) {
		return nil, ctx.Err()
	}
	index := make([][]int, rank)
	bshape := make([]int, rank)
	at := make([]int, rank) // where r starts in the block
	for ax, n := range shape {
		a, b := r.Lo[ax]-lo[ax], r.Hi[ax]+hi[ax]
		whole := ax == rank-1 || (a <= 0 && b >= n)
		if f.opts.Mode == Constant || f.opts.Mode == GridConstant {
			// Outside the array is cval however far: a block that stops
			// at the array's edge gets it from the engine, in float64
			// as over the whole array (cval may not fit the dtype).
			a, b = max(a, 0), min(b, n)
		}
		switch {
		case whole:
			a, b = 0, n
			fallthrough
		case a >= 0 && b <= n:
			index[ax] = make([]int, b-a)
			for i := range index[ax] {
				index[ax][i] = a + i
			}
		default:
			// Only the halo is past the edge, and the block does not
			// reach the far end: map it through the mode here, in the
			// whole array's coordinates.
			index[ax] = make([]int, b-a)
			for i := range index[ax] {
				index[ax][i] = f.opts.Mode.index(a+i, n)
			}
		}
		bshape[ax] = b - a
		at[ax] = r.Lo[ax] - a
	}
	block, err := bufs.get(&bufs.block, src.DType(), bshape)
	if err != nil {
		return nil, err
	}
	if err := src.Read(block, index); err != nil {
		return nil, err
	}
	return &readBlock{block: block, at: at, r: r}, ctx.Err()
}

// filterRegion filters a block read by readRegion and returns the view of
// its region's outputs.
func (f *Filter) filterRegion(ctx context.Context, b *readBlock, bufs *regionBufs) (*Array, error) {
	out, err := bufs.get(&bufs.out, f.OutputDType(b.block.DType), b.block.Shape)
	if err != nil {
		return nil, err
	}
	if err := f.ApplyTo(ctx, out, b.block); err != nil {
		return nil, err
	}
	return SubView(out, b.at, b.r.Shape())
}
