#!/usr/bin/env bash
# Ten seconds of a demo station's stream, captured with ffmpeg as any player would receive it (issue #11).
#   scripts/radio-capture.sh [BINARY] [OUT.mp3]     (default .build/debug/loa, radio-capture.mp3)
# Starts a throwaway Icecast (Debian's icecast2) and Loa on a fresh demo world on loopback, waits for the
# district station's bulletin to be rendered, gives it a slot at the next minute (as a clerk would in the
# back office), and records the district mount while it airs; then prints ffprobe's view of the file and
# its mean level, and the capture command. Not a test: CI's tests do the same on a throwaway Icecast.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/loa}
out=${2:-radio-capture.mp3}
mount=/huyen-tan-phu-dong.mp3
for tool in icecast2 ffmpeg ffprobe espeak-ng sqlite3 curl python3; do
  command -v "$tool" >/dev/null || { echo "radio-capture: $tool not installed" >&2; exit 1; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
work=$(mktemp -d)
chmod 777 "$work"
ice_port=$(free_port)
loa_port=$(free_port)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

owner=""
[ "$(id -u)" = 0 ] && owner="<security><chroot>0</chroot><changeowner><user>nobody</user><group>nogroup</group></changeowner></security>"
cat >"$work/icecast.xml" <<XML
<icecast>
  <limits><clients>20</clients><sources>16</sources><source-timeout>10</source-timeout></limits>
  <authentication><source-password>nguon-thu</source-password><admin-user>admin</admin-user><admin-password>quan-tri-thu</admin-password></authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>$ice_port</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>$work</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
  <logging><errorlog>icecast.log</errorlog><loglevel>2</loglevel></logging>
  $owner
</icecast>
XML
chmod 644 "$work/icecast.xml"
icecast2 -c "$work/icecast.xml" >/dev/null 2>&1 &
pids+=($!)

export LOA_DATA_DIR=$work/data LOA_BASE_URL=http://127.0.0.1:$loa_port LOG_LEVEL=warning LOA_ARTICLE_AUDIO=off
export LOA_ICECAST_URL=icecast://source:nguon-thu@127.0.0.1:$ice_port
"$bin" serve --hostname 127.0.0.1 --port "$loa_port" >"$work/loa.log" 2>&1 &
pids+=($!)
db=$work/data/loa.sqlite
station_sql="SELECT id FROM radio_stations WHERE mount = '$mount'"
for _ in $(seq 1 300); do
  done=$(sqlite3 "$db" "SELECT COUNT(*) FROM radio_bulletins WHERE station_id = ($station_sql) AND render_status = 'done' AND state = 'approved'" 2>/dev/null || echo 0)
  [ "${done:-0}" -gt 0 ] && break
  sleep 0.5
done
[ "${done:-0}" -gt 0 ] || { echo "radio-capture: the demo bulletin was not rendered; Loa's log:" >&2; tail -n 30 "$work/loa.log" >&2; exit 1; }

# A slot at the next minute in Vietnam's time, for the district's rendered bulletin.
slot=$(TZ=Asia/Ho_Chi_Minh date -d "+1 minute" +%H:%M)
slot_id=$(python3 -c 'import uuid; print(str(uuid.uuid4()).upper())')   # ids are stored as text, as Loa writes them
sqlite3 "$db" "INSERT INTO radio_slots (id, station_id, bulletin_id, label, time_of_day, repeats, dates, duration_seconds, priority, includes_subtree, created_at)
  SELECT '$slot_id', station_id, id, 'Bản tin thử', '$slot', 'daily', '', duration_seconds, 0, 0, NULL FROM radio_bulletins
  WHERE station_id = ($station_sql) AND render_status = 'done' AND state = 'approved' LIMIT 1"
start=$(TZ=Asia/Ho_Chi_Minh date -d "$slot" +%s)
echo "radio-capture: slot at $slot (Asia/Ho_Chi_Minh) on $mount; waiting $((start - $(date +%s) + 3)) s"
sleep $((start - $(date +%s) + 3))

command=(ffmpeg -nostdin -hide_banner -loglevel error -y -t 10 -i "http://127.0.0.1:$ice_port$mount" -c copy "$out")
echo "radio-capture: ${command[*]}"
"${command[@]}"
ffprobe -v error -show_entries format=duration,bit_rate:stream=codec_name,sample_rate,channels -of default=nw=1 "$out"
ffmpeg -nostdin -hide_banner -i "$out" -af volumedetect -f null - 2>&1 | grep -E "mean_volume|max_volume"
sqlite3 "$db" "SELECT 'as-run: ' || result || ', ' || origin || ', planned ' || datetime(planned_start, 'unixepoch') || ' UTC' FROM radio_as_run WHERE station_id = ($station_sql) ORDER BY planned_start DESC LIMIT 1"
