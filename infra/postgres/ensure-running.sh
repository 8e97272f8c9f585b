#!/usr/bin/env bash
# Makes sure the machine's PostgreSQL answers on 127.0.0.1:5432 (what the tests and the server
# profile use by default). When it does not, starts the cluster with the machine's own command
# (Debian's pg_ctlcluster, no systemd) and waits for it. Exits non-zero when it still does not
# answer, so that CI fails here, loudly, rather than in the middle of the tests.
set -euo pipefail

HOST="${PGHOST_CHECK:-127.0.0.1}"
PORT="${PGPORT_CHECK:-5432}"
WAIT_SECONDS="${PG_WAIT_SECONDS:-30}"

ready() { pg_isready -q -h "$HOST" -p "$PORT"; }

if ready; then
  echo "PostgreSQL answers on $HOST:$PORT"
  exit 0
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ]; then
  echo "PostgreSQL does not answer on $HOST:$PORT and there is no local cluster to start (pg_ctlcluster, /etc/postgresql)" >&2
  exit 1
fi

version="$(ls /etc/postgresql | sort -V | tail -n 1)"
echo "PostgreSQL does not answer on $HOST:$PORT: starting cluster $version/main"
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true

for _ in $(seq 1 "$WAIT_SECONDS"); do
  if ready; then
    echo "PostgreSQL answers on $HOST:$PORT"
    exit 0
  fi
  sleep 1
done

echo "PostgreSQL still does not answer on $HOST:$PORT after ${WAIT_SECONDS}s" >&2
pg_lsclusters >&2 || true
exit 1
