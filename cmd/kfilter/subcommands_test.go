package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kfilter/kfilter/compile"
)

func TestVersion(t *testing.T) {
	b := currentBuild()
	kernels := regexp.QuoteMeta(b.kernels())
	want := regexp.MustCompile(`^kfilter \S+ \(go1\.\S+ \w+/\w+\)\nrevision  \S.*\nkernels   ` + kernels + `\n$`)
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, stdout, stderr := cli(t, nil, args...)
		if code != 0 || stderr != "" || !want.MatchString(stdout) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
	}
	// what this binary is: the kernels compile runs, and the CPU
	if b.Vector != compile.Vector() || b.Go != runtime.Version() || b.OS != runtime.GOOS || b.Arch != runtime.GOARCH {
		t.Errorf("build %+v", b)
	}
	// the vector kernels need AVX2, and run wherever the build has them
	// and the CPU has AVX2: a plain build, no GOEXPERIMENT
	if b.Vector && !b.AVX2 || b.Vector != (vectorBuild && b.AVX2) {
		t.Errorf("vector kernels %v on amd64 %v with AVX2 %v", b.Vector, runtime.GOARCH == "amd64", b.AVX2)
	}
	if b.Wide && !b.Vector || b.Wide != compile.Wide() {
		t.Errorf("AVX-512 kernels %v, AVX2 kernels %v", b.Wide, b.Vector)
	}
	if runtime.GOARCH != "amd64" && (b.Vector || b.AVX2) {
		t.Errorf("vector kernels or AVX2 on %s: %+v", runtime.GOARCH, b)
	}
}

