package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSlurm brings up a private single-node Slurm (testdata/slurm's
// scripts: munged, slurmctld, slurmd, as root, no systemd), runs kfilter
// plan and the 4-task array it prints with the built binary, and checks
// kfilter verify and the output against the single-process run byte for
// byte, for reflect, wrap and constant. It runs with KFILTER_SLURM=1
// (CI installs slurmd slurmctld slurm-client munge first); then a machine
// where the scheduler cannot start fails it, never skips it.
func TestSlurm(t *testing.T) {
	if os.Getenv("KFILTER_SLURM") != "1" {
		t.Skip("set KFILTER_SLURM=1 to run a real Slurm job array (as root, with Debian's slurmd slurmctld slurm-client munge)")
	}
	if os.Geteuid() != 0 {
		t.Fatal("KFILTER_SLURM=1: the private Slurm runs as root")
	}
	for _, c := range []string{"munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo"} {
		if _, err := exec.LookPath(c); err != nil {
			t.Fatalf("KFILTER_SLURM=1 but %s is not installed: apt-get install -y --no-install-recommends slurmd slurmctld slurm-client munge", c)
		}
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "kfilter")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	scripts, err := filepath.Abs("testdata/slurm")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	up := exec.Command(filepath.Join(scripts, "slurm-up.sh"))
	var upErr bytes.Buffer
	up.Stderr = &upErr
	env, err := up.Output()
	if err != nil {
		t.Fatalf("slurm-up.sh: %v\n%s", err, upErr.String())
	}
	// export SLURM_CONF=... SLURM_TEST_DIR=...
	var conf, slurmDir string
	for _, f := range strings.Fields(string(env)) {
		if v, ok := strings.CutPrefix(f, "SLURM_CONF="); ok {
			conf = v
		}
		if v, ok := strings.CutPrefix(f, "SLURM_TEST_DIR="); ok {
			slurmDir = v
		}
	}
	if conf == "" || slurmDir == "" {
		t.Fatalf("slurm-up.sh printed %q", env)
	}
	t.Cleanup(func() {
		start := time.Now()
		if out, err := exec.Command(filepath.Join(scripts, "slurm-down.sh"), slurmDir).CombinedOutput(); err != nil {
			t.Errorf("slurm-down.sh: %v\n%s", err, out)
		}
		t.Logf("slurm down in %.1f s", time.Since(start).Seconds())
	})
	t.Logf("slurm up in %.1f s", time.Since(start).Seconds())
	cmd := func(name string, args ...string) *exec.Cmd {
		c := exec.Command(name, args...)
		c.Dir = dir
		c.Env = append(os.Environ(), "SLURM_CONF="+conf)
		return c
	}

	inPath := shardInput(t, dir, 600, 500)
	for _, mode := range []string{"reflect", "wrap", "constant"} {
		args := []string{"-e", "median(values)", "--size", "5x3", "--mode", mode, "--cval", "0.25", "--origin", "1"}
		want, got := filepath.Join(dir, mode+"-want.npy"), filepath.Join(dir, mode+"-got.npy")
		if out, err := cmd(bin, append(args, "--quiet", inPath, want)...).CombinedOutput(); err != nil {
			t.Fatalf("single run: %v\n%s", err, out)
		}
		script, err := cmd(bin, append(append([]string{"plan", "--shards", "4"}, args...), inPath, got)...).Output()
		if err != nil {
			t.Fatalf("plan: %v", err)
		}
		job := filepath.Join(dir, mode+".sh")
		if err := os.WriteFile(job, script, 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		id, err := cmd("sbatch", "--parsable", job).Output()
		if err != nil {
			t.Fatalf("sbatch: %v", err)
		}
		jid := strings.TrimSpace(string(id))
		for {
			q, err := cmd("timeout", "10", "squeue", "-h", "-j", jid, "-o", "%i %T").Output()
			if err != nil {
				t.Fatalf("squeue: %v", err)
			}
			if strings.TrimSpace(string(q)) == "" {
				break
			}
			if time.Since(start) > 90*time.Second {
				t.Fatalf("job %s still queued after 90 s:\n%s", jid, q)
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Logf("%s: the 4-task array %s ran in %.1f s (sbatch to an empty queue)", mode, jid, time.Since(start).Seconds())
		if out, err := cmd(bin, "verify", got).CombinedOutput(); err != nil || !strings.Contains(string(out), "all 4 shards done") {
			logs, _ := filepath.Glob(filepath.Join(got+".kfilter-shards", "slurm-*.out"))
			for _, l := range logs {
				b, _ := os.ReadFile(l)
				t.Logf("%s:\n%s", l, b)
			}
			t.Fatalf("verify: %v\n%s", err, out)
		}
		a, _ := os.ReadFile(want)
		b, _ := os.ReadFile(got)
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: the output of the Slurm array differs from the single run", mode)
		}
	}
}
