#!/usr/bin/env bash
# Stop the broker that infra/kafka/start.sh started on KAFKA_DATA_DIR.
# SIGTERM (clean shutdown), wait up to KAFKA_STOP_TIMEOUT seconds (default 30),
# then SIGKILL. Does nothing, successfully, when it is not running.
# The data dir is kept: start.sh on it again brings the same broker back.
set -euo pipefail

DATA_DIR="${KAFKA_DATA_DIR:-${1:-}}"
[[ -n "$DATA_DIR" ]] || { echo "[kafka] ERROR: set KAFKA_DATA_DIR (or pass it as \$1)" >&2; exit 2; }
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

if [[ ! -d "$DATA_DIR" ]]; then
  echo "[kafka] no data dir $DATA_DIR; nothing to stop" >&2
  exit 0
fi
DATA="$(cd "$DATA_DIR" && pwd)"
PID_FILE="$DATA/kafka.pid"
CFG="$DATA/server.properties"

pid="$(cat "$PID_FILE" 2>/dev/null || true)"
alive() {  # a zombie (exited, not yet reaped) counts as dead
  [[ -r "/proc/$pid/stat" ]] && [[ "$(sed -E 's/.*\) (.).*/\1/' "/proc/$pid/stat" 2>/dev/null)" != Z ]]
}
# Only signal the pid if it still is our broker (pids get recycled).
if [[ -z "$pid" || ! -r "/proc/$pid/cmdline" ]] \
   || ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $CFG"; then
  echo "[kafka] not running ($DATA)" >&2
  rm -f "$PID_FILE"
  exit 0
fi

echo "[kafka] stopping broker pid $pid ($DATA)" >&2
t0=$SECONDS
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + STOP_TIMEOUT))
while alive && ((SECONDS < deadline)); do sleep 0.2; done
if alive; then
  echo "[kafka] still alive after ${STOP_TIMEOUT}s; SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 100); do alive || break; sleep 0.1; done
fi
rm -f "$PID_FILE"
echo "[kafka] stopped in $((SECONDS - t0)) s" >&2