// TestVersionText: each combination of build and CPU, and a revision.
func TestVersionText(t *testing.T) {
	base := buildInfo{Version: "v0.2.0", Go: "go1.26.8", OS: "linux", Arch: "amd64"}
	tests := []struct {
		name   string
		modify func(*buildInfo)
		want   string
	}{
		{"no vcs", func(*buildInfo) {}, "kfilter v0.2.0 (go1.26.8 linux/amd64)\n" +
			"revision  unknown (not built from a VCS checkout, or with -buildvcs=false)\n" +
			"kernels   portable (this CPU has no AVX2)\n"},
		{"clean", func(b *buildInfo) {
			b.Revision, b.Time, b.Vector, b.AVX2 = "7d940d82", "2026-11-25T02:19:52Z", true, true
		},
			"kfilter v0.2.0 (go1.26.8 linux/amd64)\n" +
				"revision  7d940d82 (2026-11-25T02:19:52Z)\n" +
				"kernels   AVX2\n"},
		{"avx512", func(b *buildInfo) { b.Revision, b.Vector, b.AVX2, b.Wide = "7d940d82", true, true, true },
			"kfilter v0.2.0 (go1.26.8 linux/amd64)\n" +
				"revision  7d940d82\n" +
				"kernels   AVX2, and AVX-512 for the sums, min and max folds, exp, fused elementwise runs and the float 3x3 and 5x5 medians\n"},
		{"modified", func(b *buildInfo) {
			b.Revision, b.Time, b.Modified, b.AVX2 = "7d940d82", "2026-11-25T02:19:52Z", true, true // a purego build
		},
			"kfilter v0.2.0 (go1.26.8 linux/amd64)\n" +
				"revision  7d940d82 (2026-11-25T02:19:52Z) with uncommitted changes\n" +
				"kernels   portable (built with -tags purego; this CPU has AVX2)\n"},
		{"arm64", func(b *buildInfo) { b.Revision, b.Arch = "7d940d82", "arm64" },
			"kfilter v0.2.0 (go1.26.8 linux/arm64)\n" +
				"revision  7d940d82\n" +
				"kernels   portable (no vector kernels for arm64)\n"},
	}
	for _, tt := range tests {
		b := base
		tt.modify(&b)
		if got := b.String(); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, got, tt.want)
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
	// the build, as kfilter version reports it
	var build struct{ Build buildInfo }
	if err := json.Unmarshal([]byte(stdout), &build); err != nil {
		t.Fatal(err)
	}
	if build.Build != currentBuild() || build.Build.Go != runtime.Version() {
		t.Errorf("bench build %+v, want %+v", build.Build, currentBuild())
	}
	buildMap, _ := res["build"].(map[string]any)
	for _, key := range []string{"version", "go", "os", "arch", "vector", "avx2", "avx512"} {
		if _, ok := buildMap[key]; !ok {
			t.Errorf("no build.%s in %s", key, stdout)
		}
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
	if !strings.Contains(b.String(), "]  50% 2s, 2s left") {
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

// TestBenchInput times a file's own pixels: a grey image as it is, a
// colour one channel by channel (as run filters it), --dtype converting.
func TestBenchInput(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		shape    []any
		dtype    string
		channels float64
	}{
		{"grey", []string{"../../testdata/images/camera.png"}, []any{512.0, 512.0}, "uint8", 0},
		{"grey as float32", []string{"--dtype", "float32", "../../testdata/images/camera.png"}, []any{512.0, 512.0}, "float32", 0},
		{"colour", []string{"../../testdata/images/tiff/rgb.tif"}, []any{24.0, 32.0}, "uint8", 3},
	}
	for _, tt := range tests {
		args := append([]string{"bench", "-e", "median(values)", "--size", "3", "--repeat", "1", "--json"}, tt.args...)
		code, stdout, stderr := cli(t, nil, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.name, code, stderr)
		}
		var res map[string]any
		if err := json.Unmarshal([]byte(stdout), &res); err != nil {
			t.Fatalf("%s: %v: %q", tt.name, err, stdout)
		}
		ch, _ := res["channels"].(float64)
		if !reflect.DeepEqual(res["shape"], tt.shape) || res["dtype"] != tt.dtype || ch != tt.channels {
			t.Errorf("%s: shape %v dtype %v channels %v, want %v %v %v", tt.name, res["shape"], res["dtype"], ch, tt.shape, tt.dtype, tt.channels)
		}
	}
	for _, args := range [][]string{
		{"--shape", "4x4", "../../testdata/images/camera.png"},
		{"../../testdata/images/camera.png", "../../testdata/images/coins.png"},
	} {
		args = append([]string{"bench", "-e", "min(values)", "--size", "3"}, args...)
		if code, _, stderr := cli(t, nil, args...); code != 2 {
			t.Errorf("%q: exit %d, want 2: %s", args, code, stderr)
		}
	}
}

// TestBenchWarmup: bench warms up for --warmup (at least one run) before
// the timed runs, and says how many it made.
func TestBenchWarmup(t *testing.T) {
	for _, tt := range []struct {
		warmup   string
		min, max float64
	}{
		{"0", 1, 1},       // one run, whatever the time
		{"50ms", 2, 1000}, // a 16x16 min takes microseconds: many runs
	} {
		code, stdout, stderr := cli(t, nil, "bench", "-e", "min(values)", "--size", "3", "--shape", "16x16",
			"--repeat", "1", "--warmup", tt.warmup, "--json")
		if code != 0 {
			t.Fatalf("--warmup %s: exit %d: %s", tt.warmup, code, stderr)
		}
		var res struct {
			Warmup *float64 `json:"warmup_runs"`
		}
		if err := json.Unmarshal([]byte(stdout), &res); err != nil || res.Warmup == nil {
			t.Fatalf("--warmup %s: %v: %q", tt.warmup, err, stdout)
		}
		if w := *res.Warmup; w < tt.min || w > tt.max {
			t.Errorf("--warmup %s: %v warm-up runs, want %v..%v", tt.warmup, w, tt.min, tt.max)
		}
	}
	if code, _, stderr := cli(t, nil, "bench", "-e", "min(values)", "--size", "3", "--shape", "16", "--warmup", "-1s"); code != 2 || !strings.Contains(stderr, "--warmup") {
		t.Errorf("--warmup -1s: exit %d, %q", code, stderr)
	}
}
