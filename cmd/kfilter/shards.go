package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/kfilter/kfilter/filter"
	"github.com/kfilter/kfilter/filter/npy"
)

// Shards: kfilter plan creates a .npy output at its full size and prints a
// job script; a cluster scheduler (a Slurm job array, a Kubernetes Indexed
// Job) runs kfilter run --shard I/N once per shard, each writing its slab
// of whole lines of axis 0 in place; kfilter verify says which shards are
// missing. Beside OUTPUT, the directory OUTPUT.kfilter-shards holds the
// plan and one I.done marker per finished shard, written only after the
// shard's data is synced to disk.

const shardsPlanHead = "kfilter shards 1"

func shardDir(output string) string { return output + ".kfilter-shards" }

// slab is shard i's lines [lo, hi) of n lines split k ways as evenly as
// possible.
func slab(i, k, n int) (lo, hi int) {
	return int(int64(i) * int64(n) / int64(k)), int(int64(i+1) * int64(n) / int64(k))
}

// parseShard reads --shard I/N or auto/N, I from SLURM_ARRAY_TASK_ID or
// JOB_COMPLETION_INDEX.
func parseShard(s string) (i, n int, err error) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, usagef("--shard %s: give I/N (shard I of N, from 0) or auto/N", s)
	}
	n, err = strconv.Atoi(b)
	if err != nil || n < 1 {
		return 0, 0, usagef("--shard %s: N must be a whole number, 1 or more", s)
	}
	if a == "auto" {
		for _, v := range []string{"SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"} {
			if x := os.Getenv(v); x != "" {
				if i, err = strconv.Atoi(x); err != nil || i < 0 || i >= n {
					return 0, 0, usagef("--shard %s: %s=%q is not a shard index from 0 to %d", s, v, x, n-1)
				}
				return i, n, nil
			}
		}
		return 0, 0, usagef("--shard %s: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; outside a job array give the shard as I/%d", s, n)
	}
	if i, err = strconv.Atoi(a); err != nil || i < 0 || i >= n {
		return 0, 0, usagef("--shard %s: I must be a shard index from 0 to %d", s, n-1)
	}
	return i, n, nil
}

// shardPlan is what plan writes and run and verify read.
type shardPlan struct {
	shards int
	shape  []int
	dtype  filter.DType
	filter string // the fingerprint of the planned filter
}

func (p shardPlan) String() string {
	return fmt.Sprintf("%s\nshards %d\nshape %s\ndtype %s\nfilter %s\n", shardsPlanHead, p.shards, formatShapeX(p.shape), p.dtype, p.filter)
}

func formatShapeX(shape []int) string {
	s := make([]string, len(shape))
	for i, n := range shape {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, "x")
}

func readPlan(output string) (shardPlan, error) {
	name := filepath.Join(shardDir(output), "plan")
	b, err := os.ReadFile(name)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return shardPlan{}, fmt.Errorf("output %s was not planned (no %s); run kfilter plan first", output, name)
		}
		return shardPlan{}, fmt.Errorf("output %s: %w", output, err)
	}
	var p shardPlan
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	bad := fmt.Errorf("%s: not a kfilter shard plan", name)
	if len(lines) != 5 || lines[0] != shardsPlanHead {
		return p, bad
	}
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(l, " ")
		switch k {
		case "shards":
			if p.shards, err = strconv.Atoi(v); err != nil || p.shards < 1 {
				return p, bad
			}
		case "shape":
			if p.shape, err = parseShape(v); err != nil {
				return p, bad
			}
		case "dtype":
			if p.dtype, err = filter.ParseDType(v); err != nil {
				return p, bad
			}
		case "filter":
			if p.filter = v; v == "" {
				return p, bad
			}
		default:
			return p, bad
		}
	}
	return p, nil
}

