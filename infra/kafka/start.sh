#!/usr/bin/env bash
# Start a single-node Apache Kafka broker (KRaft, broker+controller) from the
# official jars on Maven Central -- no Docker. See README.md beside this file.
#
#   export KAFKA_DATA_DIR=$(mktemp -d)
#   BROKERS=$(infra/kafka/start.sh | tail -1)      # -> 127.0.0.1:PORT
#   ...
#   infra/kafka/stop.sh
#
# Env:
#   KAFKA_PORT            client port (default: the port remembered in KAFKA_DATA_DIR,
#                         else a free port found now)
#   KAFKA_DATA_DIR        broker state (default: a fresh temp dir). An already formatted
#                         dir is reused as is, on the same ports, keeping topics and offsets.
#   KAFKA_LIB_DIR         jar cache (default: infra/kafka/target/lib)
#   KAFKA_START_TIMEOUT   seconds to wait for readiness (default: 120)
#   KAFKA_JAVA_OPTS       extra JVM options (default heap: -Xmx512m)
#
# The LAST line on stdout is 127.0.0.1:PORT; everything else goes to stderr.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB_DIR="${KAFKA_LIB_DIR:-$SCRIPT_DIR/target/lib}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"

log() { echo "[kafka] $*" >&2; }
die() { echo "[kafka] ERROR: $*" >&2; exit 1; }

command -v java >/dev/null || die "java not found (Java 17+ needed)"

# ---------------------------------------------------------------- jars (once)
fetch_jars() {
  # The marker holds the pom's checksum: editing the pom (e.g. another Kafka
  # version) refetches instead of silently running the old jars.
  local want
  want="$(sha256sum "$SCRIPT_DIR/pom.xml" | cut -d' ' -f1)"
  [[ "$(cat "$LIB_DIR/.complete" 2>/dev/null)" == "$want" ]] && return 0
  mkdir -p "$(dirname "$LIB_DIR")"
  # Serialise concurrent first runs (the loser waits, then finds the cache).
  exec 8>"$LIB_DIR.lock"
  flock 8
  if [[ "$(cat "$LIB_DIR/.complete" 2>/dev/null)" != "$want" ]]; then
    if [[ ! -f "$LIB_DIR/.complete" ]] && compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null; then
      log "using the jars already in $LIB_DIR (not fetched by this script)"
    else
      command -v mvn >/dev/null || die "mvn not found and no jar cache at $LIB_DIR"
      log "fetching broker jars with Maven into $LIB_DIR (first run only) ..."
      local t0=$SECONDS tmp="$LIB_DIR.tmp.$$"
      rm -rf "$tmp"
      # (Debian's Maven 3.8 prints bare ESC[0m codes even with -q -B: strip them.)
      if ! mvn -q -B -Dstyle.color=never -f "$SCRIPT_DIR/pom.xml" dependency:copy-dependencies \
          -DincludeScope=runtime -DoutputDirectory="$tmp" 2>&1 </dev/null | sed 's/\x1b\[[0-9;]*m//g' >&2; then
        rm -rf "$tmp"
        die "mvn dependency:copy-dependencies failed"
      fi
      compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || die "no kafka_2.13 jar in $tmp"
      mkdir -p "$LIB_DIR"
      rm -f "$LIB_DIR/.complete" "$LIB_DIR"/*.jar   # never mix two versions on one classpath
      mv -f "$tmp"/*.jar "$LIB_DIR"/
      rm -rf "$tmp"
      echo "$want" >"$LIB_DIR/.complete"           # last: only a complete cache is trusted
      log "jars fetched in $((SECONDS - t0)) s"
    fi
  fi
  flock -u 8
  exec 8>&-
}

# ---------------------------------------------------------------- helpers
# Print N distinct free TCP ports on 127.0.0.1 (all held open while choosing).
free_ports() {
  local n=$1
  if command -v node >/dev/null; then
    node -e '
      const net = require("net"); const n = +process.argv[1]; const s = [];
      (function next() {
        if (s.length === n) { console.log(s.map(x => x.address().port).join(" ")); s.forEach(x => x.close()); return; }
        const srv = net.createServer(); srv.listen(0, "127.0.0.1", () => { s.push(srv); next(); });
      })();' "$n"
  elif command -v python3 >/dev/null; then
    python3 -c '
import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))' "$n"
  else
    local out=() p
    while ((${#out[@]} < n)); do
      p=$((20000 + RANDOM % 40000))
      port_open "$p" || [[ " ${out[*]} " == *" $p "* ]] || out+=("$p")
    done
    echo "${out[*]}"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A real Kafka round trip: ApiVersions v0 (api key 18, correlation id 1, null
# client id) must come back with correlation id 1 and error code 0.
kafka_answers() {
  local reply
  reply=$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x00\x00\x00\x0a\x00\x12\x00\x00\x00\x00\x00\x01\xff\xff" >&3
    dd bs=1 count=10 <&3 2>/dev/null | od -An -tx1 | tr -d " \n"' _ "$1" 2>/dev/null) || return 1
  [[ "${reply:8:12}" == "000000010000" ]]
}

alive() {  # pid -> true if running (a zombie counts as dead)
  [[ -n "$1" && -r "/proc/$1/stat" ]] || return 1
  [[ "$(sed -E 's/.*\) (.).*/\1/' "/proc/$1/stat" 2>/dev/null)" != Z ]]
}

