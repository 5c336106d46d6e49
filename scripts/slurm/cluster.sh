#!/usr/bin/env bash
# Single-node SLURM cluster for tests, inside a container without systemd (Debian 12, root).
#
#   scripts/slurm/cluster.sh start  STATE_DIR   # install if missing, configure, start, wait until idle
#   scripts/slurm/cluster.sh stop   STATE_DIR   # cancel jobs, kill exactly the daemons started here
#   scripts/slurm/cluster.sh status STATE_DIR   # daemons, sinfo; exit 0 only when the node answers
#   scripts/slurm/cluster.sh env    STATE_DIR   # prints `export SLURM_CONF=...` for eval
#
# Everything lives under STATE_DIR: slurm.conf, the munge key and socket, spool, state, logs and
# pid files. Nothing in /etc is written: the daemons take `-f STATE_DIR/slurm.conf` and the client
# commands (sinfo, sbatch, squeue, scontrol) need `SLURM_CONF=STATE_DIR/slurm.conf` in their
# environment (see `env`). munged runs on its own socket (STATE_DIR/munge/munge.socket, named in
# slurm.conf by AuthInfo/CredType), so a system munged, if any, is neither used nor disturbed.
#
# Environment:
#   SLURM_CTLD_PORT (6817), SLURM_D_PORT (6818)   ports, to run two clusters side by side
#   SLURM_START_TIMEOUT (60)                      seconds to wait for the node to be idle
#
# `start` is idempotent: when the daemons of STATE_DIR are alive it only waits for the node.
# A start that fails prints the daemons' logs, stops what it started and exits non-zero.
set -euo pipefail

usage() { echo "usage: $0 start|stop|status|env STATE_DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
CMD=$1
mkdir -p "$2"
STATE=$(cd "$2" && pwd)
CONF=$STATE/slurm.conf
MUNGE_DIR=$STATE/munge
MUNGE_SOCKET=$MUNGE_DIR/munge.socket
CTLD_PORT=${SLURM_CTLD_PORT:-6817}
D_PORT=${SLURM_D_PORT:-6818}
TIMEOUT=${SLURM_START_TIMEOUT:-60}
NODE=$(hostname -s)
export SLURM_CONF=$CONF

log() { echo "cluster.sh: $*" >&2; }

# ---------------------------------------------------------------------------------------------
install_packages() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null \
    && command -v munged >/dev/null; then
    return 0
  fi
  [ "$(id -u)" -eq 0 ] || { log "slurm-wlm/munge missing and not root: cannot apt-get install"; exit 1; }
  log "installing slurm-wlm and munge with apt-get (first time only)"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the packages' maintainer scripts from starting daemons of their own (no systemd here;
  # an init script could still start munged/slurmd with /etc's configuration).
  local policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  local rc=0
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; } || rc=$?
  [ -z "$policy_added" ] || rm -f /usr/sbin/policy-rc.d
  [ $rc -eq 0 ] || { log "apt-get install slurm-wlm munge failed ($rc)"; exit 1; }
}

# ---------------------------------------------------------------------------------------------
node_line() {
  # `slurmd -C` prints the node's real topology and memory as a slurm.conf line.
  local line
  line=$(slurmd -C 2>/dev/null | grep '^NodeName=' | head -n1 || true)
  if [ -n "$line" ]; then
    # keep the topology, drop UpTime, name the node after `hostname -s`
    line=$(echo "$line" | tr ' ' '\n' | grep -E '^(CPUs|Boards|SocketsPerBoard|CoresPerSocket|ThreadsPerCore|RealMemory)=' | tr '\n' ' ')
    echo "NodeName=$NODE NodeAddr=127.0.0.1 $line State=UNKNOWN"
  else
    local mem
    mem=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
    echo "NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem State=UNKNOWN"
  fi
}