// openShardInput opens a .npy input in C order for reading by lines.
func openShardInput(name string) (*os.File, filter.Source, error) {
	if strings.ToLower(filepath.Ext(name)) != ".npy" {
		return nil, nil, fmt.Errorf("input %s: shards read a .npy file", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("input %s: %w", name, errors.Unwrap(err))
	}
	st, err := f.Stat()
	if err == nil {
		var src filter.Source
		if src, err = filter.NPYSource(f, st.Size()); err == nil {
			return f, src, nil
		}
	}
	f.Close()
	return nil, nil, fmt.Errorf("input %s: %w", name, err)
}

// It also returns the filter's fingerprint, which plan records so that a
// shard run with another kernel or option than the plan's is refused
// instead of writing other numbers into the planned output.
func shardFilter(o *options, src filter.Source) (*filter.Filter, string, error) {
	kernel, err := o.kernelSource()
	if err != nil {
		return nil, "", err
	}
	opts, err := o.filterOptions(len(src.Shape()))
	if err != nil {
		return nil, "", err
	}
	f, err := filter.New(kernel, opts)
	if err != nil {
		return nil, "", asOption(err)
	}
	return f, fingerprint(kernel, opts), nil
}

// fingerprint is a hash of everything that decides a filter's numbers:
// the kernel, the footprint, the mode, cval, origin, axes, parameters and
// output dtype.
func fingerprint(kernel string, opts filter.Options) string {
	h := sha256.New()
	fmt.Fprintf(h, "%q\n%v %v\n%v %x %v %v %v\n", kernel, opts.Footprint.Shape, opts.Footprint.Mask,
		opts.Mode, math.Float64bits(opts.Cval), opts.Origin, opts.Axes, opts.Output)
	names := slices.Sorted(maps.Keys(opts.Params))
	for _, n := range names {
		p := opts.Params[n]
		fmt.Fprintf(h, "%q %v", n, p.IsArray)
		for _, x := range p.Values {
			fmt.Fprintf(h, " %x", math.Float64bits(x))
		}
		fmt.Fprintln(h)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// plan creates OUTPUT at its full size with its header, the shard
// directory with the plan (old markers removed), and prints the job.
func plan(e *env, o *options) error {
	in, out := o.files[0], o.files[1]
	if strings.ToLower(filepath.Ext(out)) != ".npy" {
		return usagef("plan: OUTPUT %s: shards write a .npy file", out)
	}
	f, src, err := openShardInput(in)
	if err != nil {
		return err
	}
	defer f.Close()
	flt, fprint, err := shardFilter(o, src)
	if err != nil {
		return err
	}
	shape := src.Shape()
	dt := flt.OutputDType(src.DType())
	hdr, err := npy.EncodeHeader(dt, shape)
	if err != nil {
		return fmt.Errorf("output %s: %w", out, err)
	}
	size := int64(dt.Size())
	for _, n := range shape {
		size *= int64(n)
	}
	w, err := os.OpenFile(out, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("output %s: %w", out, errors.Unwrap(err))
	}
	if _, err = w.WriteAt(hdr, 0); err == nil {
		if err = w.Truncate(int64(len(hdr)) + size); err == nil {
			if err = w.Sync(); err == nil {
				err = w.Close()
			}
		}
	}
	if err != nil {
		w.Close()
		return fmt.Errorf("output %s: %w", out, err)
	}
	dir := shardDir(out)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("output %s: %w", out, err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("output %s: %w", out, err)
	}
	p := shardPlan{shards: o.shards, shape: shape, dtype: dt, filter: fprint}
	if err := writeSynced(filepath.Join(dir, "plan"), []byte(p.String())); err != nil {
		return fmt.Errorf("output %s: %w", out, err)
	}
	exe, err := os.Executable()
	if err != nil {
		exe = "kfilter"
	}
	absIn, err1 := filepath.Abs(in)
	absOut, err2 := filepath.Abs(out)
	if err := errors.Join(err1, err2); err != nil {
		return err
	}
	cmd := append([]string{exe, "run"}, o.set...)
	cmd = append(cmd, "--shard", "auto/"+strconv.Itoa(o.shards), "--", absIn, absOut)
	// the job runs where plan ran, so that a kernel file (-f), a footprint
	// file or a -p w=@file named relative to it is found
	wd, err := os.Getwd()
	if err != nil {
		return err
	}
	if o.kubernetes {
		fmt.Fprint(e.stdout, kubernetesJob(cmd, o.shards, wd, filepath.Dir(absOut)))
	} else {
		fmt.Fprint(e.stdout, slurmScript(cmd, o.shards, wd, absOut))
	}
	return nil
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@%+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func slurmScript(cmd []string, n int, wd, out string) string {
	q := make([]string, len(cmd))
	for i, a := range cmd {
		q[i] = shellQuote(a)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#!/bin/sh\n# kfilter shards of %s: submit with sbatch; check with kfilter verify\n", out)
	fmt.Fprintf(&b, "#SBATCH --job-name=kfilter\n#SBATCH --array=0-%d\n", n-1)
	fmt.Fprintf(&b, "#SBATCH --output=%s\n", shellQuote(filepath.Join(shardDir(out), "slurm-%A_%a.out")))
	fmt.Fprintf(&b, "cd %s || exit 1\nexec %s\n", shellQuote(wd), strings.Join(q, " "))
	return b.String()
}

func kubernetesJob(cmd []string, n int, wd, dir string) string {
	q := make([]string, len(cmd))
	for i, a := range cmd {
		q[i] = strconv.Quote(a) // a JSON string is a YAML flow scalar
	}
	return fmt.Sprintf(`# kfilter shards: kubectl apply -f this file; check with kfilter verify.
# Edit the image (one with kfilter at %s) and the claim of the shared volume.
apiVersion: batch/v1
kind: Job
metadata:
  name: kfilter
spec:
  completionMode: Indexed
  completions: %d
  parallelism: %d
  backoffLimit: %d
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: kfilter
        image: KFILTER-IMAGE # edit
        command: [%s]
        workingDir: %s
        volumeMounts:
        - name: shared
          mountPath: %s
      volumes:
      - name: shared
        persistentVolumeClaim:
          claimName: SHARED-VOLUME-CLAIM # edit
`, strconv.Quote(cmd[0]), n, n, 3*n, strings.Join(q, ", "), strconv.Quote(wd), strconv.Quote(dir))
}

// writeSynced writes name through a temporary file, synced, renamed, and
// syncs the directory so the name survives a crash.
func writeSynced(name string, data []byte) error {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	if _, err = tmp.Write(data); err == nil {
		if err = tmp.Sync(); err == nil {
			err = tmp.Close()
		}
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// runShard computes shard I of N in place in the planned output.
func runShard(ctx context.Context, e *env, o *options) error {
	i, n, err := parseShard(o.shard)
	if err != nil {
		return err
	}
	in, out := o.files[0], o.files[1]
	p, err := readPlan(out)
	if err != nil {
		return err
	}
	if p.shards != n {
		return fmt.Errorf("--shard %s: output %s was planned for %d shards", o.shard, out, p.shards)
	}
	// A retried shard rewrites the same bytes. Its old marker goes first:
	// a run that fails or dies from here on is reported missing.
	marker := filepath.Join(shardDir(out), strconv.Itoa(i)+".done")
	if err := os.Remove(marker); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("output %s: %w", out, err)
	}
	f, src, err := openShardInput(in)
	if err != nil {
		return err
	}
	defer f.Close()
	flt, fprint, err := shardFilter(o, src)
	if err != nil {
		return err
	}
	shape, dt := src.Shape(), flt.OutputDType(src.DType())
	if !slices.Equal(shape, p.shape) || dt != p.dtype {
		return fmt.Errorf("input %s: a %v array of shape %v makes a %v output, but %s was planned for %v of shape %v; plan again", in, src.DType(), shape, dt, out, p.dtype, p.shape)
	}
	if fprint != p.filter {
		return fmt.Errorf("output %s was planned for another kernel or other options than this shard's (the job script has the planned ones); plan again to change them", out)
	}
	if err := checkPlanned(out, p); err != nil {
		return err
	}
	w, err := os.OpenFile(out, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("output %s: %w", out, errors.Unwrap(err))
	}
	defer w.Close()
	h, err := npy.ReadHeader(w)
	if err != nil {
		return fmt.Errorf("output %s: %w", out, err)
	}
	lo, hi := slab(i, n, shape[0])
	if lo < hi {
		mem := o.limits.memory
		if mem <= 0 {
			mem = 256 << 20
		}
		rows, err := flt.BandRows(shape, src.DType(), mem)
		if err != nil {
			return asOption(err)
		}
		dst := filter.NPYDataSink(w, dt, shape, h.DataOffset)
		for a := lo; a < hi; a += rows {
			if err := flt.ApplyRegion(ctx, dst, src, filter.Band(shape, a, min(a+rows, hi))); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				return fmt.Errorf("%s: %w", in, asOption(err))
			}
		}
		if err := w.Sync(); err != nil {
			return fmt.Errorf("output %s: %w", out, err)
		}
	}
	if err := writeSynced(marker, fmt.Appendf(nil, "lines %d %d\n", lo, hi)); err != nil {
		return fmt.Errorf("output %s: %w", out, err)
	}
	if !o.quiet {
		fmt.Fprintf(e.stderr, "kfilter: shard %d/%d: lines %d to %d of %s done\n", i, n, lo, hi, out)
	}
	return nil
}

// errShardsMissing is verify's answer when shards are missing: exit 1.
var errShardsMissing = errors.New("shards missing")

func verify(e *env, o *options) error {
	out := o.files[0]
	p, err := readPlan(out)
	if err != nil {
		return err
	}
	if err := checkPlanned(out, p); err != nil {
		return err
	}
	var missing []string
	for i := range p.shards {
		if _, err := os.Stat(filepath.Join(shardDir(out), strconv.Itoa(i)+".done")); err != nil {
			missing = append(missing, strconv.Itoa(i))
		}
	}
	if len(missing) == 0 {
		fmt.Fprintf(e.stdout, "%s: all %d shards done\n", out, p.shards)
		return nil
	}
	fmt.Fprintf(e.stdout, "%s: %d of %d shards missing: %s\n", out, len(missing), p.shards, strings.Join(missing, ","))
	fmt.Fprintf(e.stdout, "resubmit them with: sbatch --array=%s JOB.sh   (JOB.sh: the script kfilter plan printed)\n", strings.Join(missing, ","))
	return errShardsMissing
}

// checkPlanned says whether out is still the file plan made for p: its
// header and its size.
func checkPlanned(out string, p shardPlan) error {
	w, err := os.Open(out)
	if err != nil {
		return fmt.Errorf("output %s: %w", out, errors.Unwrap(err))
	}
	defer w.Close()
	st, err := w.Stat()
	if err != nil {
		return fmt.Errorf("output %s: %w", out, err)
	}
	h, err := npy.ReadHeader(io.NewSectionReader(w, 0, st.Size()))
	if err != nil {
		return fmt.Errorf("output %s: %w", out, err)
	}
	if !slices.Equal(h.Shape, p.shape) || h.DType != p.dtype || h.Fortran || h.BigEndian || st.Size() != h.DataOffset+h.DataBytes {
		return fmt.Errorf("output %s: not the file kfilter plan made (a %v array of shape %v, %d bytes, for %v of shape %v); plan again", out, h.DType, h.Shape, st.Size(), p.dtype, p.shape)
	}
	return nil
}
