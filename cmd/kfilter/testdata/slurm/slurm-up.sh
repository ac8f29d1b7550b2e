#!/usr/bin/env bash
# slurm-up.sh [DIR] -- start a private, single-node Slurm cluster (munged +
# slurmctld + slurmd) under DIR (default: a fresh mktemp dir), without systemd,
# on free ports, with no accounting and no cgroups.
#
# kfilter's TestSlurm (KFILTER_SLURM=1, run by .ci/run) runs its job arrays
# here. Adapted from the session's ../shared/cluster scripts, which record the
# pitfalls handled below.
# Needs: apt-get install -y --no-install-recommends slurmd slurmctld slurm-client munge
# Prints shell to eval on stdout:   eval "$(slurm-up.sh)"
#   export SLURM_CONF=DIR/etc/slurm.conf SLURM_TEST_DIR=DIR
# Stop with: slurm-down.sh DIR   (kills only the PIDs recorded in DIR/pids)
set -euo pipefail

D=${1:-$(mktemp -d /tmp/slurm-ci.XXXXXX)}
mkdir -p "$D"
D=$(cd "$D" && pwd)
[ -z "$(ls -A "$D")" ] || { echo "slurm-up: $D is not empty" >&2; exit 1; }
HERE=$(cd "$(dirname "$0")" && pwd)
ready=
# on any failure, stop whatever was started here and remove $D
trap '[ -n "$ready" ] || "$HERE/slurm-down.sh" "$D"' EXIT
NODE=${SLURM_TEST_NODE:-localhost}   # slurmctld accepts "localhost" or this host's short name only
CPUS=${SLURM_TEST_CPUS:-2}
log() { echo "slurm-up: $*" >&2; }

# munged refuses a socket whose directory (and every parent) is not o+x,
# and a key that is readable by group/other.
chmod 711 "$D"
mkdir -p "$D/munge" "$D/munge-key" "$D/etc" "$D/log" "$D/state" "$D/spool/slurmd" "$D/out"
chmod 711 "$D/munge"
chmod 700 "$D/munge-key"
: > "$D/pids"

free_port() {   # a TCP port on which nothing listens now
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}
CTLD_PORT=${SLURM_TEST_CTLD_PORT:-$(free_port)}
SLURMD_PORT=${SLURM_TEST_SLURMD_PORT:-$(free_port)}
while [ "$SLURMD_PORT" = "$CTLD_PORT" ]; do SLURMD_PORT=$(free_port); done

# --- munge -----------------------------------------------------------------
mungekey --create --keyfile="$D/munge-key/munge.key" >/dev/null 2>&1 ||
  { dd if=/dev/urandom of="$D/munge-key/munge.key" bs=1024 count=1 status=none; }
chmod 600 "$D/munge-key/munge.key"
SOCK="$D/munge/munge.socket"
munged --foreground --key-file="$D/munge-key/munge.key" --socket="$SOCK" \
  --pid-file="$D/munge/munged.pid" --log-file="$D/log/munged.log" \
  --seed-file="$D/munge-key/munged.seed" >"$D/log/munged.out" 2>&1 &
echo "munged $!" >> "$D/pids"
for _ in $(seq 1 50); do [ -S "$SOCK" ] && break; sleep 0.1; done
munge -S "$SOCK" -n | unmunge -S "$SOCK" >/dev/null ||
  { log "munged did not come up:"; cat "$D/log/munged.out" "$D/log/munged.log" >&2; exit 1; }

# --- slurm.conf --------------------------------------------------------------
cat > "$D/etc/slurm.conf" <<EOF
ClusterName=kfci
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool/slurmd
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
# start the next array tasks as soon as CPUs free up (default delay is ~3 s)
SchedulerParameters=batch_sched_delay=0,sched_min_interval=100000
SlurmdParameters=config_overrides
ReturnToService=2
MailProg=/bin/true
KillWait=5
InactiveLimit=0
MinJobAge=300
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=ci Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF

export SLURM_CONF="$D/etc/slurm.conf"

# --- daemons (foreground mode, backgrounded here so that $! is the daemon) -----
slurmctld -D -c -i -f "$SLURM_CONF" >"$D/log/slurmctld.out" 2>&1 &
echo "slurmctld $!" >> "$D/pids"
slurmd -D -f "$SLURM_CONF" -N "$NODE" >"$D/log/slurmd.out" 2>&1 &
echo "slurmd $!" >> "$D/pids"

# --- wait (at most 30 s) until the node is idle; fail fast if a daemon died ------
ok= state= why=
deadline=$(( SECONDS + ${SLURM_TEST_START_TIMEOUT:-30} ))
while [ $SECONDS -lt $deadline ]; do
  for name in munged slurmctld slurmd; do
    pid=$(awk -v n=$name '$1==n{print $2}' "$D/pids")
    kill -0 "$pid" 2>/dev/null || why="$name exited"
  done
  [ -n "$why" ] && break
  state=$(timeout 3 sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
  [ "$state" = idle ] && { ok=1; break; }
  sleep 0.1
done
if [ -z "$ok" ]; then
  log "cluster did not become ready (${why:-timeout}; node state '${state:-}'); logs in $D/log:"
  tail -n 5 "$D"/log/*.out >&2 || true
  exit 1
fi
ready=1
log "ready: node $NODE ($CPUS CPUs), slurmctld :$CTLD_PORT, slurmd :$SLURMD_PORT, dir $D"
printf 'export SLURM_CONF=%q SLURM_TEST_DIR=%q\n' "$SLURM_CONF" "$D" | tee "$D/env"
