#!/usr/bin/env bash
# Benchmark of `connector-doctor tenant-attribution` on a generated folder of SMTP Send protocol
# logs (~1 GB, ~10 MB files, several connectors, a renewal followed by 5.7.64 replies).
# Measures throughput (MB/s) and maximum RSS, and times `grep -c 'Certificate thumbprint'` on the
# same files for comparison. Both run on a warm page cache (the files are read once first).
# Prints the ratio of the two times (target: at most 2x grep, at least 1 GB/s, RSS under 100 MB).
# Usage: bench/tenant/run.sh [SIZE_MB] (default 1024); BENCH_DIR overrides the folder.
# bench/tenant/run.sh --stress: a 1 GB file that is one single line, and 10 million tiny
# sessions in one file (3.3 GB), both streamed through a named pipe: both must finish with
# bounded memory.
set -euo pipefail
SIZE_MB=${1:-1024}
DIR=${BENCH_DIR:-/tmp/connector-doctor-bench-${SIZE_MB}}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$ROOT/target/release/connector-doctor"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "install GNU time: apt-get install -y time" >&2; exit 2; }

# The command line alone: the log reader is the same, and the build skips the GUI crates.
(cd "$ROOT" && cargo build --release --quiet --no-default-features --bin connector-doctor)

if [ "${1:-}" = "--stress" ]; then
    # Both inputs are streamed through named pipes (`--log` reads a FIFO as it comes): 4 GB
    # of test data never touch the disk, and the reader cannot cheat by seeking.
    S=$(mktemp -d /tmp/connector-doctor-stress.XXXXXX)
    trap 'rm -rf "$S"' EXIT
    mkfifo "$S/one-line.LOG" "$S/tiny.LOG"
    one-line() { head -c 1073741824 /dev/zero | tr '\0' 'x'; }
    tiny() {
        python3 - <<'PY'
import sys
out = sys.stdout
out.write("#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n"
          "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n")
batch = []
for n in range(10_000_000):
    sid = f"{n:016X}"
    batch.append(f"2026-10-05T09:00:00.000Z,Outbound to Office 365,{sid},0,10.0.0.12:41000,40.107.22.36:25,+,,\r\n"
                 f"2026-10-05T09:00:00.001Z,Outbound to Office 365,{sid},1,10.0.0.12:41000,40.107.22.36:25,>,MAIL FROM:<a@contoso.com>,\r\n"
                 f"2026-10-05T09:00:00.002Z,Outbound to Office 365,{sid},2,10.0.0.12:41000,40.107.22.36:25,-,,Local\r\n")
    if len(batch) == 10_000:
        out.write("".join(batch))
        batch.clear()
out.write("".join(batch))
PY
    }
    for case in one-line tiny; do
        "$case" > "$S/$case.LOG" &
        writer=$!
        out=$(mktemp)
        set +e
        "$TIME" -v -o "$out" "$BIN" tenant-attribution --log "$S/$case.LOG" --tls-sender-certificate-name mail.contoso.com \
            --format json --lang en > "$S/$case.json" 2> "$S/$case.err"
        set -e
        wait "$writer" 2>/dev/null || true
        awk -F': ' -v c="$case" '/Elapsed \(wall clock\)/ {w=$2} /Maximum resident set size/ {r=$2} /Exit status/ {e=$2}
            END {printf "%-10s %s wall, max RSS %.1f MB, exit %s", c, w, r/1024, e}' "$out"
        python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); l=d.get("log") or {}; print(", %s bytes read, %s sessions, %s warnings" % (l.get("bytes_read"), l.get("sessions"), len(d.get("warnings") or [])))' "$S/$case.json" 2>/dev/null \
            || echo ": $(head -n 1 "$S/$case.err" | cut -c 1-160)"
        rm -f "$out"
    done
    exit 0
fi
if [ ! -f "$DIR.complete" ]; then
    rm -rf "$DIR"
    python3 "$ROOT/bench/tenant/gen.py" "$DIR" "$SIZE_MB"
    touch "$DIR.complete"
fi
BYTES=$(find "$DIR" -name '*.LOG' -printf '%s\n' | awk '{s+=$1} END {print s}')
FILES=$(find "$DIR" -name '*.LOG' | wc -l)
cat "$DIR"/*.LOG > /dev/null   # warm the page cache

measure() { # label, command...
    local label=$1; shift
    local out; out=$(mktemp)
    set +e
    "$TIME" -v "$@" > /dev/null 2> "$out"
    set -e
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out")
    local secs
    secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    awk -v l="$label" -v b="$BYTES" -v s="$secs" -v r="$rss" \
        'BEGIN { printf "%-28s %7.2f s  %8.0f MB/s  max RSS %6.1f MB\n", l, s, (s > 0 ? b/1e6/s : 0), r/1024 }'
    rm -f "$out"
    LAST_SECS=$secs
}

echo "$FILES files, $(awk -v b="$BYTES" 'BEGIN {printf "%.0f", b/1e6}') MB in $DIR ($(nproc) cores)"
BEST=
for run in 1 2 3; do
    measure "tenant-attribution (run $run)" "$BIN" tenant-attribution --log "$DIR" \
        --send-connector "Outbound to Office 365" --tls-sender-certificate-name mail.contoso.com \
        --format json --lang en
    BEST=$(awk -v a="${BEST:-$LAST_SECS}" -v b="$LAST_SECS" 'BEGIN {print (b < a ? b : a)}')
done
# GNU grep stops at the first match when its output is /dev/null: write the counts to a file.
COUNTS=$(mktemp)
measure "grep -c 'Certificate thumbprint'" sh -c "grep -c 'Certificate thumbprint' \"$DIR\"/*.LOG > $COUNTS"
rm -f "$COUNTS"
awk -v t="$BEST" -v g="$LAST_SECS" 'BEGIN { if (g > 0) printf "ratio: best tenant-attribution run / grep = %.2fx (target <= 2)\n", t/g }'
echo "--- what the tool found (text output, first lines)"
"$BIN" tenant-attribution --log "$DIR" --send-connector "Outbound to Office 365" \
    --tls-sender-certificate-name mail.contoso.com --lang en | head -14 || true
