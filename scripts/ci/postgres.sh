#!/usr/bin/env bash
# Throwaway PostgreSQL cluster on loopback for tests.
#   postgres.sh start DIR PORT   -> initdb DIR (user "loa", trust auth), start it, create db loa_test
#   postgres.sh stop DIR         -> fast shutdown (no-op if not running)
#   postgres.sh resume DIR PORT  -> start a cluster made by "start" again (an outage drill's end)
# initdb refuses to run as root, so as root every server command runs as the
# "postgres" system user; DIR's parent must then be traversable by that user.
set -euo pipefail

usage() { echo "usage: $0 start DIR PORT | stop DIR | resume DIR PORT" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1 dir=$2

# Debian puts the server binaries outside PATH; take the newest installed major.
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -x "$bindir/initdb" ] || { echo "postgres.sh: no /usr/lib/postgresql/*/bin/initdb (install postgresql)" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# Loopback only; the unix socket goes into DIR (not /var/run/postgresql, which may not
# exist or belong to a system cluster). Durability is pointless for a throwaway cluster.
# The suite runs its tests in parallel, each app with its own connection pool: room for 500.
run_server() {
  as_pg "$bindir/pg_ctl" -D "$dir" -w -t 60 -l "$dir/log" start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" >/dev/null \
    || { echo "postgres.sh: pg_ctl start failed; log:" >&2; tail -n 30 "$dir/log" >&2 || true; exit 1; }
}

case $cmd in
  start)
    [ $# -eq 3 ] || usage
    port=$3
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir"
    chmod 700 "$dir"
    # C.UTF-8 is always present on Debian: no locale package needed.
    out=$(as_pg "$bindir/initdb" -D "$dir" -A trust -U loa --locale=C.UTF-8 -E UTF8 2>&1) \
      || { echo "$out" >&2; exit 1; }
    run_server
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U loa loa_test
    echo "postgres.sh: cluster $dir up on 127.0.0.1:$port (db loa_test, user loa)"
    ;;
  stop)
    # Only stop a cluster that is actually running, so this is safe in EXIT traps.
    if [ -f "$dir/postmaster.pid" ]; then
      as_pg "$bindir/pg_ctl" -D "$dir" -m fast -w -t 30 stop >/dev/null
      echo "postgres.sh: cluster $dir stopped"
    fi
    ;;
  resume)
    [ $# -eq 3 ] || usage
    port=$3
    run_server
    echo "postgres.sh: cluster $dir up again on 127.0.0.1:$port"
    ;;
  *) usage ;;
esac
