package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"golang.org/x/sys/cpu"

	"github.com/kfilter/kfilter/compile"
)

const version = "0.1.0"

// buildInfo says which code is running: kfilter version prints it and
// bench --json records it, so that a timing can be traced to its build.
type buildInfo struct {
	Version  string `json:"version"`            // the module's, or kfilter's own for a checkout build
	Revision string `json:"revision,omitempty"` // the VCS commit, when the build recorded one
	Time     string `json:"time,omitempty"`     // the commit's time
	Modified bool   `json:"modified,omitempty"` // built from a tree with uncommitted changes
	Go       string `json:"go"`
	OS       string `json:"os"`
	Arch     string `json:"arch"`
	Vector   bool   `json:"vector"` // the AVX2 kernels run (amd64, not -tags purego, a CPU with AVX2)
	AVX2     bool   `json:"avx2"`   // this CPU has AVX2
	Wide     bool   `json:"avx512"` // the AVX-512 kernels run too (a CPU with AVX-512F and DQ)
}

func currentBuild() buildInfo {
	b := buildInfo{Version: version, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH,
		Vector: compile.Vector(), AVX2: cpu.X86.HasAVX2, Wide: compile.Wide()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		b.Version = v
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// kernels says which loops run, and why. The choice is made at run
// time, by CPU feature; the portable loops give the same numbers.
func (b buildInfo) kernels() string {
	switch {
	case b.Vector && b.Wide:
		return "AVX2, and AVX-512 for the sums, min and max folds, exp, fused elementwise runs and the float 3x3 and 5x5 medians"
	case b.Vector:
		return "AVX2"
	case b.Arch != "amd64":
		return "portable (no vector kernels for " + b.Arch + ")"
	case b.AVX2:
		return "portable (built with -tags purego; this CPU has AVX2)"
	}
	return "portable (this CPU has no AVX2)"
}

// String is kfilter version's output: the first line as before, then one
// line for the revision and one for the kernels.
func (b buildInfo) String() string {
	var s strings.Builder
	fmt.Fprintf(&s, "kfilter %s (%s %s/%s)\n", b.Version, b.Go, b.OS, b.Arch)
	switch {
	case b.Revision == "":
		s.WriteString("revision  unknown (not built from a VCS checkout, or with -buildvcs=false)\n")
	default:
		rev := b.Revision
		if b.Time != "" {
			rev += " (" + b.Time + ")"
		}
		if b.Modified {
			rev += " with uncommitted changes"
		}
		fmt.Fprintf(&s, "revision  %s\n", rev)
	}
	fmt.Fprintf(&s, "kernels   %s\n", b.kernels())
	return s.String()
}
