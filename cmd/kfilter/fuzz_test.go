package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCLI runs the whole command on random small files of every format:
// it must end with status 0, 1 or 2, never a panic or a stack trace, and
// write a complete output or none.
func FuzzCLI(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/fuzz/FuzzCLI/*")
	if len(files) == 0 {
		f.Fatal("no seed corpus in testdata/fuzz/FuzzCLI")
	}
	exts := []string{".npy", ".png", ".pgm", ".ppm", ".tif", ".jpg"}
	for _, file := range files {
		data, _ := os.ReadFile(file)
		ext := filepath.Ext(file)
		for i, e := range exts {
			if e == ext {
				f.Add(data, uint8(i), uint8(i))
			}
		}
	}
	kernels := []string{"min(values)", "median(values)", "mean(filter(values, # > 1))", "sort(values)[-1] - center"}
	f.Fuzz(func(t *testing.T, data []byte, ext, k uint8) {
		dir := t.TempDir()
		in := filepath.Join(dir, "in"+exts[int(ext)%len(exts)])
		out := filepath.Join(dir, "out.npy")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := cli(t, nil, "-e", kernels[int(k)%len(kernels)], "--footprint", "cross", "--max-bytes", "1048576", in, out)
		if code != 0 && code != 1 && code != 2 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
			t.Fatalf("stack trace: %s", stderr)
		}
		_, err := os.Stat(out)
		if code == 0 {
			readNPY(t, out)
		} else if err == nil {
			t.Fatalf("exit %d but an output was written", code)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) > 2 {
			t.Fatalf("files left: %v", entries)
		}
	})
}
