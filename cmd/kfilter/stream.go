package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/tiff"
)

// A stream filters a .npy file bigger than the memory budget (--memory)
// or than --max-bytes band by band (filter.Stream) into a .npy file,
// through a temporary file renamed at the end as imageio.Write does.
type stream struct {
	in  *os.File
	src filter.Source
}

// openStream returns the stream for the run, or nil when the input is
// read whole: the output is not a .npy file, or the input is not a .npy
// file in C order nor a TIFF of grey pages, or it fits both the budget
// and --max-bytes.
func openStream(o *options) (*stream, error) {
	in, out := o.files[0], o.files[1]
	ext := func(p string) string { return strings.ToLower(filepath.Ext(p)) }
	if in == "-" || out == "-" || ext(out) != ".npy" || (o.format != "" && !strings.EqualFold(o.format, "npy")) {
		return nil, nil
	}
	f, err := os.Open(in)
	if err != nil {
		return nil, nil // readInput says what is wrong, as for any input
	}
	var src filter.Source
	var nbytes int64
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil
	}
	// A file that cannot stream (Fortran order, cut short, malformed) is
	// read whole, which refuses it as before, with the same messages.
	switch ext(in) {
	case ".npy":
		if src, err = filter.NPYSource(f, st.Size()); err == nil {
			nbytes = int64(src.DType().Size())
			for _, n := range src.Shape() {
				nbytes *= int64(n)
			}
		} else {
			src = nil
		}
	case ".tif", ".tiff":
		// colour pages are filtered channel by channel in memory: not here
		if d, err := tiff.NewDecoder(f, st.Size(), tiff.Limits{}); err == nil && !d.Channels() {
			nbytes = int64(d.DType().Size())
			for _, n := range d.Shape() {
				nbytes *= int64(n)
			}
			if src, err = tiff.Source(d); err != nil {
				src = nil
			}
		}
	}
	over := nbytes > o.limits.maxBytes
	if m := o.limits.memory; m > 0 && 2*nbytes > m {
		over = true // input and output (the output is as large, but for dtype)
	}
	if src == nil || !over {
		f.Close()
		return nil, nil
	}
	return &stream{in: f, src: src}, nil
}

func (s *stream) run(ctx context.Context, e *env, o *options, kernel string) (err error) {
	defer s.in.Close()
	shape := s.src.Shape()
	opts, err := o.filterOptions(len(shape))
	if err != nil {
		return err
	}
	f, err := filter.New(kernel, opts)
	if err != nil {
		return asOption(err)
	}
	dt := f.OutputDType(s.src.DType())
	mem := o.limits.memory
	if mem <= 0 { // streamed for --max-bytes alone
		mem = min(o.limits.maxBytes, 256<<20)
	}
	// The bands are the live heap; a limit keeps the collector from
	// letting garbage grow the process to twice that. The runtime's own
	// few MiB are on top: a limit below them would collect without end.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(mem + 32<<20))
	rows, err := f.BandRows(shape, s.src.DType(), mem)
	if err != nil {
		return asOption(err)
	}

	name := o.files[1]
	if st, err := os.Stat(name); err == nil && st.IsDir() {
		return fmt.Errorf("output %s: is a directory", name)
	}
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".kfilter-*")
	if err != nil {
		return fmt.Errorf("output %s: cannot write in %s: %w", name, dir, errors.Unwrap(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	dst, err := filter.NPYSink(tmp, dt, shape)
	if err != nil {
		return fmt.Errorf("output %s: %w", name, err)
	}
	bar := newProgress(e, o.quiet)
	bar.total = shape[0]
	err = f.Stream(ctx, dst, s.src, filter.StreamOptions{Rows: rows, Progress: bar.update})
	bar.done()
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s: %w", o.files[0], asOption(err))
	}
	mode := os.FileMode(0o644)
	if st, err := os.Stat(name); err == nil {
		mode = st.Mode().Perm()
	}
	if err = tmp.Chmod(mode); err == nil {
		if err = tmp.Sync(); err == nil {
			err = tmp.Close()
		}
	}
	if err != nil {
		return fmt.Errorf("output %s: %w", name, err)
	}
	if err = ctx.Err(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("output %s: %w", name, err)
	}
	return nil
}
