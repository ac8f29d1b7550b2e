package main

import (
	"bufio"
	"flag"
	"os"
	"strconv"
	"strings"

	"github.com/kfilter/kfilter/compile"
	"github.com/kfilter/kfilter/lang"
)

// limits bound what one run may ask for, each with a flag to raise it.
type limits struct {
	maxBytes  int64 // the largest input array, in bytes
	memory    int64 // the memory budget: a .npy beyond it is streamed; 0 for none
	maxKernel int   // kernel source bytes
	maxDepth  int   // kernel nesting
	maxInstrs int   // compiled program size
}

func (l *limits) flags(fs *flag.FlagSet) {
	l.maxBytes = defaultMaxBytes()
	fs.Var(byteSize{&l.maxBytes}, "max-bytes", "largest input array: bytes, or with a unit (1G)")
	fs.Var(byteSize{&l.memory}, "memory", "memory budget: a larger .npy is filtered band by band (256MiB)")
	fs.IntVar(&l.maxKernel, "max-kernel", lang.DefaultLimits.MaxSource, "longest kernel in bytes")
	fs.IntVar(&l.maxDepth, "max-depth", lang.DefaultLimits.MaxDepth, "deepest kernel nesting")
	fs.IntVar(&l.maxInstrs, "max-instructions", compile.DefaultMaxInstrs, "largest compiled program")
}

func (l limits) lang() lang.Limits {
	return lang.Limits{MaxSource: l.maxKernel, MaxDepth: l.maxDepth, MaxNodes: lang.DefaultLimits.MaxNodes}
}

// defaultMaxBytes is a quarter of the memory available now: the input,
// its float64 copy per channel, and the output must all fit.
func defaultMaxBytes() int64 {
	const fallback = 4 << 30
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return fallback
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) >= 2 && fields[0] == "MemAvailable:" {
			if kb, err := strconv.ParseInt(fields[1], 10, 64); err == nil && kb > 0 {
				return kb * 1024 / 4
			}
		}
	}
	return fallback
}
