#!/usr/bin/env bash
# Benchmark of `connector-doctor check --all-profiles` (a script, not a test; issue 12 item 4):
# 200 saved connectors of 2 hosts each; half of them point at silent servers (they accept TCP
# and never speak), half at a small SMTP server; timeout 3 s. Target: the whole run ends in
# under 10 s (one connector after another would take 100 x 3 s = 300 s).
# Needs only what a user has: the release binary, bash and python3 (for the listeners).
# Usage: bash bench/all-profiles/run.sh   (BIN=/path/to/connector-doctor to use another binary;
# CONNECTORS=200 RUNS=3 TIMEOUT=3 change the figures).
set -euo pipefail
cd "$(dirname "$0")/../.."

CONNECTORS="${CONNECTORS:-200}"
RUNS="${RUNS:-3}"
TIMEOUT="${TIMEOUT:-3}"
if [[ -z "${BIN:-}" ]]; then
    cargo build --release --quiet
    BIN="$PWD/target/release/connector-doctor"
fi

WORK="$(mktemp -d)"
cleanup() {
    [[ -n "${LISTENER:-}" ]] && kill "$LISTENER" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# Four listeners on 127.0.0.1: two silent, two speaking SMTP (no STARTTLS: the connectors are
# opportunistic, so they pass with a warning). Ports are printed on one line when ready.
python3 - >"$WORK/ports" <<'PY' &
import asyncio, sys

async def silent(reader, writer):
    try:
        await reader.read()          # never answer; hold the connection until the client leaves
    finally:
        writer.close()

async def smtp(reader, writer):
    writer.write(b"220 bench.test ESMTP\r\n")
    try:
        while True:
            await writer.drain()
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-bench.test\r\n250 8BITMIME\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 2.0.0 bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"250 2.0.0 OK\r\n")
    finally:
        writer.close()

async def main():
    servers = []
    for handler in (silent, silent, smtp, smtp):
        servers.append(await asyncio.start_server(handler, "127.0.0.1", 0, backlog=1024))
    print(" ".join(str(s.sockets[0].getsockname()[1]) for s in servers), flush=True)
    await asyncio.Event().wait()

asyncio.run(main())
PY
LISTENER=$!
for _ in $(seq 50); do [[ -s "$WORK/ports" ]] && break; sleep 0.1; done
read -r S1 S2 P1 P2 <"$WORK/ports"

# The saved connectors, as the wizard saves them (CONNECTOR_DOCTOR_HOME/config/profiles).
export CONNECTOR_DOCTOR_HOME="$WORK/home"
mkdir -p "$CONNECTOR_DOCTOR_HOME/config/profiles"
for i in $(seq -w 1 "$CONNECTORS"); do
    if (( 10#$i % 2 )); then a=$S1; b=$S2; kind=silent; else a=$P1; b=$P2; kind=smtp; fi
    cat >"$CONNECTOR_DOCTOR_HOME/config/profiles/bench-$i.json" <<JSON
{"schema_version":1,"kind":"connector-doctor-connector","name":"bench $i ($kind)",
 "connector":{"name":"bench $i ($kind)","smart_hosts":["127.0.0.1:$a","127.0.0.1:$b"],
 "recipient_domains":["bench.test"],"tls_settings":"opportunistic","test_address":"user@bench.test"}}
JSON
done

echo "connectors: $CONNECTORS (half silent), 2 hosts each, timeout ${TIMEOUT} s, $(nproc) cores"
for run in $(seq "$RUNS"); do
    for history in keep none; do
        flags=(--all-profiles --timeout "$TIMEOUT" --format json --lang en)
        [[ $history == none ]] && flags+=(--no-history)
        start=$EPOCHREALTIME
        set +e
        "$BIN" check "${flags[@]}" >"$WORK/out.json" 2>"$WORK/err.txt"
        status=$?
        set -e
        end=$EPOCHREALTIME
        summary=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); c=d["counts"]; print("%d connectors, %d passed, %d failed" % (c["connectors"], c["passed"], c["failed"]))' "$WORK/out.json")
        printf 'run %s, history %-4s: %s s wall, exit %s (%s)\n' \
            "$run" "$history" "$(python3 -c "print(f'{$end - $start:.2f}')")" "$status" "$summary"
    done
    rm -rf "$CONNECTOR_DOCTOR_HOME/data"
done
