// Command kfilter runs a user-defined neighbourhood filter, written as one
// kernel expression, over an image or N-D array:
//
//	kfilter -e 'median(abs(values - c))' -p c=0.5 --size 3x3 in.png out.png
//
// Run kfilter help for the subcommands, options and the kernel language.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/kfilter/kfilter/lang"
)

// Exit statuses.
const (
	exitOK          = 0
	exitRuntime     = 1   // something went wrong while running: files, data
	exitUsage       = 2   // the command line or the kernel is wrong
	exitInterrupted = 130 // SIGINT or SIGTERM
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what a command runs with: its streams and whether stderr is a
// terminal (for the progress bar).
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	tty            bool
}

// usageError is a mistake on the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// run is the whole command: it returns the exit status and writes only
// errors (and, on a terminal, progress) to stderr.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, tty: isTerminal(stderr)}
	err := dispatch(ctx, e, args)
	if err == nil {
		return exitOK
	}
	return report(e, err)
}

// report renders err once, at the edge, and picks the exit status.
func report(e *env, err error) int {
	var le *lang.Error
	var ue *usageError
	var oe *optionError
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(e.stderr, "kfilter: interrupted; no output written")
		return exitInterrupted
	case errors.As(err, &le):
		fmt.Fprintf(e.stderr, "kfilter: kernel: %s%s\n", le.Error(), kernelHint(le))
		if s := le.Snippet(); s != "" {
			for _, line := range splitLines(s) {
				fmt.Fprintf(e.stderr, "    %s\n", line)
			}
		}
		return exitUsage
	case errors.As(err, &ue), errors.As(err, &oe):
		fmt.Fprintf(e.stderr, "kfilter: %v\n", err)
		if ue != nil {
			fmt.Fprintln(e.stderr, "Run 'kfilter help' for usage.")
		}
		return exitUsage
	}
	fmt.Fprintf(e.stderr, "kfilter: %v\n", err)
	return exitRuntime
}

// commandLike reports whether a first word that is not a command was meant
// as one: a word with no extension and no directory that names no file.
// Anything else is run's INPUT (kfilter in.png out.png): a file name has an
// extension (formats go by it), or a directory, or exists.
func commandLike(a string) bool {
	if a == "" || strings.HasPrefix(a, "-") || strings.ContainsAny(a, "./"+string(os.PathSeparator)) {
		return false
	}
	_, err := os.Lstat(a)
	return errors.Is(err, fs.ErrNotExist)
}

func splitLines(s string) []string {
	var lines []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		lines = append(lines, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return lines
}

// commands are the subcommands; run is also the default.
var commands = []string{"run", "plan", "verify", "check", "explain", "bench", "version", "help"}

func dispatch(ctx context.Context, e *env, args []string) error {
	sub := "run"
	if len(args) > 0 {
		switch a := args[0]; a {
		case "run", "plan", "verify", "check", "explain", "bench", "version", "help":
			sub, args = a, args[1:]
		case "-h", "-help", "--help":
			sub, args = "help", nil
		case "--version", "-version":
			sub, args = "version", nil
		default:
			if commandLike(a) {
				if c := closest(a, commands); c != "" {
					return usagef("unknown command %q; did you mean %s?", a, c)
				}
				// an INPUT would have an extension, a directory, or exist
				return usagef("unknown command %q%s; an INPUT file is named with its extension, as in.png", a, orList("", "commands", commands))
			}
		}
	}
	switch sub {
	case "version":
		fmt.Fprint(e.stdout, currentBuild())
		return nil
	case "help":
		return help(e, args)
	}
	o, err := parseOptions(sub, args)
	if err != nil {
		return err
	}
	if o.help {
		return help(e, []string{sub})
	}
	switch sub {
	case "check":
		return check(e, o)
	case "explain":
		return explain(e, o)
	case "bench":
		return bench(ctx, e, o)
	case "plan":
		return plan(e, o)
	case "verify":
		return verify(e, o)
	}
	if o.shard != "" {
		return runShard(ctx, e, o)
	}
	return runFilter(ctx, e, o)
}
