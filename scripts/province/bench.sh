#!/usr/bin/env bash
# Province-scale benchmark (issue #10): 1,000 sites × 1,000 articles on PostgreSQL, two Loa instances
# behind nginx, uncached article pages, category listings and searches measured with wrk.
#   scripts/province/bench.sh BINARY
# Environment (all optional):
#   DATABASE_URL      use this (migrated or empty) database instead of a throwaway cluster; the province is
#                     generated only when it is not there yet
#   PROVINCE_SITES / PROVINCE_ARTICLES   size of the generated province (default 1000 / 1000)
#   BENCH_DURATION    wrk duration per workload (default 20s); BENCH_CONNECTIONS (default 32)
# Prints generation time, database size, and per workload: requests/s, p50, p99, errors, and the page
# cache hit rate read from both instances' /metrics. Not a test: it prints figures.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 BINARY" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "$1")
sites=${PROVINCE_SITES:-1000}
articles=${PROVINCE_ARTICLES:-1000}
duration=${BENCH_DURATION:-20s}
connections=${BENCH_CONNECTIONS:-32}
export DEBIAN_FRONTEND=noninteractive

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

work=$(mktemp -d /tmp/loa-province-XXXXXX)
chmod 755 "$work"
pg_dir=""
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -n "$pg_dir" ] && "$root/scripts/ci/postgres.sh" stop "$pg_dir" >/dev/null 2>&1 || true
  [ -n "${LOA_PROVINCE_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${DATABASE_URL:-}" ]; then
  pg_dir=$work/pg
  pg_port=$(free_port)
  "$root/scripts/ci/postgres.sh" start "$pg_dir" "$pg_port" >/dev/null
  export DATABASE_URL=postgres://loa@127.0.0.1:$pg_port/loa_test
  # A server sized for the data set rather than the test default (128 MB shared buffers).
  psql "$DATABASE_URL" -XqAt -c "ALTER SYSTEM SET shared_buffers = '2GB'" -c "ALTER SYSTEM SET effective_cache_size = '8GB'" \
    -c "ALTER SYSTEM SET max_wal_size = '8GB'" -c "ALTER SYSTEM SET checkpoint_timeout = '30min'"
  "$root/scripts/ci/postgres.sh" stop "$pg_dir" >/dev/null
  "$root/scripts/ci/postgres.sh" resume "$pg_dir" "$pg_port" >/dev/null
  echo "province: throwaway PostgreSQL $(psql "$DATABASE_URL" -XAtc 'SHOW server_version') on :$pg_port (shared_buffers 2GB)"
fi

metrics_token=province-bench-metrics-token-0123456789
export LOA_DATA_DIR=$work/data LOA_TRUSTED_PROXIES=127.0.0.1 LOG_LEVEL=warning LOA_ARTICLE_AUDIO=off \
  LOA_METRICS_TOKEN=$metrics_token
nginx_port=$(free_port)
export LOA_BASE_URL=http://127.0.0.1:$nginx_port