is_our_broker() {  # pid -> true if it is a kafka.Kafka running on this data dir's config
  local pid=$1
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $CFG"
}

# ---------------------------------------------------------------- data dir & ports
if [[ -z "${KAFKA_DATA_DIR:-}" ]]; then
  KAFKA_DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/kafka-data.XXXXXX")"
  log "KAFKA_DATA_DIR not set; using fresh $KAFKA_DATA_DIR (stop with: KAFKA_DATA_DIR=$KAFKA_DATA_DIR $SCRIPT_DIR/stop.sh)"
fi
mkdir -p "$KAFKA_DATA_DIR"
DATA="$(cd "$KAFKA_DATA_DIR" && pwd)"
CFG="$DATA/server.properties"
PORTS_FILE="$DATA/ports"
PID_FILE="$DATA/kafka.pid"
LOG_FILE="$DATA/kafka.log"
LOG_DIRS="$DATA/kraft-logs"

# Already running on this data dir? Then just report it.
if [[ -f "$PID_FILE" ]]; then
  old_pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  if is_our_broker "$old_pid"; then
    # shellcheck disable=SC1090
    source "$PORTS_FILE"
    log "broker already running (pid $old_pid) on 127.0.0.1:$KAFKA_PORT"
    kafka_answers "$KAFKA_PORT" || die "running broker (pid $old_pid) does not answer on $KAFKA_PORT; stop it with stop.sh"
    echo "127.0.0.1:$KAFKA_PORT"
    exit 0
  fi
  rm -f "$PID_FILE"
fi

fetch_jars

REQ_PORT="${KAFKA_PORT:-}"
CONTROLLER_PORT=""
if [[ -f "$PORTS_FILE" ]]; then
  # shellcheck disable=SC1090
  KAFKA_PORT="" ; source "$PORTS_FILE"           # KAFKA_PORT, CONTROLLER_PORT remembered from before
  if [[ -n "$REQ_PORT" && "$REQ_PORT" != "$KAFKA_PORT" ]]; then
    log "KAFKA_PORT=$REQ_PORT overrides the remembered port $KAFKA_PORT"
    KAFKA_PORT="$REQ_PORT"
  fi
else
  read -r p1 p2 < <(free_ports 2)
  KAFKA_PORT="${REQ_PORT:-$p1}"
  CONTROLLER_PORT="$p2"
  [[ "$CONTROLLER_PORT" == "$KAFKA_PORT" ]] && CONTROLLER_PORT="$p1"
fi
AUTO_PORTS=0; [[ ! -f "$PORTS_FILE" && -z "$REQ_PORT" ]] && AUTO_PORTS=1

write_config() {
  printf 'KAFKA_PORT=%s\nCONTROLLER_PORT=%s\n' "$KAFKA_PORT" "$CONTROLLER_PORT" >"$PORTS_FILE"
  cat >"$CFG" <<EOF
# Generated by infra/kafka/start.sh on every start -- edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${KAFKA_PORT}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=${LOG_DIRS}
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
# Single node: internal topics must have replication factor 1, or consumer
# groups never find a coordinator and transactions never start.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# 50 partitions each (the defaults) made the first consumer group join take
# ~5 s on a loaded 2-CPU machine, and every restart reload them all.
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# After a kill -9 the restarted controller still remembers the old broker
# registration and refuses the new one (DUPLICATE_BROKER_REGISTRATION) until the
# old session expires: 9 s by default made a restart take ~17 s. Broker and
# controller share one JVM here, so a short session cannot cause false fencing.
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=2500
auto.create.topics.enable=true
delete.topic.enable=true
EOF
}

