package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestStreamMemory filters a 1 GiB float32 .npy with median(values) 5x5
// in memory and under --memory 256MiB: the streamed run's peak resident
// memory stays under 1.5x the budget, and its output is the in-memory
// run's byte for byte. It writes 3 GiB to a temporary directory, so it
// runs only with KFILTER_BIGMEM=1 (.ci/run sets it).
func TestStreamMemory(t *testing.T) {
	dir, bin := bigBinary(t, "writes and filters a 1 GiB array")
	const h, w = 16384, 16384 // 1 GiB of float32
	in := filepath.Join(dir, "in.npy")
	writeBigNPY32(t, in, h, w)
	const budget = 256 << 20
	run := func(out string, flags ...string) (peak int64, wall, cpu time.Duration) {
		args := append([]string{"-e", "median(values)", "--size", "5", "--quiet"}, flags...)
		cmd := exec.Command(bin, append(args, in, out)...)
		start := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("kfilter %v: %v\n%s", flags, err, b)
		}
		wall = time.Since(start)
		// CPU time too: wall time on a shared machine says little
		peak, cpu = peakRSS(t, cmd)
		return peak, wall, cpu
	}
	memOut, strOut := filepath.Join(dir, "mem.npy"), filepath.Join(dir, "stream.npy")
	mPeak, mWall, mCPU := run(memOut, "--max-bytes", "8G")
	sPeak, sWall, sCPU := run(strOut, "--memory", fmt.Sprint(budget))
	t.Logf("in memory: peak RSS %d MiB, wall %v, CPU %v; streamed under 256 MiB: peak RSS %d MiB, wall %v (%.2fx), CPU %v (%.2fx)",
		mPeak>>20, mWall.Round(time.Millisecond), mCPU.Round(time.Millisecond), sPeak>>20, sWall.Round(time.Millisecond),
		sWall.Seconds()/mWall.Seconds(), sCPU.Round(time.Millisecond), sCPU.Seconds()/mCPU.Seconds())
	if sPeak > budget*3/2 {
		t.Errorf("streamed: peak RSS %d B over 1.5x the budget of %d B", sPeak, budget)
	}
	if !sameFiles(t, memOut, strOut) {
		t.Error("the streamed output differs from the in-memory output")
	}
}

// sameFiles compares two files by chunks, without holding them.
func sameFiles(t *testing.T, a, b string) bool {
	fa, err := os.Open(a)
	if err != nil {
		t.Fatal(err)
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		t.Fatal(err)
	}
	defer fb.Close()
	ba, bb := make([]byte, 1<<20), make([]byte, 1<<20)
	for {
		na, ea := io.ReadFull(fa, ba)
		nb, eb := io.ReadFull(fb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false
		}
		if ea != nil || eb != nil {
			return ea == eb || (na == nb && (ea == io.ErrUnexpectedEOF || ea == io.EOF) && (eb == io.ErrUnexpectedEOF || eb == io.EOF))
		}
	}
}

// writeBigNPY32 writes an h x w float32 array of varied values (not
// sorted, some repeated) without holding it in memory.
func writeBigNPY32(t *testing.T, path string, h, w int) {
	writeNPYFunc(t, path, "<f4", h, w, func(b []byte, y, x int) int {
		binary.LittleEndian.PutUint32(b, math.Float32bits(float32(bigValue(y, x))/1024))
		return 4
	})
}
