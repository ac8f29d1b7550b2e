package filter

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"unsafe"

	"github.com/kfilter/kfilter/filter/npy"
)

// Streaming: a .npy file is a Source read by offset and a Sink written by
// offset, so an array bigger than memory is filtered band by band (Band:
// whole lines along axis 0), holding one input band with its halo and one
// output band at a time.

// StreamOptions say how Stream cuts the array.
type StreamOptions struct {
	Rows     int                   // lines of axis 0 per band; 0 for BandRows's choice under Memory
	Memory   int64                 // bytes for the bands and the engine's buffers when Rows is 0; 0 for 256 MiB
	Progress func(done, total int) // if set, called after each band with rows of axis 0 done
}

// Stream filters the whole of src into dst, band by band: Apply's output
// bit for bit, with memory bounded by one band, not the array. The
// filter's threads share each band's lines. A 1-D array is one band.
func (f *Filter) Stream(ctx context.Context, dst Sink, src Source, opts StreamOptions) error {
	shape := src.Shape()
	if len(shape) == 0 {
		return &Error{Kind: ArrayError, Msg: "a 0-D array has no neighbourhoods; give at least one axis"}
	}
	rows := opts.Rows
	if rows <= 0 {
		mem := opts.Memory
		if mem <= 0 {
			mem = 256 << 20
		}
		var err error
		if rows, err = f.BandRows(shape, src.DType(), mem); err != nil {
			return err
		}
	}
	if len(shape) == 1 {
		rows = shape[0] // a band of a 1-D array is its one line whole
	}
	g := *f // the engine's own progress counts a band's lines, not the array's
	g.opts.Progress = nil
	// A pipeline: band k+1 is read and band k-1 written while band k is
	// filtered, each with its own buffers, two sets in turn.
	var bufs [2]regionBufs
	type result struct {
		blk *readBlock
		err error
	}
	read := func(k int) chan result {
		c := make(chan result, 1)
		lo := k * rows
		if lo >= shape[0] {
			c <- result{}
			return c
		}
		go func() {
			blk, err := g.readRegion(ctx, src, Band(shape, lo, min(lo+rows, shape[0])), &bufs[k%2])
			c <- result{blk, err}
		}()
		return c
	}
	written := make(chan error, 1)
	written <- nil
	next := read(0)
	var err error
	for k := 0; k*rows < shape[0]; k++ {
		res := <-next
		if next = read(k + 1); res.err != nil {
			err = res.err
			break
		}
		var view *Array
		if res.blk != nil {
			if view, err = g.filterRegion(ctx, res.blk, &bufs[k%2]); err != nil {
				break
			}
		}
		if werr := <-written; werr != nil {
			written <- nil // for the wait below
			err = werr
			break
		}
		go func() {
			if view == nil {
				written <- nil
				return
			}
			err := dst.Write(res.blk.r, view)
			if err == nil && opts.Progress != nil {
				opts.Progress(res.blk.r.Hi[0], shape[0])
			}
			written <- err
		}()
	}
	// wait for the goroutines still running: their buffers go with them
	if werr := <-written; err == nil {
		err = werr
	}
	if res := <-next; err == nil && res.err != nil {
		err = res.err
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

// BandRows is how many lines of axis 0 a band holds so that Stream over
// an input of the given shape and dtype keeps to about mem bytes: the
// input band with its halo and the output band, two of each (Stream reads
// and writes while it filters), and the engine's line buffers per
// goroutine. It is at least 1, whatever mem.
func (f *Filter) BandRows(shape []int, dt DType, mem int64) (int, error) {
	lo, hi, err := f.Halo(len(shape))
	if err != nil {
		return 0, err
	}
	row := int64(1) // elements per index of axis 0
	for _, s := range shape[1:] {
		row *= int64(s)
	}
	inSize, outSize := int64(dt.Size()), int64(f.OutputDType(dt).Size())
	// each worker caches the footprint's lines, extended, as float64, and
	// derived buffers of as many; count four times the footprint's extent
	L := int64(lastAxis(shape) + lo[len(lo)-1] + hi[len(hi)-1])
	ext := int64(1)
	for ax := range shape[:len(shape)-1] {
		ext *= int64(lo[ax] + hi[ax] + 1)
	}
	threads := int64(f.opts.Threads)
	if threads == 0 {
		threads = int64(runtime.GOMAXPROCS(0))
	}
	// Stream holds two bands of each (one filtered, one read or written)
	fixed := threads*4*(ext+4)*L*8 + 2*int64(lo[0]+hi[0])*row*inSize
	per := 2 * row * (inSize + outSize)
	n := (mem - fixed) / max(per, 1)
	return int(max(1, min(n, int64(shape[0])))), nil
}

// NPYSource reads a .npy file's array on demand from r (an *os.File) of
// size bytes: the header first, then, for each Read, runs of whole lines
// by offset. A file shorter than its header declares is refused, and so is
// a Fortran-ordered one: its lines are not contiguous.
func NPYSource(r io.ReaderAt, size int64) (Source, error) {
	h, err := npy.ReadHeader(io.NewSectionReader(r, 0, size))
	if err != nil {
		return nil, err
	}
	if h.DataBytes > size-h.DataOffset {
		return nil, &npy.Error{Offset: h.DataOffset, Field: "data", Msg: fmt.Sprintf("data truncated: the header declares %d bytes, the file holds %d", h.DataBytes, max(size-h.DataOffset, 0)), Err: io.ErrUnexpectedEOF}
	}
	if h.Fortran {
		return nil, &Error{Kind: ArrayError, Msg: fmt.Sprintf("a Fortran-ordered .npy (shape %v) cannot be read by lines; save it in C order (numpy.ascontiguousarray)", h.Shape)}
	}
	if len(h.Shape) == 0 {
		return nil, &Error{Kind: ArrayError, Msg: "a 0-D array has no neighbourhoods; give at least one axis"}
	}
	return &npySource{r: r, h: h, swap: h.BigEndian != hostBig}, nil
}

type npySource struct {
	r    io.ReaderAt
	h    *npy.Header
	swap bool
}

func (s *npySource) Shape() []int { return slices.Clone(s.h.Shape) }
func (s *npySource) DType() DType { return s.h.DType }

// Read reads runs of consecutive indices of axis 0 in one ReadAt each
// when the other axes are whole, else line by line.
func (s *npySource) Read(dst *Array, index [][]int) error {
	shape := s.h.Shape
	size := int64(s.h.DType.Size())
	b := rawBytes(dst.Data)
	row := int64(1) // elements per index of axis 0
	for _, n := range shape[1:] {
		row *= int64(n)
	}
	whole := true
	for ax := 1; ax < len(shape); ax++ {
		whole = whole && len(index[ax]) == shape[ax] && isRange(index[ax], 0)
	}
	if whole {
		rb := row * size
		for i := 0; i < len(index[0]); {
			j := i + 1
			for j < len(index[0]) && index[0][j] == index[0][j-1]+1 {
				j++
			}
			if err := s.readAt(b[int64(i)*rb:int64(j)*rb], s.h.DataOffset+int64(index[0][i])*rb); err != nil {
				return err
			}
			i = j
		}
	} else {
		strides := cStrides(shape)
		rank := len(shape)
		L := int64(shape[rank-1]) * size
		pos := make([]int, rank-1)
		for line := range lineCount(dst.Shape) {
			start := int64(0)
			for ax := range pos {
				start += int64(index[ax][pos[ax]] * strides[ax])
			}
			if err := s.readAt(b[int64(line)*L:int64(line+1)*L], s.h.DataOffset+start*size); err != nil {
				return err
			}
			for ax := rank - 2; ax >= 0; ax-- {
				if pos[ax]++; pos[ax] < len(index[ax]) {
					break
				}
				pos[ax] = 0
			}
		}
	}
	fixBytes(dst.Data, s.swap)
	return nil
}

func (s *npySource) readAt(b []byte, off int64) error {
	if _, err := s.r.ReadAt(b, off); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return &npy.Error{Offset: off, Field: "data", Msg: fmt.Sprintf("reading %d bytes at offset %d: %v", len(b), off, err), Err: err}
	}
	return nil
}

func isRange(idx []int, from int) bool {
	for i, x := range idx {
		if x != from+i {
			return false
		}
	}
	return true
}

// fixBytes makes data read as raw bytes valid: swaps the bytes of each
// element if swap, and turns a bool byte other than 0 into 1 (numpy's
// bool is a byte; Go's must be 0 or 1).
func fixBytes(data any, swap bool) {
	if d, ok := data.([]bool); ok {
		for i, c := range asBytes(d) {
			if c > 1 {
				d[i] = true
			}
		}
		return
	}
	if !swap {
		return
	}
	size := dtypeOf(data).Size()
	b := rawBytes(data)
	for i := 0; i+size <= len(b); i += size {
		slices.Reverse(b[i : i+size])
	}
}

var hostBig = func() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 0
}()