format_if_needed() {
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then
    log "reusing formatted data dir $DATA (ports $KAFKA_PORT/$CONTROLLER_PORT)"
    return 0
  fi
  local cid
  cid="$(cat "$DATA/cluster.id" 2>/dev/null || true)"
  if [[ -z "$cid" ]]; then
    # Same as `kafka.tools.StorageTool random-uuid` (16 random bytes, base64url,
    # unpadded, not starting with '-') without paying for one more JVM start.
    cid="-"
    while [[ "$cid" == -* || ${#cid} -ne 22 ]]; do
      cid="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    done
    echo "$cid" >"$DATA/cluster.id"
  fi
  log "formatting $LOG_DIRS (cluster id $cid)"
  java -XX:TieredStopAtLevel=1 -cp "$LIB_DIR/*" kafka.tools.StorageTool format -t "$cid" -c "$CFG" >>"$DATA/format.log" 2>&1 \
    || { tail -20 "$DATA/format.log" >&2; die "StorageTool format failed"; }
}

launch() {
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"
  # setsid + no inherited stdio: the broker outlives this script and does not
  # hold the caller's pipe open (BROKERS=$(start.sh | tail -1) returns).
  # The child closes any other inherited fds, writes its own pid, then execs java.
  # shellcheck disable=SC2086,SC2016
  setsid bash -c '
    fds=(/proc/$$/fd/*)   # no redirection on this loop: bash would save fd 2 in a fd we then close
    for f in "${fds[@]}"; do n=${f##*/}; if ((n > 2)); then eval "exec $n>&-"; fi; done
    echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
    java -Xmx512m -Xms128m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd\'T\'HH:mm:ss.SSS \
    ${KAFKA_JAVA_OPTS:-} \
    -cp "$LIB_DIR/*" kafka.Kafka "$CFG" \
    </dev/null >"$LOG_FILE" 2>&1 &
  local i
  for i in $(seq 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
}

# Returns 0 when ready, 1 when the process died, 2 on timeout.
wait_ready() {
  local pid deadline=$((SECONDS + START_TIMEOUT))
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  while ((SECONDS < deadline)); do
    alive "$pid" || return 1
    if grep -q "Kafka Server started" "$LOG_FILE" 2>/dev/null && kafka_answers "$KAFKA_PORT"; then
      return 0
    fi
    sleep 0.5
  done
  return 2
}

t0=$SECONDS
for attempt in 1 2 3; do
  write_config
  format_if_needed
  log "starting broker on 127.0.0.1:$KAFKA_PORT (controller $CONTROLLER_PORT), log $LOG_FILE"
  launch
  rc=0; wait_ready || rc=$?
  if ((rc == 0)); then
    log "broker ready in $((SECONDS - t0)) s (pid $(cat "$PID_FILE"), data $DATA)"
    echo "127.0.0.1:$KAFKA_PORT"
    exit 0
  fi
  if ((rc == 1)) && ((AUTO_PORTS)) && ((attempt < 3)) && grep -q "Address already in use" "$LOG_FILE"; then
    log "port taken meanwhile; retrying on fresh ports"
    rm -f "$PID_FILE"
    read -r KAFKA_PORT CONTROLLER_PORT < <(free_ports 2)
    continue
  fi
  break
done

if ((rc == 2)); then
  log "broker not ready after ${START_TIMEOUT}s; stopping it"
  KAFKA_DATA_DIR="$DATA" "$SCRIPT_DIR/stop.sh" >&2 || true
else
  rm -f "$PID_FILE"
fi
{
  echo "----- last 40 lines of $LOG_FILE -----"
  tail -40 "$LOG_FILE" || true
  echo "----- ERROR/FATAL lines of $LOG_FILE (first 10) -----"
  grep -E " (ERROR|FATAL) " "$LOG_FILE" | head -10 | cut -c1-400 || true
} >&2
die "Kafka broker failed to start"