write_config() {
  mkdir -p "$STATE"/{spool/slurmd,state,log,run} "$MUNGE_DIR"
  # munged insists that everyone may traverse to its socket (x for all); the key stays 0400.
  chmod 755 "$STATE" "$MUNGE_DIR"
  local tmp=$CONF.tmp
  cat >"$tmp" <<EOF
# Written by scripts/slurm/cluster.sh for a single-node test cluster; do not edit by hand.
ClusterName=optimize-test
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$D_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
# No systemd, no cgroup delegation in a container: track jobs by process group, bind nothing.
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
# Cores as consumable resources, memory not: two one-CPU array tasks run at once on two CPUs.
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
# Keep finished jobs visible to scontrol for a while (no accounting database here).
MinJobAge=600
StateSaveLocation=$STATE/state
SlurmdSpoolDir=$STATE/spool/slurmd
SlurmctldPidFile=$STATE/run/slurmctld.pid
SlurmdPidFile=$STATE/run/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
$(node_line)
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
  mv "$tmp" "$CONF"
}

# ---------------------------------------------------------------------------------------------
pid_alive() { # pidfile expected-command-name
  local f=$1 name=$2 pid
  [ -s "$f" ] || return 1
  pid=$(cat "$f")
  [ -d "/proc/$pid" ] || return 1
  # a zombie (killed, not yet reaped by init) is not alive
  [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" != Z ] || return 1
  # guard against a reused pid
  grep -q "$name" "/proc/$pid/comm" 2>/dev/null
}

show_logs() {
  local f
  for f in "$MUNGE_DIR/munged.log" "$STATE/log/slurmctld.log" "$STATE/log/slurmd.log" \
    "$STATE/log/slurmctld.out" "$STATE/log/slurmd.out"; do
    [ -s "$f" ] || continue
    echo "----- $f (last 40 lines)" >&2
    tail -n 40 "$f" >&2
  done
}

fail() {
  log "ERROR: $*"
  show_logs
  log "stopping what was started"
  do_stop || true
  exit 1
}

start_munged() {
  if pid_alive "$MUNGE_DIR/munged.pid" munged; then return 0; fi
  if [ ! -s "$MUNGE_DIR/munge.key" ]; then
    log "creating munge key $MUNGE_DIR/munge.key"
    if command -v mungekey >/dev/null; then
      mungekey --create --keyfile="$MUNGE_DIR/munge.key"
    else
      dd if=/dev/urandom of="$MUNGE_DIR/munge.key" bs=1024 count=1 status=none
    fi
  fi
  chmod 400 "$MUNGE_DIR/munge.key"
  rm -f "$MUNGE_SOCKET" "$MUNGE_SOCKET.lock"
  munged --socket="$MUNGE_SOCKET" --key-file="$MUNGE_DIR/munge.key" \
    --pid-file="$MUNGE_DIR/munged.pid" --log-file="$MUNGE_DIR/munged.log" \
    --seed-file="$MUNGE_DIR/munged.seed" \
    || fail "munged did not start"
  for _ in $(seq 1 50); do
    if munge -n -S "$MUNGE_SOCKET" 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  fail "munged does not answer on $MUNGE_SOCKET"
}

start_daemon() { # name
  local name=$1
  if pid_alive "$STATE/run/$name.pid" "$name"; then return 0; fi
  # Daemonizes itself and writes its pid file; SLURM_CONF in its environment marks its children
  # (slurmstepd) as ours for `stop`.
  "$name" -f "$CONF" >"$STATE/log/$name.out" 2>&1 || fail "$name exited with status $?"
  for _ in $(seq 1 50); do
    if pid_alive "$STATE/run/$name.pid" "$name"; then return 0; fi
    sleep 0.1
  done
  fail "$name wrote no pid file / is not running"
}

wait_idle() {
  local deadline=$((SECONDS + TIMEOUT)) state=""
  while [ $SECONDS -lt $deadline ]; do
    pid_alive "$STATE/run/slurmctld.pid" slurmctld || fail "slurmctld died"
    pid_alive "$STATE/run/slurmd.pid" slurmd || fail "slurmd died"
    state=$(sinfo -h -n "$NODE" -o '%T' 2>/dev/null | head -n1 || true)
    case "$state" in
      idle | mixed | allocated) return 0 ;;
      drain* | down*)
        # A node left down by a previous run of the same STATE_DIR comes back with RESUME.
        scontrol update NodeName="$NODE" State=RESUME >/dev/null 2>&1 || true ;;
    esac
    sleep 0.5
  done
  fail "node $NODE not idle after ${TIMEOUT}s (last state: '${state:-no answer}')"
}

