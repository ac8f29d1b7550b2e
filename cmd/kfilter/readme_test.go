package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter"
)

// The README's table "From scipy.ndimage to kfilter", checked row by row
// against scipy's outputs in testdata/scipy/table (regenerate them with
// /usr/bin/python3 testdata/scipy/table/make.py after changing the table).

const (
	readmePath = "../../README.md"
	tableDir   = "../../testdata/scipy/table"
	// tableRows is the number of rows the table has; a row added or lost
	// must be noticed here and in the fixtures.
	tableRows = 11
)

// roundoff is the unit roundoff u of float64.
const roundoff = 0x1p-53

// tableTolerance gives, for the rows whose two sides add in different
// orders, the largest difference allowed at a pixel: in is the input (M =
// the largest |value| of the input, or of cval if larger). Every other row
// must agree bit for bit.
var tableTolerance = map[string]func(in *filter.Array) float64{
	// scipy 1.10's uniform_filter filters axis 0, then axis 1, each line by
	// a running sum S += new - old, writing S / 5 (make.py checks a numpy
	// replica of that loop against it bit for bit). A step rounds
	// twice, by at most 2uM and 5uM, so a line of L outputs drifts by at
	// most L(1 + 2/5)uM, plus uM for the division; the second axis averages
	// the first one's errors and adds its own drift. mean(values) adds the
	// 25 values (at most 24u * 25M) and divides by 25: 25uM.
	"uniform_filter(a, size=5, output=np.float64, mode='constant', cval=1)": func(in *filter.Array) float64 {
		m := math.Max(maxAbs(in), 1) // cval=1 is a value too
		return (float64(in.Shape[0]+in.Shape[1])*(1+2.0/5) + 2 + 25) * roundoff * m
	},
	// scipy's correlate adds the 9 products in footprint order, sum() in
	// numpy's pairwise order: each is within 9u * sum|products| <= 9uM
	// (sum|w| = 1) of the exact sum. On integer input every product is a
	// multiple of 1/16 below 2^12 and every sum is exact: no tolerance.
	"correlate(a, w)": func(in *filter.Array) float64 {
		if in.DType == filter.Float64 {
			return 2 * 9 * roundoff * maxAbs(in)
		}
		return 0
	},
}

// readmeTable returns the code spans of the scipy and kfilter columns of
// every row of the table.
func readmeTable(t *testing.T) [][2]string {
	t.Helper()
	raw, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	sec := strings.Index(text, "\n## From scipy.ndimage to kfilter\n")
	if sec < 0 {
		t.Fatal("README.md has no section \"From scipy.ndimage to kfilter\"")
	}
	var rows [][2]string
	for _, line := range strings.Split(text[sec+1:], "\n")[1:] {
		if strings.HasPrefix(line, "## ") {
			break
		}
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := splitRow(line)
		if len(cells) != 2 {
			t.Fatalf("README table row has %d cells: %s", len(cells), line)
		}
		sc, kf := firstCode(cells[0]), firstCode(cells[1])
		if sc == "" || kf == "" {
			t.Fatalf("README table row without code in both columns: %s", line)
		}
		rows = append(rows, [2]string{sc, kf})
	}
	return rows
}

// splitRow splits a Markdown table row on the bars outside code spans.
func splitRow(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimSuffix(strings.TrimPrefix(line, "|"), "|")
	var cells []string
	var cur strings.Builder
	code := false
	for _, r := range line {
		switch {
		case r == '`':
			code = !code
		case r == '|' && !code:
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
			continue
		}
		cur.WriteRune(r)
	}
	return append(cells, strings.TrimSpace(cur.String()))
}

func firstCode(cell string) string {
	i := strings.IndexByte(cell, '`')
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(cell[i+1:], '`')
	if j < 0 {
		return ""
	}
	return cell[i+1 : i+1+j]
}

