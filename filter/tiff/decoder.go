package tiff

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kfilter/kfilter/filter"
)

// Limits restricts the resources a [Decoder] may use.
type Limits struct {
	// MaxBytes is the largest array, in bytes, that one call returns.
	// A call asking for more fails, before allocating, with an error
	// wrapping ErrLimit. Zero means no limit other than the data the
	// file can hold: the declared sizes are always checked against the
	// file's size (for compressed data, against the most its compressed
	// bytes can expand to) before anything is allocated.
	MaxBytes int64

	// MaxPages is the most IFDs followed; zero means DefaultMaxPages.
	MaxPages int
}

// A Decoder reads the arrays of a TIFF file lazily: NewDecoder reads the
// header and the IFDs only, and each read call reads the strips or tiles
// it needs. A Decoder is safe for concurrent use if its io.ReaderAt is.
type Decoder struct {
	f     file
	lim   Limits
	pages []*page // the pages of the array, in C order of the leading axes
	shape []int   // the whole array's shape
	lead  int     // number of leading (page) axes of shape
	kind  string
}

// NewDecoder reads the header and the IFDs of the TIFF or BigTIFF file
// of size bytes in r and works out the array they hold:
//
//   - one page is an array of shape (H, W), or (H, W, C) when the
//     page has C > 1 samples per pixel (RGB, RGBA, grey with alpha),
//     or (C, H, W) when they are stored in separate planes;
//   - several pages of one shape and dtype form an array of shape
//     (pages, H, W[, C]), as tifffile reads them;
//   - a first page described by ImageJ ("ImageJ=...", with images,
//     frames, slices and channels) gives tifffile's shape for the
//     hyperstack, such as (frames, slices, channels, H, W) with the
//     axes of length 1 left out, including ImageJ's and tifffile's
//     stacks of more images than IFDs, stored contiguously;
//   - a first page described by tifffile ({"shape": [...]}) gives that
//     shape when it is the pages' shape with leading axes.
//
// Pages marked as reduced-resolution copies (thumbnails, overviews) are
// skipped. Pages of different shapes or dtypes are an error naming the
// first page that differs.
func NewDecoder(r io.ReaderAt, size int64, lim Limits) (*Decoder, error) {
	d := &Decoder{f: file{r: r, size: size}, lim: lim}
	if lim.MaxPages <= 0 {
		d.lim.MaxPages = DefaultMaxPages
	}
	off, err := d.f.header()
	if err != nil {
		return nil, err
	}
	seen := make(map[int64]bool)
	var all []*page
	for index := 0; off != 0; index++ {
		if off < 8 || off >= size {
			return nil, d.f.formatErr(off, index, 0, "IFD offset %d is outside the file (%d bytes)", off, size)
		}
		if seen[off] {
			return nil, d.f.formatErr(off, index, 0, "IFD offset %d was already read: the IFDs form a loop", off)
		}
		if index >= d.lim.MaxPages {
			return nil, &FormatError{Offset: off, Page: index, Msg: fmt.Sprintf("more than %d pages", d.lim.MaxPages), Err: ErrLimit}
		}
		seen[off] = true
		m, next, err := d.f.ifd(off, index)
		if err != nil {
			return nil, err
		}
		p, err := d.f.page(m, index, off)
		off = next
		if err != nil {
			if index > 0 && reduced(&d.f, m, index) {
				continue // an unreadable thumbnail is left out all the same
			}
			return nil, err
		}
		all = append(all, p)
	}
	if len(all) == 0 {
		return nil, d.f.formatErr(0, -1, 0, "no IFD")
	}
	desc := all[0].description
	for _, p := range all {
		if p.subfile&1 == 0 || p == all[0] {
			d.pages = append(d.pages, p)
		}
	}
	first := d.pages[0]
	for _, p := range d.pages[1:] {
		if !slices.Equal(p.shape(), first.shape()) || p.dtype != first.dtype {
			return nil, d.f.formatErr(p.offset, p.index, 0, "shape %s differs from page %d's %s: pages of different shapes or types do not form one array", p.describe(), first.index, first.describe())
		}
	}
	pageShape := first.shape()
	switch {
	case strings.HasPrefix(desc, "ImageJ="):
		if d.imagej(desc, pageShape) {
			return d, nil
		}
	case strings.HasPrefix(desc, "{") && strings.Contains(desc, `"shape":`) || strings.HasPrefix(desc, "shape=("):
		if d.shaped(desc, pageShape) {
			return d, nil
		}
	}
	d.kind = "pages"
	d.shape = pageShape
	if len(d.pages) > 1 {
		d.shape = append([]int{len(d.pages)}, pageShape...)
		d.lead = 1
	}
	return d, nil
}

