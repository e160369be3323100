#!/bin/sh
# Benchmark of the desktop wizard (a script, not a test), under Xvfb with Mesa's software GL:
#   1. process start to the first `ui` call (CONNECTOR_DOCTOR_FIRST_FRAME_EXIT prints its time),
#      best and median of RUNS starts;
#   2. resident memory (VmRSS) with the window idle on the Hosts page, and CPU used over IDLE_SECS;
#   3. VmRSS after a 20-host run against local fake SMTP servers, and idle CPU on its Results page.
# Targets: first frame < 0.5 s, RSS < 150 MB, idle CPU ~0.
#
# BIN=path overrides the binary (default: target/release/connector-doctor, built if missing).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
RUNS=${RUNS:-7}
IDLE_SECS=${IDLE_SECS:-10}

work=$(mktemp -d)
fixture_pid=""
xvfb_pid=""
app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    touch "$work/fixture.stop" 2>/dev/null || true
    [ -n "$fixture_pid" ] && wait "$fixture_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -z "${BIN:-}" ]; then
    [ -x target/release/connector-doctor ] || cargo build --release --quiet
    BIN="$repo/target/release/connector-doctor"
fi

cargo test --quiet --no-run --test gui >/dev/null 2>&1
GUI_FIXTURE_OUT="$work/fixture" cargo test --quiet --test gui -- --ignored --exact gui_fixture::serve_fixture_servers \
    >"$work/fixture.log" 2>&1 &
fixture_pid=$!
for _ in $(seq 1 300); do [ -s "$work/fixture" ] && break; sleep 0.1; done
[ -s "$work/fixture" ] || { echo "the test servers did not start" >&2; exit 1; }
. "$work/fixture"

display=":$(( 80 + $$ % 9 ))"
Xvfb "$display" -screen 0 960x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1
export DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1 CONNECTOR_DOCTOR_HOME="$work/home"
tick=$(getconf CLK_TCK)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# draft HOSTS_JSON: a form with those smart hosts.
draft() {
    mkdir -p "$work/home/config"
    cat >"$work/home/config/draft.json" <<EOF
{
  "version": 1,
  "lang": "en",
  "connector": { "smart_hosts": $1, "tls_settings": "certificate-validation",
                 "test_address": "jane@test.example" },
  "options": { "timeout_secs": 10 },
  "recipient_domains_text": "test.example",
  "ca_file_text": "$CA_FILE"
}
EOF
}

# idle_cpu PID: percent of one core used over IDLE_SECS.
idle_cpu() {
    before=$(cpu_ticks "$1")
    sleep "$IDLE_SECS"
    after=$(cpu_ticks "$1")
    awk -v d=$((after - before)) -v t="$tick" -v s="$IDLE_SECS" \
        'BEGIN { printf "%.2f%% (%d ticks of 1/%d s in %d s)", 100 * d / t / s, d, t, s }'
}

echo "binary: $BIN ($(du -h "$BIN" | cut -f1))"
echo "machine: $(nproc) cores, $(uname -sr), software OpenGL under Xvfb"

# 1. First frame.
draft "[\"$GOOD\"]"
times=""
for _ in $(seq 1 "$RUNS"); do
    start=$(now_ms)
    first=$(CONNECTOR_DOCTOR_FIRST_FRAME_EXIT=1 "$BIN" 2>/dev/null | sed -n 's/^first-ui-unix-ms=//p')
    [ -n "$first" ] || { echo "no first-frame time printed" >&2; exit 1; }
    times="$times $((first - start))"
done
sorted=$(echo "$times" | tr ' ' '\n' | grep . | sort -n)
echo "first frame (process start -> first ui call), $RUNS runs, ms: $(echo $sorted)"
echo "  best $(echo "$sorted" | head -1) ms, median $(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p") ms"

# 2. Idle on the Hosts page.
CONNECTOR_DOCTOR_START_PAGE=hosts "$BIN" 2>/dev/null &
app_pid=$!
sleep 3
echo "idle (Hosts page): RSS $(rss_mb $app_pid) MB; CPU over ${IDLE_SECS}s: $(idle_cpu $app_pid)"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""

# 3. A 20-host run, then idle on its Results page.
hosts=$(echo "$MANY" | awk -F, '{ for (i = 1; i <= NF; i++) printf "%s\"%s\"", (i > 1 ? ", " : ""), $i }')
draft "[$hosts]"
CONNECTOR_DOCTOR_AUTORUN=1 CONNECTOR_DOCTOR_REPORT_RUN=1 "$BIN" 2>"$work/run.log" &
app_pid=$!
for _ in $(seq 1 600); do grep -q run-finished "$work/run.log" && break; sleep 0.1; done
grep -q run-finished "$work/run.log" || { echo "the 20-host run did not finish" >&2; exit 1; }
echo "20-host run: $(grep run-finished "$work/run.log")"
sleep 2
echo "after the run (Results page): RSS $(rss_mb $app_pid) MB; CPU over ${IDLE_SECS}s: $(idle_cpu $app_pid)"
echo "  peak RSS (VmHWM): $(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' /proc/$app_pid/status) MB"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