// NPYSink writes the .npy header of an array of the given dtype and shape
// to w, then each region's outputs at their offsets: w holds the whole
// output once every region is written. Bands (whole lines along axis 0)
// are one WriteAt each.
func NPYSink(w io.WriterAt, dt DType, shape []int) (Sink, error) {
	hdr, err := npy.EncodeHeader(dt, shape)
	if err != nil {
		return nil, err
	}
	if _, err := w.WriteAt(hdr, 0); err != nil {
		return nil, err
	}
	return NPYDataSink(w, dt, shape, int64(len(hdr))), nil
}

// NPYDataSink writes the data of a C-ordered .npy array of dtype dt and
// shape whose header is already in w and whose data starts at offset:
// several writers (shards of one output, each its own process) share a
// file whose header was written once, and each writes only its bytes.
func NPYDataSink(w io.WriterAt, dt DType, shape []int, offset int64) Sink {
	return &npySink{w: w, dt: dt, shape: slices.Clone(shape), off: offset}
}

type npySink struct {
	w     io.WriterAt
	dt    DType
	shape []int
	off   int64
	buf   *Array // a compact copy of a view, reused
}

func (s *npySink) Write(r Region, out *Array) error {
	if err := r.check(s.shape); err != nil {
		return err
	}
	if out.DType != s.dt {
		return &Error{Kind: OutputError, Msg: fmt.Sprintf("%v outputs for a %v file", out.DType, s.dt)}
	}
	if out.IsView() {
		var bufs regionBufs
		bufs.block = s.buf
		c, err := bufs.get(&bufs.block, out.DType, out.Shape)
		if err != nil {
			return err
		}
		s.buf = bufs.block
		if err := Copy(c, out); err != nil {
			return err
		}
		out = c
	}
	b := rawBytes(out.Data)
	if hostBig {
		b = slices.Clone(b)
		size := s.dt.Size()
		for i := 0; i+size <= len(b); i += size {
			slices.Reverse(b[i : i+size])
		}
	}
	size := int64(s.dt.Size())
	strides := cStrides(s.shape)
	rank := len(s.shape)
	// the region's lines are one run when it covers axes 1.. whole
	whole := true
	for ax := 1; ax < rank; ax++ {
		whole = whole && r.Lo[ax] == 0 && r.Hi[ax] == s.shape[ax]
	}
	if whole {
		_, err := s.w.WriteAt(b, s.off+int64(r.Lo[0]*strides[0])*size)
		return err
	}
	L := int64(r.Hi[rank-1]-r.Lo[rank-1]) * size
	pos := slices.Clone(r.Lo[:rank-1])
	for line := range lineCount(out.Shape) {
		start := int64(r.Lo[rank-1])
		for ax := range pos {
			start += int64(pos[ax] * strides[ax])
		}
		if _, err := s.w.WriteAt(b[int64(line)*L:int64(line+1)*L], s.off+start*size); err != nil {
			return err
		}
		for ax := rank - 2; ax >= 0; ax-- {
			if pos[ax]++; pos[ax] < r.Hi[ax] {
				break
			}
			pos[ax] = r.Lo[ax]
		}
	}
	return nil
}