// reduced reports whether an IFD is marked as a reduced-resolution copy.
func reduced(f *file, m map[int]entry, index int) bool {
	e, ok := m[tNewSubfileType]
	if !ok || e.count != 1 {
		return false
	}
	v, err := f.uints(e, index, tNewSubfileType, 1)
	return err == nil && v[0]&1 != 0
}

// shape is the shape of a page, as tifffile gives it: (H, W), (H, W, S)
// or, for separate planes, (S, H, W).
func (p *page) shape() []int {
	switch {
	case p.planar:
		return []int{p.spp, p.height, p.width}
	case p.spp > 1:
		return []int{p.height, p.width, p.spp}
	}
	return []int{p.height, p.width}
}

// rowAxis is the index of the rows' axis in shape.
func (p *page) rowAxis() int {
	if p.planar {
		return 1
	}
	return 0
}

func (p *page) describe() string { return fmt.Sprintf("%v %s", p.shape(), p.dtype) }

// contiguous reports whether the page's data is stored uncompressed in
// one run of bytes, and where.
func (d *Decoder) contiguous(p *page) (int64, bool) {
	if p.compression != cNone || p.tiled || p.planar {
		return 0, false
	}
	offs, counts, err := d.chunks(p)
	if err != nil {
		return 0, false
	}
	var n int64
	for i := range offs {
		if offs[i] != offs[0]+n {
			return 0, false
		}
		n += counts[i]
	}
	return offs[0], n == p.nbytes()
}

// virtualize replaces the pages by n pages stored contiguously from the
// first page's data, if the file holds them.
func (d *Decoder) virtualize(n int64) bool {
	first := d.pages[0]
	start, ok := d.contiguous(first)
	if !ok {
		return false
	}
	total, ok := mul(n, first.nbytes())
	if !ok || total > d.f.size-start {
		return false
	}
	if len(d.pages) > 1 && start+total > d.pages[1].offset {
		// The next IFD lies inside the data: the pages are separate.
		return false
	}
	// The pages share the first's description: page k is at
	// start + k*nbytes.
	first.virtual = start
	pages := make([]*page, n)
	for i := range pages {
		pages[i] = first
	}
	d.pages = pages
	return true
}

