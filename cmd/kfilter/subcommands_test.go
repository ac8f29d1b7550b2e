package main

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, stderr := cli(t, nil, args...)
		if code != 0 || stderr != "" || !regexp.MustCompile(`^kfilter \S+ \(go1\.\S+ \w+/\w+\)\n$`).MatchString(stdout) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
}

func TestBenchJSON(t *testing.T) {
	code, stdout, stderr := cli(t, nil, "bench", "-e", "min(values)", "--footprint", "cross",
		"--shape", "64x48", "--dtype", "uint8", "--repeat", "3", "--threads", "1", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatalf("%v: %q", err, stdout)
	}
	for _, key := range []string{"ms", "threads", "shape", "dtype", "kernel", "path"} {
		if _, ok := res[key]; !ok {
			t.Errorf("no %q in %s", key, stdout)
		}
	}
	if res["dtype"] != "uint8" || res["threads"] != 1.0 || res["kernel"] != "min(values)" || len(res["all_ms"].([]any)) != 3 {
		t.Errorf("bench result %s", stdout)
	}
	if ms := res["ms"].(float64); !(ms > 0) {
		t.Errorf("ms = %v", ms)
	}
	// the plain form is one line
	code, stdout, _ = cli(t, nil, "bench", "-e", "median(values)", "--size", "3", "--shape", "50", "--repeat", "1")
	if code != 0 || strings.Count(stdout, "\n") != 1 || !strings.Contains(stdout, "ms (median of 1)") {
		t.Errorf("bench: exit %d, %q", code, stdout)
	}
	if code, _, stderr := cli(t, nil, "bench", "-e", "min(values)", "--size", "3"); code != 2 || !strings.Contains(stderr, "--shape") {
		t.Errorf("bench without --shape: exit %d, %q", code, stderr)
	}
}

func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&env{stderr: &b, tty: true}, false)
	p.start = time.Now().Add(-2 * time.Second) // past the one-second grace
	p.total = 100
	p.update(50, 100)
	if !strings.Contains(b.String(), "]  50%") {
		t.Errorf("bar %q", b.String())
	}
	p.done()
	if !strings.HasSuffix(b.String(), "\r\033[K") {
		t.Errorf("the bar is not cleared: %q", b.String())
	}
	// quiet, or not a terminal: nothing
	for _, p := range []*progress{newProgress(&env{stderr: &b, tty: true}, true), newProgress(&env{stderr: &b}, false)} {
		b.Reset()
		p.start = time.Now().Add(-2 * time.Second)
		p.update(1, 2)
		p.done()
		if b.Len() != 0 {
			t.Errorf("drew %q", b.String())
		}
	}
}

// TestGeneralFlag: --general runs the lane program alone, with the same
// results as the fast paths.
func TestGeneralFlag(t *testing.T) {
	dir := t.TempDir()
	for _, k := range []string{"median(values)", "min(values)", "abs(center - median(values)) > 3 * std(values) ? median(values) : center"} {
		fast, general := dir+"/fast.npy", dir+"/general.npy"
		if code, _, stderr := cli(t, nil, "-e", k, "--size", "3", camera, fast); code != 0 {
			t.Fatal(stderr)
		}
		if code, _, stderr := cli(t, nil, "-e", k, "--size", "3", "--general", camera, general); code != 0 {
			t.Fatal(stderr)
		}
		if !sameArray(readNPY(t, fast), readNPY(t, general)) {
			t.Errorf("%s: --general differs", k)
		}
	}
	_, stdout, _ := cli(t, nil, "explain", "-e", "median(values)", "--size", "3", "--general")
	if !strings.Contains(stdout, "fast paths disabled") {
		t.Errorf("explain --general: %s", stdout)
	}
}
