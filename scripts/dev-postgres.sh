#!/usr/bin/env bash
# Developer PostgreSQL for running the test suite against PostgreSQL locally.
#   scripts/dev-postgres.sh start|stop|status
# Data lives in ./.pg (gitignored), port 54329, user "loa" with trust auth on
# 127.0.0.1 only. As root the server runs as the "postgres" system user (initdb
# refuses root); otherwise as you. Reuses an existing cluster on start.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$PWD/.pg
port=${LOA_DEV_PG_PORT:-54329}
url=postgres://loa@127.0.0.1:$port

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -x "$bindir/pg_ctl" ] || { echo "no PostgreSQL server found: apt-get install postgresql" >&2; exit 1; }
if [ "$(id -u)" -eq 0 ]; then run() { runuser -u postgres -- "$@"; }; else run() { "$@"; }; fi

case ${1:-} in
  start)
    if [ -f "$dir/PG_VERSION" ]; then
      # Existing cluster: just start it (if not already running).
      run "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1 \
        || run "$bindir/pg_ctl" -D "$dir" -w -l "$dir/log" start \
             -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=500" >/dev/null
    else
      scripts/ci/postgres.sh start "$dir" "$port"
      run "$bindir/createdb" -h 127.0.0.1 -p "$port" -U loa loa   # for DATABASE_URL (dev server)
    fi
    echo "PostgreSQL running on 127.0.0.1:$port (data: $dir). Use:"
    echo "  LOA_TEST_POSTGRES_URL=$url/loa_test swift test"
    echo "  DATABASE_URL=$url/loa"
    ;;
  stop) scripts/ci/postgres.sh stop "$dir" ;;
  status) run "$bindir/pg_ctl" -D "$dir" status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