// imagej sets the shape from an ImageJ description, as tifffile does,
// and reports whether it could.
func (d *Decoder) imagej(desc string, pageShape []int) bool {
	kv := map[string]string{}
	for line := range strings.SplitSeq(desc, "\n") {
		k, v, ok := strings.Cut(line, "=")
		if ok {
			kv[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	num := func(k string) (int64, bool) {
		s, ok := kv[k]
		if !ok {
			return 1, false
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < 1 || v > 1<<40 {
			return -1, true
		}
		return v, true
	}
	images, _ := num("images")
	frames, _ := num("frames")
	slices, _ := num("slices")
	channels, _ := num("channels")
	if images < 1 || frames < 1 || slices < 1 || channels < 1 {
		return false
	}
	first := d.pages[0]
	switch {
	case channels == 1:
		images = frames * slices
	case first.planar && int64(first.spp) == channels:
		// separate planes declared as channels (Bio-Formats)
		channels = 1
		images = frames * slices
	case images == frames*slices && int64(first.spp) == channels:
		// RGB samples declared as channels
		channels = 1
	default:
		images = frames * slices * channels
	}
	if images == 1 && len(d.pages) > 1 {
		images = int64(len(d.pages))
	}
	if images > int64(d.lim.MaxPages) {
		return false
	}
	if !d.virtualize(images) && int64(len(d.pages)) != images {
		return false
	}
	var dims []int64
	switch strings.ToLower(kv["order"]) {
	case "ctz":
		dims = []int64{slices, frames, channels}
	case "zct":
		dims = []int64{frames, channels, slices}
	case "ztc":
		dims = []int64{channels, frames, slices}
	case "tcz":
		dims = []int64{slices, channels, frames}
	case "tzc":
		dims = []int64{channels, slices, frames}
	default: // "czt", "default", absent
		dims = []int64{frames, slices, channels}
	}
	prod := dims[0] * dims[1] * dims[2]
	if images%prod != 0 {
		return false
	}
	if rem := images / prod; rem > 1 {
		dims = append([]int64{rem}, dims...)
	}
	var shape []int
	for _, v := range dims {
		if v > 1 {
			shape = append(shape, int(v))
		}
	}
	d.kind = "ImageJ"
	d.lead = len(shape)
	d.shape = append(shape, pageShape...)
	return true
}

// shaped sets the shape from tifffile's JSON description and reports
// whether it could.
func (d *Decoder) shaped(desc string, pageShape []int) bool {
	var shape []int
	if strings.HasPrefix(desc, "shape=(") {
		for s := range strings.SplitSeq(strings.TrimSuffix(desc[len("shape=("):], ")"), ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			v, err := strconv.Atoi(s)
			if err != nil {
				return false
			}
			shape = append(shape, v)
		}
	} else {
		var meta struct{ Shape []int }
		if json.Unmarshal([]byte(desc), &meta) != nil {
			return false
		}
		shape = meta.Shape
	}
	// The shape must be the pages' shape after leading axes, perhaps
	// with a last axis of 1 for pages of one sample.
	ps := pageShape
	if len(pageShape) == 2 && len(shape) > 2 && shape[len(shape)-1] == 1 {
		ps = []int{pageShape[0], pageShape[1], 1}
	}
	lead := len(shape) - len(ps)
	if lead < 0 {
		return false
	}
	for i, v := range ps {
		if shape[lead+i] != v {
			return false
		}
	}
	n, ok := mul(toInt64(shape[:lead])...)
	if !ok || n == 0 {
		return false
	}
	if n != int64(len(d.pages)) {
		if len(d.pages) != 1 || n > int64(d.lim.MaxPages) || !d.virtualize(n) {
			return false
		}
	}
	d.kind = "tifffile"
	d.lead = lead
	d.shape = append([]int(nil), shape...)
	return true
}

func toInt64(s []int) []int64 {
	v := make([]int64, len(s))
	for i, x := range s {
		v[i] = int64(x)
	}
	return v
}

// Shape returns the shape of the whole array.
func (d *Decoder) Shape() []int { return append([]int(nil), d.shape...) }

// PageShape returns the shape of one page: (H, W), (H, W, C) when the
// pixels have C samples, or (C, H, W) for separate planes.
func (d *Decoder) PageShape() []int { return append([]int(nil), d.shape[d.lead:]...) }

// Channels reports whether the last axis of PageShape holds the samples
// of each pixel, (H, W, C). It is false for pages of one sample, (H, W),
// and for separate planes, (C, H, W).
func (d *Decoder) Channels() bool {
	return len(d.shape)-d.lead == 3 && !d.pages[0].planar
}

// Pages returns the number of pages: the product of the leading axes of
// Shape before PageShape.
func (d *Decoder) Pages() int { return len(d.pages) }

// DType returns the element type.
func (d *Decoder) DType() filter.DType { return d.pages[0].dtype }

// BigTIFF reports whether the file is a BigTIFF.
func (d *Decoder) BigTIFF() bool { return d.f.big }

// ByteOrder returns the file's byte order.
func (d *Decoder) ByteOrder() binary.ByteOrder { return d.f.order }

// Layout names how the shape was found: "pages" (one page, or a stack
// of pages), "ImageJ" (an ImageJ hyperstack) or "tifffile" (tifffile's
// shape description).
func (d *Decoder) Layout() string { return d.kind }

// Read reads the whole array.
func (d *Decoder) Read() (*filter.Array, error) {
	return d.readPages(0, len(d.pages), d.Shape())
}

// ReadPages reads n pages from page first on, as an array of shape
// (n,) + PageShape, reading only their strips or tiles.
func (d *Decoder) ReadPages(first, n int) (*filter.Array, error) {
	if first < 0 || n < 0 || first > len(d.pages)-n {
		return nil, &FormatError{Offset: -1, Page: -1, Msg: fmt.Sprintf("pages %d to %d asked of a file of %d pages", first, first+n, len(d.pages))}
	}
	return d.readPages(first, n, append([]int{n}, d.PageShape()...))
}

func (d *Decoder) readPages(first, n int, shape []int) (*filter.Array, error) {
	p0 := d.pages[0]
	out, err := d.alloc(shape, d.pages[first:first+n], 0, p0.height)
	if err != nil {
		return nil, err
	}
	per := int(p0.nbytes() / int64(p0.elemSize()))
	var jobs []job
	for i := range n {
		jobs, err = d.jobs(jobs, first+i, 0, p0.height, region{off: i * per, y0: 0, rows: p0.height})
		if err != nil {
			return nil, err
		}
	}
	return out, d.run(jobs, out.Data)
}

// ReadRows reads rows y0 to y1 (exclusive) of one page, as an array of
// shape (y1-y0, W[, S]), or (S, y1-y0, W) for a page of separate
// planes, reading only the strips or tiles holding them.
func (d *Decoder) ReadRows(page, y0, y1 int) (*filter.Array, error) {
	if page < 0 || page >= len(d.pages) {
		return nil, &FormatError{Offset: -1, Page: -1, Msg: fmt.Sprintf("page %d asked of a file of %d pages", page, len(d.pages))}
	}
	p := d.pages[page]
	if y0 < 0 || y1 < y0 || y1 > p.height {
		return nil, &FormatError{Offset: -1, Page: p.index, Msg: fmt.Sprintf("rows %d to %d asked of a page of %d rows", y0, y1, p.height)}
	}
	shape := d.PageShape()
	shape[p.rowAxis()] = y1 - y0
	out, err := d.alloc(shape, d.pages[page:page+1], y0, y1)
	if err != nil {
		return nil, err
	}
	jobs, err := d.jobs(nil, page, y0, y1, region{off: 0, y0: y0, rows: y1 - y0})
	if err != nil {
		return nil, err
	}
	return out, d.run(jobs, out.Data)
}

// region is where the rows of a page go in the output: from element
// off, which holds row y0, and rows rows long (in each plane).
type region struct{ off, y0, rows int }

// A job decodes rows y0 to y1 of page k (a band of strips or tiles).
type job struct {
	p            *page
	k, y0, y1    int
	reg          region
	offs, counts []int64
}

// jobs appends the jobs decoding rows y0 to y1 of page k into reg: one
// per band of strips or tiles, so that they can run in parallel.
func (d *Decoder) jobs(jobs []job, k, y0, y1 int, reg region) ([]job, error) {
	p := d.pages[k]
	if y0 == y1 {
		return jobs, nil
	}
	if p.virtual >= 0 {
		return append(jobs, job{p: p, k: k, y0: y0, y1: y1, reg: reg}), nil
	}
	offs, counts, err := d.chunks(p)
	if err != nil {
		return nil, err
	}
	for ty := y0 / p.chunkH; ty < p.down && ty*p.chunkH < y1; ty++ {
		jobs = append(jobs, job{p: p, k: k, y0: max(y0, ty*p.chunkH), y1: min(y1, (ty+1)*p.chunkH), reg: reg, offs: offs, counts: counts})
	}
	return jobs, nil
}

// parallelBytes is the least decoded size worth spreading over threads
// (a variable for the tests).
var parallelBytes int64 = 1 << 20

// run runs the jobs, on several threads when there is enough work, and
// returns the error of the first job that failed.
func (d *Decoder) run(jobs []job, dst any) error {
	var total int64
	for _, j := range jobs {
		total += int64(j.y1-j.y0) * j.p.rowBytes()
	}
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	if workers <= 1 || total < parallelBytes {
		var c chunkReader
		for _, j := range jobs {
			if err := c.band(d, j, dst); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, len(jobs))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var c chunkReader
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(jobs) {
					return
				}
				if errs[i] = c.band(d, jobs[i], dst); errs[i] != nil {
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// alloc checks that rows y0 to y1 of pages can be decoded from the file
// and within the limit, then allocates the array of that shape.
func (d *Decoder) alloc(shape []int, pages []*page, y0, y1 int) (*filter.Array, error) {
	p0 := pages[0]
	nbytes, ok := mul(append(toInt64(shape), int64(p0.elemSize()))...)
	if !ok || d.lim.MaxBytes > 0 && nbytes > d.lim.MaxBytes {
		return nil, &FormatError{Offset: p0.offset, Page: p0.index, Msg: fmt.Sprintf("the %v %s array asked for (%d bytes) exceeds the limit of %d bytes", shape, p0.dtype, nbytes, d.lim.MaxBytes), Err: ErrLimit}
	}
	// The pages' chunks must hold the data: this bounds the allocation
	// by what the file's bytes can expand to.
	var room int64
	for _, p := range pages {
		if p.virtual >= 0 {
			room += p.nbytes()
			continue
		}
		offs, counts, err := d.chunks(p)
		if err != nil {
			return nil, err
		}
		for i := range offs {
			room += expansion(p.compression, counts[i])
			if room >= nbytes {
				break
			}
		}
		if room >= nbytes {
			break
		}
	}
	if room < nbytes {
		return nil, &FormatError{Offset: p0.offset, Page: p0.index, Msg: fmt.Sprintf("the strips or tiles of the %v %s array asked for hold at most %d bytes of its %d", shape, p0.dtype, room, nbytes)}
	}
	return filter.Zeros(p0.dtype, shape...)
}

// expansion bounds the decoded size of n bytes compressed by c.
func expansion(c, n int64) int64 {
	switch c {
	case cNone:
		return n
	case cPackBits:
		return n * 64 // two bytes give at most 128
	case cDeflate, cDeflateOld:
		return n*1032 + 1024 // deflate's most is 1032:1
	case cLZW:
		// code i after a clear gives at most i+1 bytes, up to 4096
		codes := n * 8 / 9
		if codes <= 4096 {
			return codes * (codes + 1) / 2
		}
		return 4096*4097/2 + (codes-4096)*4096
	}
	return 0
}

// chunks reads and checks the offsets and byte counts of a page's chunks.
func (d *Decoder) chunks(p *page) (offs, counts []int64, err error) {
	ot, ct := tStripOffsets, tStripByteCounts
	if p.tiled {
		ot, ct = tTileOffsets, tTileByteCounts
	}
	o, err := d.f.uints(p.offsets, p.index, ot, uint64(p.nchunks))
	if err != nil {
		return nil, nil, err
	}
	c, err := d.f.uints(p.counts, p.index, ct, uint64(p.nchunks))
	if err != nil {
		return nil, nil, err
	}
	offs, counts = make([]int64, len(o)), make([]int64, len(c))
	for i := range o {
		if c[i] == 0 {
			return nil, nil, &UnsupportedError{Page: p.index, Tag: ct, Msg: fmt.Sprintf("chunk %d has no data; sparse files are not supported", i)}
		}
		if o[i] > uint64(d.f.size) || c[i] > uint64(d.f.size)-o[i] {
			return nil, nil, d.f.formatErr(p.counts.pos, p.index, ot, "chunk %d at offset %d, %d bytes long, passes the end of the file (%d bytes)", i, o[i], c[i], d.f.size)
		}
		offs[i], counts[i] = int64(o[i]), int64(c[i])
	}
	return offs, counts, nil
}
