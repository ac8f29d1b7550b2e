package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kfilter/kfilter/filter"
)

func shardInput(t *testing.T, dir string, shape ...int) string {
	t.Helper()
	r := rand.New(rand.NewPCG(7, 8))
	n := 1
	for _, s := range shape {
		n *= s
	}
	data := make([]float32, n)
	for i := range data {
		data[i] = float32(r.NormFloat64())
	}
	in, err := filter.ArrayOf(data, shape...)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "in.npy")
	writeNPY(t, p, in)
	return p
}

// TestShards: plan, then every shard in a random order (one of them twice,
// as a retried task), equals the single in-memory run byte for byte, and
// verify says what is missing before and nothing after.
func TestShards(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	for _, shape := range [][]int{{37, 23}, {9, 5, 6}} {
		inPath := shardInput(t, dir, shape...)
		for _, tt := range []struct{ kernel, mode string }{
			{"median(values)", "reflect"}, {"sum(values) - values[0]", "wrap"}, {"max(values)", "constant"},
		} {
			for _, n := range []int{1, 3, 4} {
				name := tt.mode + "/" + strconv.Itoa(n)
				want, got := filepath.Join(dir, "want.npy"), filepath.Join(dir, "got.npy")
				args := []string{"-e", tt.kernel, "--size", "5", "--mode", tt.mode, "--cval", "0.5", "--origin", "1", "--memory", "2K"}
				if code, _, stderr := cli(t, nil, append(args[:len(args)-2:len(args)-2], inPath, want)...); code != 0 {
					t.Fatal(stderr)
				}
				code, script, stderr := cli(t, nil, append([]string{"plan", "--shards", strconv.Itoa(n)}, append(args, inPath, got)...)...)
				if code != 0 {
					t.Fatalf("%s: plan: %s", name, stderr)
				}
				if wd, _ := os.Getwd(); !strings.Contains(script, "\ncd "+shellQuote(wd)+" || exit 1\n") {
					t.Errorf("%s: the script does not run where plan ran:\n%s", name, script)
				}
				if !strings.Contains(script, "#SBATCH --array=0-"+strconv.Itoa(n-1)+"\n") || !strings.Contains(script, "--shard auto/"+strconv.Itoa(n)) || !strings.Contains(script, "'--mode=") && !strings.Contains(script, "--mode="+tt.mode) {
					t.Errorf("%s: script:\n%s", name, script)
				}
				order := r.Perm(n)
				order = append(order, order[r.IntN(n)]) // a retried shard
				for k, i := range order {
					if k == n-1 && n > 1 {
						code, out, _ := cli(t, nil, "verify", got)
						if code != 1 || !strings.Contains(out, "missing: "+strconv.Itoa(order[n-1])+"\n") || !strings.Contains(out, "sbatch --array="+strconv.Itoa(order[n-1])+" ") {
							t.Errorf("%s: verify with shard %d missing: code %d, %q", name, order[n-1], code, out)
						}
					}
					if code, _, stderr := cli(t, nil, append(append([]string{"run"}, args...), "--quiet", "--shard", strconv.Itoa(i)+"/"+strconv.Itoa(n), inPath, got)...); code != 0 {
						t.Fatalf("%s: shard %d: %s", name, i, stderr)
					}
				}
				if code, out, _ := cli(t, nil, "verify", got); code != 0 || !strings.Contains(out, "all "+strconv.Itoa(n)+" shards done") {
					t.Errorf("%s: verify after all shards: code %d, %q", name, code, out)
				}
				a, _ := os.ReadFile(want)
				b, _ := os.ReadFile(got)
				if !bytes.Equal(a, b) {
					t.Errorf("%v %s %s: the sharded output differs from the single run", shape, tt.kernel, name)
				}
			}
		}
	}
}

