package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kfilter/kfilter/filter"
)

// TestMain lets the test binary run as the command (for the interrupt
// tests, which need a process to signal).
func TestMain(m *testing.M) {
	if os.Getenv("KFILTER_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestInterrupt sends SIGINT and SIGTERM to a long run: it must stop within
// 100 ms, exit 130, write no output and leave no temporary file.
func TestInterrupt(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.npy")
	a, _ := filter.Zeros(filter.Float64, 1500, 1500)
	for i := range a.Data.([]float64) {
		a.Data.([]float64)[i] = float64(i % 977)
	}
	writeNPY(t, in, a)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		// Another process on a busy machine can delay any stop: the
		// promise holds if one of three tries stops in time (every try
		// must still exit 130 and leave no file).
		var fastest time.Duration
		for try := range 3 {
			took := interruptOnce(t, dir, in, sig)
			if try == 0 || took < fastest {
				fastest = took
			}
			if fastest <= 100*time.Millisecond || raceEnabled {
				break
			}
		}
		if fastest > 100*time.Millisecond && !raceEnabled {
			t.Errorf("%v: stopped %v after the signal at best of 3, want < 100ms", sig, fastest)
		}
	}
}

// interruptOnce starts a long run, signals it and checks how it ended; it
// returns how long the stop took.
func interruptOnce(t *testing.T, dir, in string, sig syscall.Signal) time.Duration {
	t.Helper()
	out := filepath.Join(dir, "out.npy")
	cmd := exec.Command(os.Args[0], "-e", "median(values)", "--size", "15", in, out)
	cmd.Env = append(os.Environ(), "KFILTER_TEST_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond) // reading done, filtering under way
	sent := time.Now()
	cmd.Process.Signal(sig)
	err := cmd.Wait()
	took := time.Since(sent)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Fatalf("%v: %v (stderr %q), want exit 130", sig, err, stderr.String())
	}
	t.Logf("%v: stopped %v after the signal", sig, took)
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("%v: stderr %q", sig, stderr.String())
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%v: an output was written", sig)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".kfilter-") {
			t.Errorf("%v: temporary file %s left behind", sig, e.Name())
		}
	}
	return took
}
