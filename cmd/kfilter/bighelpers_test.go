package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bigBinary skips the test unless KFILTER_BIGMEM=1 (.ci/run sets it), then
// builds the command into a temporary directory: the big-memory tests
// measure a whole process, whose peak RSS a test binary would blur.
func bigBinary(t *testing.T, what string) (dir, bin string) {
	t.Helper()
	if os.Getenv("KFILTER_BIGMEM") != "1" {
		t.Skip("skipped: " + what + "; set KFILTER_BIGMEM=1 to run it")
	}
	dir = t.TempDir()
	bin = filepath.Join(dir, "kfilter")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir, bin
}

// peakRSS is the finished cmd's peak resident memory in bytes and the
// CPU time it used.
func peakRSS(t *testing.T, cmd *exec.Cmd) (peak int64, cpu time.Duration) {
	t.Helper()
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Fatalf("no rusage on %T", cmd.ProcessState.SysUsage())
	}
	return ru.Maxrss * 1024, time.Duration(ru.Utime.Nano() + ru.Stime.Nano()) // Maxrss is in KiB on Linux
}

// writeNPYFunc writes an h x w .npy of descr without holding it in
// memory: put encodes element (y, x) into b and returns its size.
func writeNPYFunc(t *testing.T, path, descr string, h, w int, put func(b []byte, y, x int) int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': (%d, %d), }", descr, h, w)
	hlen := (10 + len(dict) + 1 + 63) / 64 * 64
	hdr := "\x93NUMPY\x01\x00" + string([]byte{byte(hlen - 10), byte((hlen - 10) >> 8)}) + dict
	hdr += strings.Repeat(" ", hlen-len(hdr)-1) + "\n"
	bw := bufio.NewWriterSize(f, 1<<20)
	bw.WriteString(hdr)
	var b [16]byte
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			bw.Write(b[:put(b[:], y, x)])
		}
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
