#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, for the tests of `--executor slurm`:
#   scripts/slurm-local.sh up      install (apt, once), configure, start munged + slurmctld + slurmd, wait until idle
#   scripts/slurm-local.sh down    stop them; no process left behind
#   scripts/slurm-local.sh status  print sinfo
# Root only, without systemd; idempotent (`up` on a running cluster returns at once). Debian's
# Slurm 22.05: one node called "localhost" (the hostname need not resolve), this machine's CPUs
# and memory, no accounting storage (squeue is all the CLI needs), state under $SLURM_LOCAL_DIR.
set -euo pipefail

DIR=${SLURM_LOCAL_DIR:-/var/tmp/gpo-suite-slurm}
CONF=/etc/slurm/slurm.conf
MARK="# written by gpo-suite scripts/slurm-local.sh"

die() { echo "slurm-local: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (it installs packages and starts daemons)"

pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

install() {
  command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null &&
    command -v munged >/dev/null && return 0
  echo "slurm-local: installing slurmctld slurmd slurm-client munge (apt-get) ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 &&
      apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null; } ||
    die "could not install slurmctld slurmd slurm-client munge"
}

configure() {
  if [ -e "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
    die "$CONF exists and is not ours; refusing to overwrite a real cluster's configuration"
  fi
  mkdir -p "$DIR/state" "$DIR/spool" /etc/slurm
  local cpus mem
  cpus=$(nproc --all)
  mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 512 ))
  cat > "$CONF.tmp" <<EOF
$MARK
ClusterName=gposuite
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/slurmctld.log
SlurmdLogFile=$DIR/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/jobcomp.txt
DependencyParameters=kill_invalid_depend
MpiDefault=none
ReturnToService=2
SchedulerParameters=sched_interval=2
MinJobAge=300
KillWait=10
NodeName=localhost CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$CONF.tmp" "$CONF"
}

up() {
  install
  if pid_alive "$DIR/slurmctld.pid" && pid_alive "$DIR/slurmd.pid" && sinfo -h -o %t 2>/dev/null | grep -Eq '^(idle|mix|alloc)'; then
    return 0
  fi
  down quiet
  configure
  # munge: the package made its key; the daemon runs as the munge user.
  mkdir -p /run/munge /var/log/munge /var/lib/munge; chown munge:munge /run/munge /var/log/munge /var/lib/munge
  [ -s /etc/munge/munge.key ] || { mungekey -c >/dev/null 2>&1 || create-munge-key -f >/dev/null 2>&1; chown munge:munge /etc/munge/munge.key; }
  if ! pid_alive /run/munge/munged.pid; then
    runuser -u munge -- /usr/sbin/munged --force || die "munged did not start"
    touch "$DIR/munged.ours"
  fi
  rm -f "$DIR"/*.pid
  slurmctld -c || die "slurmctld did not start; see $DIR/slurmctld.log"
  slurmd -N localhost || die "slurmd did not start; see $DIR/slurmd.log"
  for _ in $(seq 1 60); do
    if sinfo -h -o %t 2>/dev/null | grep -Eq '^(idle|mix|alloc)$'; then return 0; fi
    sleep 0.5
  done
  sinfo >&2 || true
  die "the node did not become idle in 30 s; see $DIR/slurmctld.log and $DIR/slurmd.log"
}

# Stops what `up` started: our jobs first (so no element outlives the cluster), then the daemons.
down() {
  local p
  if pid_alive "$DIR/slurmctld.pid"; then
    scancel --full -u root 2>/dev/null || true
    for _ in $(seq 1 60); do [ -z "$(squeue -h -t PD,R,CG,S,CF,RQ,RS,SI,SO 2>/dev/null)" ] && break; sleep 0.5; done
  fi
  for f in slurmd slurmctld; do
    if pid_alive "$DIR/$f.pid"; then p=$(cat "$DIR/$f.pid"); kill "$p" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$p" 2>/dev/null || true
    fi
    rm -f "$DIR/$f.pid"
  done
  # The munge daemon, when we started it.
  if [ -e "$DIR/munged.ours" ] && pid_alive /run/munge/munged.pid; then
    p=$(cat /run/munge/munged.pid); kill "$p" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$p" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$DIR/munged.ours"
  [ "${1:-}" = quiet ] || echo "slurm-local: stopped" >&2
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) sinfo ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
