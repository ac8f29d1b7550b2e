package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress draws a bar on a terminal for work that takes more than a
// second; it draws nothing otherwise.
type progress struct {
	w      io.Writer
	on     bool
	start  time.Time
	mu     sync.Mutex
	last   time.Time
	shown  bool
	base   int // lines done in earlier channels
	total  int // lines in all channels
	stages int
}

func newProgress(e *env, quiet bool) *progress {
	return &progress{w: e.stderr, on: e.tty && !quiet, start: time.Now()}
}

// update is filter.Options.Progress: done of total lines of one channel.
func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	frac := float64(p.base+done) / float64(max(p.total, 1))
	const width = 40
	n := int(frac * width)
	elapsed := now.Sub(p.start)
	left := "?"
	if frac > 0 {
		left = (time.Duration(float64(elapsed)/frac) - elapsed).Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "\r[%s%s] %3.0f%% %s, %s left\033[K", strings.Repeat("#", n), strings.Repeat(" ", width-n), 100*frac, elapsed.Round(time.Second), left)
}

// next moves on to the next channel of lines lines.
func (p *progress) next(lines int) {
	p.mu.Lock()
	p.base += lines
	p.mu.Unlock()
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
