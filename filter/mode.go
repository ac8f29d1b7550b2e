package filter

import (
	"fmt"
	"strings"
)

// Mode says how the input extends beyond its edges, as scipy.ndimage's
// mode argument does for filters.
type Mode uint8

const (
	Reflect      Mode = iota // d c b a | a b c d | d c b a (the default)
	Mirror                   // d c b | a b c d | c b a
	Nearest                  // a a a | a b c d | d d d
	Wrap                     // b c d | a b c d | a b c
	Constant                 // k k k | a b c d | k k k, k = cval
	GridMirror               // as Reflect, for filters
	GridWrap                 // as Wrap, for filters
	GridConstant             // as Constant, for filters
)

var modeNames = [...]string{"reflect", "mirror", "nearest", "wrap", "constant", "grid-mirror", "grid-wrap", "grid-constant"}

func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", m)
}

// ParseMode parses scipy's name of a mode.
func ParseMode(s string) (Mode, error) {
	for i, n := range modeNames {
		if s == n {
			return Mode(i), nil
		}
	}
	return 0, &Error{Kind: ModeError, Msg: fmt.Sprintf("unknown mode %q; the modes are %s", s, strings.Join(modeNames[:], ", "))}
}

// index maps position i on an axis of length n to the position it reads,
// or -1 for cval.
func (m Mode) index(i, n int) int {
	if i >= 0 && i < n {
		return i
	}
	switch m {
	case Nearest:
		if i < 0 {
			return 0
		}
		return n - 1
	case Wrap, GridWrap:
		i %= n
		if i < 0 {
			i += n
		}
		return i
	case Reflect, GridMirror:
		p := 2 * n
		i %= p
		if i < 0 {
			i += p
		}
		if i >= n {
			i = p - 1 - i
		}
		return i
	case Mirror:
		if n == 1 {
			return 0
		}
		p := 2*n - 2
		i %= p
		if i < 0 {
			i += p
		}
		if i >= n {
			i = p - i
		}
		return i
	}
	return -1
}
