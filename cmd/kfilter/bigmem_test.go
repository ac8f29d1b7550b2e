package main

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestPeakMemory runs the built command on a float64 .npy over 1 GiB and
// holds its peak resident memory to input + output + 15%. It writes
// 2.5 GiB to a temporary directory, so it runs only with KFILTER_BIGMEM=1
// (.ci/run sets it).
func TestPeakMemory(t *testing.T) {
	dir, bin := bigBinary(t, "writes and filters a 1.25 GiB array")
	const h, w = 10240, 16384 // 1.25 GiB of float64
	in := filepath.Join(dir, "in.npy")
	writeBigNPY(t, in, h, w)
	st, err := os.Stat(in)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.npy")
	// by name, and from standard input redirected from the file
	for _, stdin := range []bool{false, true} {
		args := []string{"-e", "min(values)", "--footprint", "cross", "--quiet", "--max-bytes", fmt.Sprint(4 << 30), in, out}
		cmd := exec.Command(bin, args...)
		if stdin {
			f, err := os.Open(in)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			args[len(args)-2] = "-"
			cmd = exec.Command(bin, args...)
			cmd.Stdin = f
		}
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("kfilter: %v\n%s", err, b)
		}
		ost, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		peak, _ := peakRSS(t, cmd)
		budget := float64(st.Size()+ost.Size()) * 1.15
		t.Logf("stdin %v: input %d B, output %d B, peak RSS %d B = %.2fx the input, %.2fx input+output",
			stdin, st.Size(), ost.Size(), peak, float64(peak)/float64(st.Size()), float64(peak)/float64(st.Size()+ost.Size()))
		if float64(peak) > budget {
			t.Errorf("stdin %v: peak RSS %d B over the budget of input + output + 15%% = %.0f B", stdin, peak, budget)
		}
	}
	// The result is right at a few pixels: min over a cross of the
	// pattern written by writeBigNPY.
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pre [10]byte
	if _, err := f.ReadAt(pre[:], 0); err != nil {
		t.Fatal(err)
	}
	data := int64(10 + binary.LittleEndian.Uint16(pre[8:]))
	for _, p := range [][2]int{{0, 0}, {1, 1}, {h / 2, w / 3}, {h - 1, w - 1}} {
		y, x := p[0], p[1]
		want := bigValue(y, x)
		for _, d := range [][2]int{{-1, 0}, {1, 0}, {0, -1}, {0, 1}} {
			yy, xx := reflectIndex(y+d[0], h), reflectIndex(x+d[1], w)
			want = math.Min(want, bigValue(yy, xx))
		}
		var b [8]byte
		if _, err := f.ReadAt(b[:], data+8*int64(y*w+x)); err != nil {
			t.Fatal(err)
		}
		if got := math.Float64frombits(binary.LittleEndian.Uint64(b[:])); got != want {
			t.Errorf("out[%d,%d] = %v, want %v", y, x, got, want)
		}
	}
}

func bigValue(y, x int) float64 { return float64((y*7919 + x*104729) % 1000003) }

func reflectIndex(i, n int) int {
	if i < 0 {
		return -i - 1
	}
	if i >= n {
		return 2*n - i - 1
	}
	return i
}

// writeBigNPY writes an h x w float64 array of bigValue without holding
// it in memory.
func writeBigNPY(t *testing.T, path string, h, w int) {
	writeNPYFunc(t, path, "<f8", h, w, func(b []byte, y, x int) int {
		binary.LittleEndian.PutUint64(b, math.Float64bits(bigValue(y, x)))
		return 8
	})
}