do_start() {
  install_packages
  local started=0 t0=$SECONDS
  if ! pid_alive "$STATE/run/slurmctld.pid" slurmctld || ! pid_alive "$STATE/run/slurmd.pid" slurmd; then
    write_config
    started=1
  fi
  start_munged
  start_daemon slurmctld
  start_daemon slurmd
  wait_idle
  if [ $started -eq 1 ]; then
    log "cluster up in $((SECONDS - t0))s: node $NODE idle; export SLURM_CONF=$CONF"
  else
    log "already running: node $NODE idle; export SLURM_CONF=$CONF"
  fi
}

# ---------------------------------------------------------------------------------------------
kill_pidfile() { # pidfile name
  local f=$1 name=$2 pid
  pid_alive "$f" "$name" || { rm -f "$f"; return 0; }
  pid=$(cat "$f")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    [ -d "/proc/$pid" ] || { rm -f "$f"; return 0; }
    sleep 0.1
  done
  log "$name ($pid) ignored SIGTERM for 10s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.2
  rm -f "$f"
}

# slurmstepd processes started by this cluster's slurmd (they inherit its SLURM_CONF and outlive
# it when it is killed), and all their descendants (the jobs' processes).
our_leftovers() {
  local p pid ppid stepds=() all
  for p in /proc/[0-9]*; do
    [ "$(cat "$p/comm" 2>/dev/null)" = slurmstepd ] || continue
    tr '\0' '\n' <"$p/environ" 2>/dev/null | grep -qx "SLURM_CONF=$CONF" && stepds+=("${p#/proc/}")
  done
  [ ${#stepds[@]} -gt 0 ] || return 0
  all=" ${stepds[*]} "
  # parent links of every process, then the closure below the stepds
  local table
  table=$(for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    ppid=$(awk '{ print $4 }' "$p/stat" 2>/dev/null) && echo "$pid $ppid"
  done)
  local grew=1
  while [ $grew -eq 1 ]; do
    grew=0
    while read -r pid ppid; do
      if [[ "$all" == *" $ppid "* ]] && [[ "$all" != *" $pid "* ]]; then all+="$pid "; grew=1; fi
    done <<<"$table"
  done
  # shellcheck disable=SC2086 # collapse the spaces
  echo $all
}

do_stop() {
  if [ -f "$CONF" ] && pid_alive "$STATE/run/slurmctld.pid" slurmctld; then
    local jobs
    jobs=$(squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ' || true)
    if [ -n "${jobs// /}" ]; then
      log "cancelling jobs: $jobs"
      # shellcheck disable=SC2086
      scancel $jobs 2>/dev/null || true
      for _ in $(seq 1 40); do
        [ -z "$(squeue -h -o '%A' 2>/dev/null || true)" ] && break
        sleep 0.25
      done
    fi
  fi
  kill_pidfile "$STATE/run/slurmd.pid" slurmd
  kill_pidfile "$STATE/run/slurmctld.pid" slurmctld
  local left
  left=$(our_leftovers)
  if [ -n "$left" ]; then
    log "killing leftover slurmstepd processes and their jobs: $left"
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null || true
  fi
  kill_pidfile "$MUNGE_DIR/munged.pid" munged
  rm -f "$MUNGE_SOCKET" "$MUNGE_SOCKET.lock"
}

do_status() {
  local rc=0 d
  for d in munged slurmctld slurmd; do
    local f=$STATE/run/$d.pid
    [ $d = munged ] && f=$MUNGE_DIR/munged.pid
    if pid_alive "$f" "$d"; then echo "$d: running (pid $(cat "$f"))"; else echo "$d: not running"; rc=1; fi
  done
  if [ $rc -eq 0 ]; then
    sinfo -N -o '%N %T %c %m' || rc=1
    squeue || true
  fi
  return $rc
}

case "$CMD" in
  start) do_start ;;
  stop) do_stop ;;
  status) do_status ;;
  env) echo "export SLURM_CONF=$CONF" ;;
  *) usage ;;
esac
