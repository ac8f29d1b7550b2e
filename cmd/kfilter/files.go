package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/imageio"
)

// The codecs live in filter/imageio; the command adds standard input and
// output, the terminal refusal, the interrupt, and its flags to the
// messages.

// stdoutIsTerminal reports whether a command's standard output is a
// terminal; tests replace it.
var stdoutIsTerminal = isTerminal

// refuseTerminal refuses to write a binary file to a terminal.
func refuseTerminal(e *env, path string, format imageio.Format) error {
	if path != "-" || !stdoutIsTerminal(e.stdout) {
		return nil
	}
	return usagef("refusing to write binary %s to a terminal; redirect standard output or name an output file", format.Name())
}

// checkStdout refuses, before any work, standard output that cannot be
// written: no --format, or a terminal.
func checkStdout(e *env, o *options) error {
	if len(o.files) < 2 || o.files[1] != "-" {
		return nil
	}
	format, err := formatOf(o.files[1], o.format)
	if err != nil {
		return err
	}
	return refuseTerminal(e, o.files[1], format)
}

// formatOf returns the format of an output path: by extension, or
// --format for "-".
func formatOf(path, flagFormat string) (imageio.Format, error) {
	if path == "-" {
		if flagFormat == "" {
			return "", usagef("- (standard output) needs --format npy, png, tiff, pgm or ppm")
		}
		if f, ok := imageio.ParseFormat(flagFormat); ok {
			return f, nil
		}
		return "", usagef("--format %s: unknown format; use npy, png, tiff, pgm, ppm or jpg", flagFormat)
	}
	f, err := imageio.FormatOf(path)
	if err != nil {
		return "", usagef("%v; use .npy, .png, .tif, .pgm, .ppm or .jpg (input only)", err)
	}
	return f, nil
}

// fileError renders a file error of imageio's with the flag that helps.
func fileError(err error) error {
	if errors.Is(err, imageio.ErrLimit) {
		return fmt.Errorf("%w (raise it with --max-bytes)", err)
	}
	return err
}

// readInput reads the input file, or standard input for "-", and says
// how many channels its last axis holds.
func readInput(ctx context.Context, e *env, path string, o *options) (*filter.Array, imageio.Info, error) {
	var info imageio.Info
	opts := []imageio.Option{
		imageio.WithContext(ctx),
		imageio.WithLimits(imageio.Limits{MaxBytes: o.limits.maxBytes}),
		imageio.Describe(&info),
	}
	var a *filter.Array
	var err error
	if path == "-" {
		a, err = imageio.Decode(e.stdin, opts...)
	} else {
		// an input names its format as an output does: a name of no
		// known extension is a mistake on the command line
		var format imageio.Format
		if format, err = formatOf(path, ""); err != nil {
			return nil, info, err
		}
		a, err = imageio.Read(path, append(opts, imageio.WithFormat(format))...)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, info, ctx.Err()
		}
		var pe *fs.PathError
		var ie *imageio.Error
		switch {
		case path == "-":
			return nil, info, fmt.Errorf("standard input: %w", fileError(err))
		case errors.As(err, &ie) && ie.What == "" && errors.As(err, &pe) && pe.Op == "open":
			return nil, info, fmt.Errorf("input: %w", err)
		}
		return nil, info, fileError(err)
	}
	return a, info, nil
}

// readArrayFile reads a .npy file (footprints, array parameters).
func readArrayFile(path string, lim limits) (*filter.Array, error) {
	if !strings.HasSuffix(strings.ToLower(path), ".npy") {
		return nil, fmt.Errorf("%s: arrays come from .npy files", path)
	}
	a, err := imageio.Read(path, imageio.WithFormat(imageio.NPY), imageio.WithLimits(imageio.Limits{MaxBytes: lim.maxBytes}))
	if err != nil {
		return nil, fileError(err)
	}
	return a, nil
}

// writeOutput writes a to path atomically (see imageio.Write), or to
// standard output for "-"; info says the channels of a's last axis.
func writeOutput(ctx context.Context, e *env, path string, a *filter.Array, info imageio.Info, o *options) error {
	format, err := formatOf(path, o.format)
	if err != nil {
		return err
	}
	opts := []imageio.Option{imageio.WithContext(ctx)}
	if info.Format != imageio.NPY {
		// an image file said what its last axis is; a .npy did not
		opts = append(opts, imageio.WithChannels(info.Channels))
	}
	if path == "-" {
		if err := refuseTerminal(e, path, format); err != nil {
			return err
		}
		// encoded whole first, so that a failure writes nothing
		var buf bytes.Buffer
		if err := imageio.Encode(&buf, a, format, opts...); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("standard output: %w", err)
		}
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if err := imageio.Write(path, a, opts...); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("output %w", err)
	}
	return nil
}

// toFloats converts any array to float64s.
func toFloats(dst []float64, a *filter.Array) {
	f, _ := filter.Convert(a, filter.Float64)
	copy(dst, f.Data.([]float64))
}
