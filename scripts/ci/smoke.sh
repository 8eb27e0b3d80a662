#!/usr/bin/env bash
# Smoke test of a built server binary: start it on a fresh data folder, check the
# public pages over real HTTP and their accessibility (scripts/ci/a11y.sh), then SIGTERM
# it under load and require a clean exit.
#   scripts/ci/smoke.sh .build/release/loa
# Env: LOA_SMOKE_DIR  work folder (default: a new temp dir). When a caller (.ci/run)
#      sets it, the caller owns the folder and prints the server log on failure.
#      LOA_SMOKE_PORT port (default: a free one).
set -euo pipefail

bin=$(realpath "${1:?usage: $0 PATH/TO/loa}")
here=$(cd "$(dirname "$0")" && pwd)
work=${LOA_SMOKE_DIR:-$(mktemp -d)}
mkdir -p "$work"
port=${LOA_SMOKE_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
base=http://127.0.0.1:$port
log=$work/server.log
pid=

fail() { echo "smoke: FAIL: $*" >&2; exit 1; }

# Never leave the server running; show its log when something failed and no caller does.
cleanup() {
  local rc=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true  # reap quietly (no "Killed" job notice)
  fi
  if [ "$rc" -ne 0 ] && [ -z "${LOA_SMOKE_DIR:-}" ] && [ -f "$log" ]; then
    echo "---- server log (last 60 lines; kept in $work) ----" >&2; tail -n 60 "$log" >&2
  fi
  # Our own temp folder goes away on success; on failure it stays for inspection.
  if [ "$rc" -eq 0 ] && [ -z "${LOA_SMOKE_DIR:-}" ]; then rm -rf "$work"; fi
}
trap cleanup EXIT

# (a) Fresh data folder: proves first start (migrations, seed, admin bootstrap) works.
rm -rf "$work/data"
LOA_DATA_DIR=$work/data LOA_BASE_URL=$base "$bin" serve --hostname 127.0.0.1 --port "$port" \
  </dev/null >"$log" 2>&1 &
pid=$!
echo "$pid" >"$work/server.pid"
echo "smoke: started $bin (pid $pid) on $base, data in $work/data"

# (b) Wait for readiness; stop early if the process already died.
for i in $(seq 1 60); do
  curl -fsS -m 5 -o /dev/null "$base/healthz" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || fail "server exited during startup"
  [ "$i" -lt 60 ] || fail "/healthz not OK after 60 s"
  sleep 1
done

# (c) Public surface. get PATH FILE: body to FILE, headers to FILE.h, non-2xx fails.
get() { curl -fsS -m 30 -D "$2.h" -o "$2" "$base$1" || fail "GET $1 did not answer 2xx"; }
header() { grep -i "^$1:" "$2" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }

get / "$work/home"
header content-type "$work/home.h" | grep -qi 'text/html' || fail "/ is not text/html"
grep -q 'lang="vi"' "$work/home" || fail '/ has no lang="vi"'
for h in content-security-policy referrer-policy; do
  [ -n "$(header "$h" "$work/home.h")" ] || fail "/ lacks the $h header"
done
header x-content-type-options "$work/home.h" | grep -qi '^nosniff$' || fail "/ lacks X-Content-Type-Options: nosniff"

get /healthz "$work/health"
grep -Eq '"database" *: *"ok"' "$work/health" || fail "/healthz does not report \"database\":\"ok\": $(head -c 300 "$work/health")"

get /sitemap.xml "$work/sitemap"
header content-type "$work/sitemap.h" | grep -qi 'xml' || fail "/sitemap.xml is not served as XML"
grep -q '<urlset' "$work/sitemap" || fail "/sitemap.xml has no <urlset"
# First article URL; requested by path so a different host in LOA_BASE_URL can't matter.
article=$(grep -o '<loc>[^<]*</loc>' "$work/sitemap" | sed -e 's#</\?loc>##g' -e 's/&amp;/\&/g' \
  | grep -m 1 '/tin-tuc/' || true)
[ -n "$article" ] || fail "/sitemap.xml lists no URL containing /tin-tuc/ (no published article?)"
article_path=$(printf '%s' "$article" | sed 's#^[a-zA-Z]*://[^/]*##')
get "$article_path" "$work/article"

get /xa/tan-thoi/ "$work/commune"

# (c1) Procedures (issue #4): the CLI imports the project's fixtures into the running server's database
# (4 good records; 4 bad ones reported, so exit status 1), then the catalogue, a procedure page, its A4
# posting sheet (with the QR code when qrencode is installed) and the kiosk answer.
import_status=0
LOA_DATA_DIR=$work/data "$bin" import procedures "$here/../../Tests/Fixtures/procedures" --site tan-thoi \
  --decision 01/QĐ-UBND --decision-date 2026-01-05 >"$work/import" 2>&1 || import_status=$?
[ "$import_status" -eq 1 ] || fail "import procedures exited $import_status, expected 1: $(tail -n 5 "$work/import")"
grep -q '^procedures: 4 created' "$work/import" || fail "import procedures did not create 4 records: $(tail -n 3 "$work/import")"
get /xa/tan-thoi/thu-tuc-hanh-chinh "$work/catalogue"
grep -q '1.000101' "$work/catalogue" || fail "the catalogue does not list the imported procedure 1.000101"
get /xa/tan-thoi/thu-tuc-hanh-chinh/1.000101 "$work/procedure"
get /xa/tan-thoi/niem-yet/thu-tuc/1.000101 "$work/sheet"
if command -v qrencode >/dev/null; then grep -q '<svg' "$work/sheet" || fail "the posting sheet has no QR code"; fi
get '/xa/tan-thoi/tra-cuu-thu-tuc/ho-tich?quay=1' "$work/kiosk"
grep -q 'http-equiv="refresh"' "$work/kiosk" || fail "the desk screen's kiosk page does not return to its start"

code=$(curl -sS -m 30 -o "$work/missing" -w '%{http_code}' "$base/khong-ton-tai-xyz") || fail "GET /khong-ton-tai-xyz failed"
[ "$code" = 404 ] || fail "/khong-ton-tai-xyz answered $code, expected 404"
grep -q 'Không tìm thấy' "$work/missing" || fail "404 page is not the Vietnamese one (no \"Không tìm thấy\")"

grep -qi 'password' "$log" || fail "server log has no one-time administrator password line"
echo "smoke: pages OK (article $article_path)"

# (c2) Accessibility of the same server: axe-core (WCAG 2.x A/AA) in headless Chromium over
# the public pages, also at 320 px; any serious/critical violation fails the smoke test.
# a11y.sh installs Chromium and its Python packages first when they are missing.
"$here/a11y.sh" "$base" || fail "accessibility check (scripts/ci/a11y.sh) failed"

# (d) Drain under load on SIGTERM, (e) then the process must exit 0 on its own.
python3 "$here/graceful_stop.py" --port "$port" --pid "$pid" || fail "graceful stop dropped requests"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
kill -0 "$pid" 2>/dev/null && fail "server still running 30 s after SIGTERM"
status=0
wait "$pid" || status=$?
pid=
rm -f "$work/server.pid"  # gone: nobody may kill that (maybe reused) pid later
[ "$status" -eq 0 ] || fail "server exit status $status after SIGTERM, expected 0"
echo "smoke: server exited 0 after SIGTERM; all smoke checks passed"