// shellWords splits a command line written with single quotes only, as the
// table writes it.
func shellWords(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	in, quoted := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, in = !quoted, true
		case r == ' ' && !quoted:
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quote in %q", s)
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

type tableCase struct {
	Scipy string `json:"scipy"`
	Cases []struct {
		Input string `json:"input"`
		Want  string `json:"want"`
	} `json:"cases"`
}

// TestReadmeScipyTable runs every row of the README's scipy table through
// the command line, on each of the row's inputs, and compares with scipy.
func TestReadmeScipyTable(t *testing.T) {
	rows := readmeTable(t)
	if len(rows) != tableRows {
		t.Errorf("README's scipy table has %d rows, want %d", len(rows), tableRows)
	}
	raw, err := os.ReadFile(filepath.Join(tableDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var manifest []tableCase
	if err := json.Unmarshal(raw, &manifest); err != nil {
		t.Fatal(err)
	}
	fixtures := map[string]tableCase{}
	for _, m := range manifest {
		fixtures[m.Scipy] = m
	}
	if len(fixtures) != len(rows) {
		t.Errorf("%d fixtures for %d rows: regenerate testdata/scipy/table", len(fixtures), len(rows))
	}
	for tol := range tableTolerance {
		if _, ok := fixtures[tol]; !ok {
			t.Errorf("tolerance for %q, which is not a row", tol)
		}
	}
	tmp := t.TempDir()
	for i, row := range rows {
		sc, kf := row[0], row[1]
		fix, ok := fixtures[sc]
		if !ok {
			t.Errorf("row %d: no scipy output for %q: regenerate testdata/scipy/table", i+1, sc)
			continue
		}
		words := shellWords(t, kf)
		if len(words) < 3 || words[0] != "kfilter" || words[len(words)-2] != "in" || words[len(words)-1] != "out" {
			t.Errorf("row %d: command %q is not of the form kfilter ... in out", i+1, kf)
			continue
		}
		for _, c := range fix.Cases {
			in := filepath.Join(tableDir, c.Input)
			out := filepath.Join(tmp, fmt.Sprintf("row%d-%s.npy", i+1, c.Input))
			args := append([]string(nil), words[1:len(words)-2]...)
			for j, a := range args {
				if p, ok := strings.CutPrefix(a, "w=@"); ok {
					args[j] = "w=@" + filepath.Join(tableDir, p)
				}
			}
			args = append(args, in, out)
			code, _, stderr := cli(t, nil, args...)
			if code != 0 {
				t.Errorf("row %d on %s: %s: exit %d: %s", i+1, c.Input, kf, code, stderr)
				continue
			}
			got, want := readNPY(t, out), readNPY(t, filepath.Join(tableDir, c.Want))
			if got.DType != want.DType || !equalInts(got.Shape, want.Shape) {
				t.Errorf("row %d on %s: got %v %v, scipy %v %v", i+1, c.Input, got.DType, got.Shape, want.DType, want.Shape)
				continue
			}
			tol := 0.0
			if f, ok := tableTolerance[sc]; ok {
				tol = f(tableInput(t, in))
			}
			g, w := make([]float64, got.Len()), make([]float64, want.Len())
			toFloats(g, got)
			toFloats(w, want)
			bad, first, worst := 0, -1, 0.0
			for k := range g {
				d := math.Abs(g[k] - w[k])
				worst = math.Max(worst, d)
				if g[k] != w[k] && !(d <= tol) {
					if first < 0 {
						first = k
					}
					bad++
				}
			}
			if bad > 0 {
				t.Errorf("row %d on %s: %s differs from scipy's %s at %d of %d elements (first: element %d = %v, scipy %v)",
					i+1, c.Input, kf, sc, bad, len(g), first, g[first], w[first])
			}
			if tol > 0 {
				t.Logf("row %d on %s: largest difference %.3g, bound %.3g", i+1, c.Input, worst, tol)
			}
		}
	}
}

// The fixtures hold what scipy computed from the numbers make.py read from
// crop.png; check that the command reads the same numbers (uint8), or every
// row would compare filters of different inputs.
func TestReadmeScipyTableInput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "crop.npy")
	if code, _, stderr := cli(t, nil, "-e", "center", "--size", "1", filepath.Join(tableDir, "crop.png"), out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, want := readNPY(t, out), readNPY(t, filepath.Join(tableDir, "crop-u8.npy")); !sameArray(got, want) {
		t.Errorf("crop.png reads as %v %v, not as the uint8 %v scipy filtered", got.DType, got.Shape, want.Shape)
	}
}

// tableInput reads a table input as the command does: a PNG's grey channel
// or an .npy array.
func tableInput(t *testing.T, path string) *filter.Array {
	t.Helper()
	if strings.HasSuffix(path, ".png") {
		chans, _ := filter.FromImage(readImage(t, path))
		return chans[0]
	}
	return readNPY(t, path)
}

func maxAbs(a *filter.Array) float64 {
	v := make([]float64, a.Len())
	toFloats(v, a)
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// TestScipyRankRule checks the README's forms for scipy's median_filter and
// percentile_filter at every footprint size up to a limit: the index that
// sort(values)[floor(len(values) / 2)] and
// sort(values)[floor(len(values) * q / 100)] pick is the rank scipy picks
// (ranks.json, measured by running scipy), for each percentile q < 100.
func TestScipyRankRule(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(tableDir, "ranks.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ranks struct {
		Max        int              `json:"max"`
		Median     []int            `json:"median"`
		Percentile map[string][]int `json:"percentile"`
	}
	if err := json.Unmarshal(raw, &ranks); err != nil {
		t.Fatal(err)
	}
	if ranks.Max < 100 || len(ranks.Median) != ranks.Max || len(ranks.Percentile) < 10 {
		t.Fatalf("ranks.json covers too little: max %d, %d percentiles", ranks.Max, len(ranks.Percentile))
	}
	checked := 0
	rank := func(kernel string, params map[string]filter.Param, n int) int {
		t.Helper()
		data := make([]float64, n)
		for i := range data {
			data[i] = float64(i)
		}
		in, err := filter.ArrayOf(data, n)
		if err != nil {
			t.Fatal(err)
		}
		f, err := filter.New(kernel, filter.Options{Footprint: filter.Box(n), Params: params})
		if err != nil {
			t.Fatalf("%s, n=%d: %v", kernel, n, err)
		}
		out, err := f.Apply(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		// At the centre the window is the array, so the value is the rank.
		return int(out.Data.([]float64)[n/2])
	}
	for n := 1; n <= ranks.Max; n++ {
		if got, want := rank("sort(values)[floor(len(values) / 2)]", nil, n), ranks.Median[n-1]; got != want {
			t.Errorf("median_filter, %d values: kfilter's form picks rank %d, scipy %d", n, got, want)
		}
	}
	for qs, want := range ranks.Percentile {
		q, err := strconv.ParseFloat(qs, 64)
		if err != nil {
			t.Fatal(err)
		}
		kernel := "sort(values)[floor(len(values) * q / 100)]"
		if q == 100 { // scipy's special case; the README says max(values)
			kernel = "max(values)"
		}
		for n := 1; n <= ranks.Max; n++ {
			p := map[string]filter.Param{"q": filter.Number(q)}
			if got := rank(kernel, p, n); got != want[n-1] {
				t.Errorf("percentile_filter %v, %d values: %s picks rank %d, scipy %d", q, n, kernel, got, want[n-1])
			}
		}
	}
	t.Logf("%d sizes and percentiles checked", checked)
}
