#!/usr/bin/env bash
# Benchmark of `connector-doctor tenant-attribution` on a generated folder of SMTP Send protocol
# logs (~1 GB, ~10 MB files, several connectors, a renewal followed by 5.7.64 replies).
# Measures throughput (MB/s) and maximum RSS, and times `grep -c 'Certificate thumbprint'` on the
# same files for comparison. Both run on a warm page cache (the files are read once first).
# Usage: bench/tenant/run.sh [SIZE_MB] (default 1024); BENCH_DIR overrides the folder.
set -euo pipefail
SIZE_MB=${1:-1024}
DIR=${BENCH_DIR:-/tmp/connector-doctor-bench-${SIZE_MB}}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$ROOT/target/release/connector-doctor"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "install GNU time: apt-get install -y time" >&2; exit 2; }

(cd "$ROOT" && cargo build --release --quiet)
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
}

echo "$FILES files, $(awk -v b="$BYTES" 'BEGIN {printf "%.0f", b/1e6}') MB in $DIR ($(nproc) cores)"
for run in 1 2 3; do
    measure "tenant-attribution (run $run)" "$BIN" tenant-attribution --log "$DIR" \
        --send-connector "Outbound to Office 365" --tls-sender-certificate-name mail.contoso.com \
        --format json --lang en
done
# GNU grep stops at the first match when its output is /dev/null: write the counts to a file.
COUNTS=$(mktemp)
measure "grep -c 'Certificate thumbprint'" sh -c "grep -c 'Certificate thumbprint' \"$DIR\"/*.LOG > $COUNTS"
rm -f "$COUNTS"
echo "--- what the tool found (text output, first lines)"
"$BIN" tenant-attribution --log "$DIR" --send-connector "Outbound to Office 365" \
    --tls-sender-certificate-name mail.contoso.com --lang en | head -14 || true
