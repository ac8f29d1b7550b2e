package main

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/lang"
)

// closest returns the candidate nearest to word, for a "did you mean"
// hint: within one edit (an insertion, deletion, substitution or swap of
// two neighbours) for words up to four letters, two for longer ones, or a
// word of three letters or more that starts the candidate (--foot for
// --footprint, if no other candidate starts with it). It returns "" when
// nothing is that close; ties go to the earlier candidate.
func closest(word string, candidates []string) string {
	limit := 1
	if len(word) > 4 {
		limit = 2
	}
	return closestWithin(word, candidates, limit)
}

// closestWithin is closest with a limit on the edits.
func closestWithin(word string, candidates []string, limit int) string {
	word = strings.ToLower(word)
	prefixed := 0
	for _, c := range candidates {
		if len(word) >= 3 && strings.HasPrefix(c, word) {
			prefixed++
		}
	}
	best, bestDist := "", math.MaxInt
	for _, c := range candidates {
		d := lang.Distance(word, c)
		if d > limit && !(prefixed == 1 && len(word) >= 3 && strings.HasPrefix(c, word)) {
			continue
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// didYouMean is "; did you mean X?" for the candidate closest to word, or
// "".
func didYouMean(word string, candidates []string, prefix string) string {
	if c := closest(word, candidates); c != "" {
		return "; did you mean " + prefix + c + "?"
	}
	return ""
}

// orList is "; did you mean X? The <what> are a, b, c" when suggestion is
// not "", else "; the <what> are a, b, c".
func orList(suggestion, what string, names []string) string {
	list := "the " + what + " are " + strings.Join(names, ", ")
	if suggestion == "" {
		return "; " + list
	}
	return "; did you mean " + suggestion + "? T" + list[1:]
}

// modeNames and dtypeNames list the names --mode and --dtype take, from
// the library's own String methods so that they cannot drift apart.
func modeNames() []string {
	var names []string
	for m := filter.Reflect; m <= filter.GridConstant; m++ {
		names = append(names, m.String())
	}
	return names
}

func dtypeNames() []string {
	var names []string
	for d := filter.Bool; d <= filter.Float64; d++ {
		names = append(names, d.String())
	}
	return names
}

// byteSize is a flag value counting bytes: a plain number, or a number with
// a unit. As in GNU coreutils (sort -S, truncate -s, dd), K, M, G and T and
// KiB, MiB, GiB and TiB are powers of 1024, and KB, MB, GB and TB powers of
// 1000; B alone is bytes, and case does not matter.
type byteSize struct{ n *int64 }

func (b byteSize) String() string {
	if b.n == nil {
		return ""
	}
	return strconv.FormatInt(*b.n, 10)
}

func (b byteSize) Set(s string) error {
	n, err := parseByteSize(s)
	if err != nil {
		return err
	}
	*b.n = n
	return nil
}

var byteUnits = map[string]int64{
	"": 1, "b": 1,
	"k": 1 << 10, "kib": 1 << 10, "kb": 1e3,
	"m": 1 << 20, "mib": 1 << 20, "mb": 1e6,
	"g": 1 << 30, "gib": 1 << 30, "gb": 1e9,
	"t": 1 << 40, "tib": 1 << 40, "tb": 1e12,
}

const byteSizeHelp = "give bytes, or a number with a unit: K, M, G, T or KiB, MiB, GiB, TiB (powers of 1024), KB, MB, GB, TB (powers of 1000)"

// parseByteSize parses a byteSize: 1073741824, 1G, 1GiB, 1.5GB, 512k.
func parseByteSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("give 1 byte or more")
	}
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	mult, ok := byteUnits[unit]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q; %s", t[i:], byteSizeHelp)
	}
	// Exact rational arithmetic: 1.5G is exactly 1610612736 bytes, and a
	// size past the int64 range is an error, not a wrapped number.
	r, ok := new(big.Rat).SetString(num)
	if num == "" || !ok {
		return 0, fmt.Errorf("not a size; %s", byteSizeHelp)
	}
	r.Mul(r, new(big.Rat).SetInt64(mult))
	n := new(big.Int).Quo(r.Num(), r.Denom())
	if !n.IsInt64() {
		return 0, fmt.Errorf("larger than %d bytes", int64(math.MaxInt64))
	}
	if n.Sign() <= 0 {
		return 0, fmt.Errorf("give 1 byte or more")
	}
	return n.Int64(), nil
}