start_instance() { # name port -> pid in $started_pid
  "$bin" serve --hostname 127.0.0.1 --port "$2" >"$work/loa-$1.log" 2>&1 &
  started_pid=$!
  pids+=("$started_pid")
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$2/readyz" >/dev/null && return 0
    kill -0 "$started_pid" 2>/dev/null || { echo "province: instance $1 exited:" >&2; tail -20 "$work/loa-$1.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "province: instance $1 not ready after 120 s" >&2; exit 1
}

"$bin" migrate >/dev/null
# First start seeds the demo world (the province unit and categories the generator copies).
port_a=$(free_port)
start_instance first "$port_a"
kill "$started_pid"; wait "$started_pid" 2>/dev/null || true; pids=()

if [ "$(psql "$DATABASE_URL" -XAtc "SELECT count(*) FROM units WHERE code LIKE 'PROV-%'")" = 0 ]; then
  python3 "$root/scripts/province/generate.py" "$DATABASE_URL" --sites "$sites" --articles "$articles"
else
  echo "province: the database already holds a generated province; not generating again"
fi

# The generator's folding checked against Loa's own: three generated articles imported through
# `loa import` into a demo site must get the same search rows.
psql "$DATABASE_URL" -XAt -c "
  SELECT row_to_json(t) FROM (
    SELECT 'province-check-' || a.slug AS external_id, 'tan-thoi' AS site, 'thong-bao' AS category, 'Thông báo' AS category_name,
           a.title, a.summary, a.body, a.author_name AS author,
           to_char(a.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS published_at, '[]'::json AS tags
    FROM articles a WHERE a.id IN (md5('loa-province-article-1-1')::uuid, md5('loa-province-article-500-77')::uuid,
                                   md5('loa-province-article-$sites-$articles')::uuid)) t" >"$work/check.jsonl"
"$bin" import articles "$work/check.jsonl" >/dev/null 2>&1
psql "$DATABASE_URL" -XAt -c "
  SELECT count(*) || ' of ' || (SELECT count(*) FROM articles WHERE external_id LIKE 'province-check-%')
         || ' imported copies have the generated search rows (title_folded, exact_text, folded)'
  FROM articles x JOIN search_documents a ON a.article_id = x.id
  JOIN articles y ON y.title = x.title AND y.body = x.body AND y.id <> x.id AND y.external_id IS NULL
  JOIN search_documents b ON b.article_id = y.id
  WHERE x.external_id LIKE 'province-check-%'
    AND a.title_folded = b.title_folded AND a.exact_text = b.exact_text AND a.folded = b.folded" | sed 's/^/province: folding check: /'
echo "province: database $(psql "$DATABASE_URL" -XAtc "SELECT pg_size_pretty(pg_database_size(current_database())) || ': ' ||
  (SELECT count(*) FROM sites) || ' sites, ' || (SELECT count(*) FROM articles) || ' articles; articles ' ||
  pg_size_pretty(pg_total_relation_size('articles')) || ', search_documents ' || pg_size_pretty(pg_total_relation_size('search_documents'))")"

# Request lists over the generated sites: random among everything, so the page cache (5,000 entries per instance) rarely helps.
psql "$DATABASE_URL" -XAt -c "
  SELECT '/xa/' || s.slug || '/tin-tuc/' || a.slug FROM articles a JOIN sites s ON s.id = a.site_id
  JOIN units u ON u.id = s.unit_id WHERE u.code LIKE 'PROV-%' AND a.status = 'published' ORDER BY md5(a.id::text || 'province-bench') LIMIT 50000" >"$work/article.paths"
psql "$DATABASE_URL" -XAt -c "
  SELECT '/xa/' || s.slug || '/chuyen-muc/' || c.slug || CASE WHEN p > 1 THEN '?trang=' || p ELSE '' END
  FROM sites s JOIN categories c ON c.site_id = s.id CROSS JOIN generate_series(1, 5) p
  JOIN units u ON u.id = s.unit_id WHERE u.code LIKE 'PROV-%'
  ORDER BY md5(s.slug || c.slug || p)" >"$work/listing.paths"
python3 - "$work" <<'PY'
import random, subprocess, sys, os, urllib.parse
work = sys.argv[1]
random.seed(10)
# Query words as citizens type them, with and without diacritics; some common, some rare.
words = ["cải cách hành chính", "cai cach", "dịch vụ công", "dich vu cong truc tuyen", "nông thôn mới", "nong thon",
         "khai sinh", "kết hôn", "phòng cháy chữa cháy", "phong chay", "hộ nghèo", "ho ngheo can ngheo", "thủy sản",
         "thuy san ben vung", "bảo hiểm y tế", "bao hiem", "đăng ký thường trú", "dang ky thuong tru", "tiêm chủng",
         "tiem chung tre em", "dừa xen ca cao", "dua", "chuyển đổi số", "chuyen doi so", "quy chế dân chủ", "pháp luật",
         "phap luat", "khuyến học", "khuyen hoc", "môi trường", "rac thai", "giấy chứng nhận quyền sử dụng đất",
         "đất đai", "hội thi", "tập huấn", "tap huan mot cua", "trưởng ấp", "moi thau", "cau giao thong", "tôm càng xanh",
         "ho so dung han", "thiên tai", "an ninh", "đoàn thanh niên", "hoi nong dan", "phu nu", "tram y te", "truyen thanh"]
slugs = [line.split("/")[2] for line in open(os.path.join(work, "listing.paths")) if line.strip()]
slugs = sorted(set(slugs))
with open(os.path.join(work, "search.paths"), "w") as f:
    for _ in range(50000):
        f.write(f"/xa/{random.choice(slugs)}/tim-kiem?q={urllib.parse.quote_plus(random.choice(words))}\n")
with open(os.path.join(work, "search-all.paths"), "w") as f:
    for _ in range(50000):
        f.write(f"/xa/{random.choice(slugs)}/tim-kiem?q={urllib.parse.quote_plus(random.choice(words))}&pham-vi=tat-ca\n")
PY
echo "province: request lists: $(wc -l <"$work/article.paths") articles, $(wc -l <"$work/listing.paths") listing pages, $(wc -l <"$work/search.paths") searches"
cat >"$work/random.lua" <<'LUA'
-- Each request: a random path from the list file given after "--".
local paths = {}
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1000000) + #tostring({}))
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
LUA

# Two instances and nginx (deploy/nginx/loa.conf, as scripts/cluster/two-instances.py runs it).
port_a=$(free_port); port_b=$(free_port)
start_instance A "$port_a"; pid_a=$started_pid
start_instance B "$port_b"; pid_b=$started_pid
# nginx serves /static/ from the bundle beside the binary, or from the sources when the binary was copied alone.
public_dir=$(ls -d "$(dirname "$bin")"/*_App.resources/Resources/Public 2>/dev/null | head -1 || true)
[ -n "$public_dir" ] || public_dir=$root/Sources/App/Resources/Public
config=$(python3 - "$root" "$work" "$port_a" "$port_b" "$nginx_port" "$public_dir" <<'PY'
import importlib.util, os, sys
root, work, a, b, port, public = sys.argv[1:]
spec = importlib.util.spec_from_file_location("two_instances", os.path.join(root, "scripts", "cluster", "two-instances.py"))
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(module.nginx_config(work, [int(a), int(b)], int(port), public))
PY
)
"$nginx_bin" -c "$config"
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$nginx_port/" >/dev/null && break; sleep 0.1; done
echo "province: instances A :$port_a and B :$port_b behind nginx :$nginx_port (LOA_DB_POOL_SIZE ${LOA_DB_POOL_SIZE:-8} each)"

cache_counts() { # prints "hits misses" summed over both instances
  local h=0 m=0 line v
  for port in "$port_a" "$port_b"; do
    while read -r line; do
      v=${line##* }; v=${v%.*}
      case $line in loa_page_cache_hits_total*) h=$((h + v)) ;; loa_page_cache_misses_total*) m=$((m + v)) ;; esac
    done < <(curl -fs -H "Authorization: Bearer $metrics_token" "http://127.0.0.1:$port/metrics" | grep -E '^loa_page_cache_(hits|misses)_total')
  done
  echo "$h $m"
}

printf '%-11s %9s %9s %9s %9s %8s %8s  %s\n' workload req/s p50_ms p90_ms p99_ms requests errors "page cache hits"
run_wrk() { # label paths-file
  local out before after
  before=$(cache_counts)
  out=$(wrk -t2 -c"$connections" -d"$duration" --timeout 10s --latency -s "$work/random.lua" "http://127.0.0.1:$nginx_port" -- "$2")
  after=$(cache_counts)
  echo "$out" >"$work/wrk-$1.txt"
  python3 - "$1" "$before" "$after" "$out" <<'PY'
import re, sys
label, before, after, out = sys.argv[1:]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
requests = int(re.search(r"(\d+) requests in", out).group(1))
def lat(p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\b", out, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
non2xx = int((re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out) or [0, 0])[1])
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
errors = non2xx + (sum(map(int, sock.groups())) if sock else 0)
h0, m0 = map(int, before.split()); h1, m1 = map(int, after.split())
hits, misses = h1 - h0, m1 - m0
rate = f"{100 * hits / (hits + misses):.1f} % ({hits}/{hits + misses})" if hits + misses else "n/a"
detail = f"  [non-2xx {non2xx}" + (f", socket {sock.group(0)[15:]}" if sock else "") + "]" if errors else ""
print(f"{label:11s} {rps:9.1f} {lat(50):9.2f} {lat(90):9.2f} {lat(99):9.2f} {requests:8d} {errors:8d}  {rate}{detail}", flush=True)
PY
}
run_wrk article "$work/article.paths"
run_wrk listing "$work/listing.paths"
run_wrk search "$work/search.paths"
run_wrk search-all "$work/search-all.paths"
for pid in "$pid_a" "$pid_b"; do
  echo "province: instance pid $pid peak memory $(( $(grep VmHWM /proc/$pid/status | awk '{print $2}') / 1024 )) MB"
done
errors=$(grep -ciE 'error|critical' "$work/loa-A.log" "$work/loa-B.log" | awk -F: '{s+=$2} END {print s+0}')
echo "province: ($connections connections, $duration per workload, wrk -t2 through nginx; $errors error lines in the instances' logs)"