// TestShardAuto: --shard auto/N takes its index from Slurm's or
// Kubernetes's variable, and says so when neither is set.
func TestShardAuto(t *testing.T) {
	dir := t.TempDir()
	inPath := shardInput(t, dir, 10, 4)
	out := filepath.Join(dir, "out.npy")
	args := []string{"-e", "min(values)", "--size", "3"}
	if code, _, stderr := cli(t, nil, append([]string{"plan", "--shards", "2"}, append(args, inPath, out)...)...); code != 0 {
		t.Fatal(stderr)
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	t.Setenv("JOB_COMPLETION_INDEX", "")
	code, _, stderr := cli(t, nil, append(args, "--shard", "auto/2", inPath, out)...)
	if code != 2 || !strings.Contains(stderr, "neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set") {
		t.Errorf("no index: code %d, %q", code, stderr)
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "1")
	if code, _, stderr := cli(t, nil, append(args, "--shard", "auto/2", inPath, out)...); code != 0 {
		t.Fatal(stderr)
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	t.Setenv("JOB_COMPLETION_INDEX", "0")
	if code, _, stderr := cli(t, nil, append(args, "--shard", "auto/2", inPath, out)...); code != 0 {
		t.Fatal(stderr)
	}
	if code, out, _ := cli(t, nil, "verify", out); code != 0 {
		t.Errorf("verify: code %d, %q", code, out)
	}
}

// TestShardErrors: a bad --shard, an output not planned, a plan of
// another shape or shard count are refused with a message naming them.
func TestShardErrors(t *testing.T) {
	dir := t.TempDir()
	inPath := shardInput(t, dir, 10, 4)
	out := filepath.Join(dir, "out.npy")
	args := []string{"-e", "min(values)", "--size", "3"}
	runArgs := func(extra ...string) []string {
		return append(append(append([]string{}, args...), extra...), inPath, out)
	}
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{runArgs("--shard", "1"), 2, "give I/N"},
		{runArgs("--shard", "4/4"), 2, "shard index from 0 to 3"},
		{runArgs("--shard", "0/0"), 2, "N must be a whole number"},
		{runArgs("--shard", "x/2"), 2, "shard index from 0 to 1"},
		{runArgs("--shard", "0/2"), 1, "was not planned"},
		{append([]string{"plan"}, runArgs()...), 2, "plan needs --shards N"},
		{append([]string{"plan", "--shards", "2"}, args...), 2, "plan needs an INPUT and an OUTPUT"},
		{runArgs("--shards", "2"), 2, "--shards is for kfilter plan"},
		{[]string{"verify", out}, 1, "was not planned"},
	} {
		code, _, stderr := cli(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%q: code %d, stderr %q; want %d and %q", tt.args, code, stderr, tt.code, tt.msg)
		}
	}
	if code, _, stderr := cli(t, nil, append([]string{"plan", "--shards", "2"}, runArgs()...)...); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := cli(t, nil, runArgs("--shard", "0/3")...); code != 1 || !strings.Contains(stderr, "planned for 2 shards") {
		t.Errorf("shard count: code %d, %q", code, stderr)
	}
	// a retry that fails leaves its shard missing, not done from before
	for _, i := range []string{"0", "1"} {
		if code, _, stderr := cli(t, nil, runArgs("--quiet", "--shard", i+"/2")...); code != 0 {
			t.Fatal(stderr)
		}
	}
	if code, out, _ := cli(t, nil, "verify", out); code != 0 {
		t.Fatalf("verify: code %d, %q", code, out)
	}
	os.WriteFile(inPath, []byte("not an npy"), 0o644)
	if code, _, _ := cli(t, nil, runArgs("--shard", "1/2")...); code != 1 {
		t.Errorf("shard of a bad input: code %d", code)
	}
	if code, got, _ := cli(t, nil, "verify", out); code != 1 || !strings.Contains(got, "missing: 1\n") {
		t.Errorf("verify after a failed retry: code %d, %q", code, got)
	}
	// another input shape than the plan's
	shardInput(t, dir, 11, 4)
	if code, _, stderr := cli(t, nil, runArgs("--shard", "0/2")...); code != 1 || !strings.Contains(stderr, "was planned for float32 of shape [10 4]") {
		t.Errorf("shape: code %d, %q", code, stderr)
	}
	// an output cut short after the plan
	shardInput(t, dir, 10, 4)
	os.Truncate(out, 200)
	if code, _, stderr := cli(t, nil, runArgs("--shard", "0/2")...); code != 1 || !strings.Contains(stderr, "not the file kfilter plan made") {
		t.Errorf("cut output: code %d, %q", code, stderr)
	}
	if code, _, stderr := cli(t, nil, "verify", out); code != 1 || !strings.Contains(stderr, "not the file kfilter plan made") {
		t.Errorf("verify of a cut output: code %d, %q", code, stderr)
	}
}

// TestPlanKubernetes: --kubernetes prints an Indexed Job running the same
// command.
func TestPlanKubernetes(t *testing.T) {
	dir := t.TempDir()
	inPath := shardInput(t, dir, 10, 4)
	code, job, stderr := cli(t, nil, "plan", "--kubernetes", "--shards", "3", "-e", "min(values) + 1", "--size", "3", inPath, filepath.Join(dir, "o.npy"))
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, want := range []string{"completionMode: Indexed\n", "completions: 3\n", "parallelism: 3\n", `"--shard", "auto/3"`, `"-e=min(values) + 1"`, "claimName: SHARED-VOLUME-CLAIM", "workingDir: \""} {
		if !strings.Contains(job, want) {
			t.Errorf("no %q in\n%s", want, job)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{"a/b.npy": "a/b.npy", "": "''", "it's $x": `'it'\''s $x'`, "-e=median(values)": "'-e=median(values)'"} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestShardOtherFilter: a shard run with a kernel or option other than the
// plan's is refused, and its marker stays missing, instead of writing
// other numbers into the planned output.
func TestShardOtherFilter(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.npy")
	a, _ := filter.Zeros(filter.Float64, 9, 5)
	for i := range a.Data.([]float64) {
		a.Data.([]float64)[i] = float64(i * 7 % 11)
	}
	writeNPY(t, in, a)
	out := filepath.Join(dir, "out.npy")
	planned := []string{"-e", "max(values)", "--size", "3", "--mode", "wrap"}
	if code, _, stderr := cli(t, nil, append(append([]string{"plan"}, planned...), in, out, "--shards", "2")...); code != 0 {
		t.Fatalf("plan: exit %d: %s", code, stderr)
	}
	for _, other := range [][]string{
		{"-e", "min(values)", "--size", "3", "--mode", "wrap"},
		{"-e", "max(values)", "--size", "5", "--mode", "wrap"},
		{"-e", "max(values)", "--size", "3", "--mode", "reflect"},
		{"-e", "max(values)", "--size", "3", "--mode", "wrap", "--origin", "1"},
	} {
		args := append(append([]string{}, other...), "--shard", "0/2", "--quiet", in, out)
		if code, _, stderr := cli(t, nil, args...); code == 0 || !strings.Contains(stderr, "planned for another kernel") {
			t.Errorf("%q: exit %d, %q; want a refusal", other, code, stderr)
		}
	}
	if code, _, stderr := cli(t, nil, append(append([]string{}, planned...), "--shard", "0/2", "--quiet", in, out)...); code != 0 {
		t.Errorf("the planned filter: exit %d: %s", code, stderr)
	}
}
