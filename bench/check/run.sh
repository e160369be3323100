#!/usr/bin/env bash
# Benchmark of `connector-doctor check` (a script, not a test; issue 2):
#  (a) against the loopback Postfix (STARTTLS + RCPT), timed against
#      `swaks --tls --quit-after RCPT` on the same listener: RUNS runs each, medians and ratio.
#      Target: connector-doctor takes at most half of swaks's wall time.
#  (b) 10 hosts of which 4 never answer (accept TCP, stay silent), timeout T:
#      total wall time should be about T, not 4 x T. Target: under T + 1 s.
# Needs: root, postfix, swaks, python3 (`bash .ci/run` installs them). Usage: bash bench/check/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS="${RUNS:-15}"
T="${T:-5}"

cargo build --release --quiet
BIN="$PWD/target/release/connector-doctor"
bash tests/postfix/setup.sh start >/dev/null
CA="${CD_POSTFIX_DIR:-/tmp/connector-doctor-postfix}/tls/ca.pem"
PORT="${CD_POSTFIX_PORT:-2525}"
export CONNECTOR_DOCTOR_HOME="$(mktemp -d)"

python3 - "$BIN" "$CA" "$PORT" "$RUNS" "$T" <<'PY'
import json, socket, statistics, subprocess, sys, threading, time

binary, ca, port, runs, T = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])

def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.perf_counter() - start, proc

doctor = [binary, "check", "--host", f"127.0.0.1:{port}", "--tls", "certificate-validation",
          "--ca-file", ca, "--test-address", "user@test.example", "--format", "json",
          "--no-history", "--lang", "en"]
swaks = ["swaks", "--server", f"127.0.0.1:{port}", "--to", "user@test.example",
         "--from", "bench@test.example", "--tls", "--quit-after", "RCPT", "--silent", "2"]

# Warm-up, and make sure both really did the whole exchange.
_, proc = timed(doctor)
report = json.loads(proc.stdout)
assert report["verdict"] == "pass", proc.stdout[:2000]
assert [s["step"] for s in report["steps"]] == ["resolve", "connect", "ehlo", "tls", "test-email"]
_, proc = timed(swaks)
assert proc.returncode == 0, proc.stderr

d_times, s_times = [], []
for _ in range(runs):  # interleaved, so both see the same machine load
    d_times.append(timed(doctor)[0])
    s_times.append(timed(swaks)[0])
d_med, s_med = statistics.median(d_times), statistics.median(s_times)
print(f"(a) {runs} runs each against Postfix 127.0.0.1:{port} (STARTTLS + RCPT)")
print(f"    connector-doctor check: median {d_med*1000:.1f} ms (min {min(d_times)*1000:.1f}, max {max(d_times)*1000:.1f})")
print(f"    swaks --tls --quit-after RCPT: median {s_med*1000:.1f} ms (min {min(s_times)*1000:.1f}, max {max(s_times)*1000:.1f})")
print(f"    ratio connector-doctor / swaks: {d_med/s_med:.2f} (target <= 0.50)")

# (b) 6 healthy SMTP listeners and 4 silent ones on loopback, all in this process.
stop = threading.Event()
def healthy(conn):
    with conn:
        conn.settimeout(10)
        f = conn.makefile("rwb", buffering=0)
        f.write(b"220 bench.test ESMTP\r\n")
        for line in f:
            cmd = line.strip().upper()
            if cmd.startswith(b"EHLO"):
                f.write(b"250-bench.test\r\n250 SIZE 1000000\r\n")
            elif cmd.startswith(b"QUIT"):
                f.write(b"221 bye\r\n"); return
            else:
                f.write(b"250 OK\r\n")
def silent(conn):
    stop.wait(3 * T)
    conn.close()
def serve(sock, handler):
    sock.settimeout(0.2)
    while not stop.is_set():
        try:
            conn, _ = sock.accept()
        except socket.timeout:
            continue
        threading.Thread(target=handler, args=(conn,), daemon=True).start()
hosts = []
for i in range(10):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
    handler = silent if i % 5 in (1, 3) else healthy  # 4 silent out of 10
    threading.Thread(target=serve, args=(s, handler), daemon=True).start()
    hosts += ["--host", f"127.0.0.1:{s.getsockname()[1]}"]
cmd = [binary, "check", *hosts, "--timeout", str(T), "--format", "json", "--no-history",
       "--test-address", "user@test.example"]
walls = []
for _ in range(3):
    wall, proc = timed(cmd)
    report = json.loads(proc.stdout)
    silent_steps = [s for s in report["steps"] if s["code"] == "ehlo.no-banner"]
    assert len(silent_steps) == 4, [s["code"] for s in report["steps"]]
    walls.append(wall)
stop.set()
print(f"(b) 10 hosts, 4 silent, timeout T = {T} s: wall {', '.join(f'{w:.2f}' for w in walls)} s "
      f"(median {statistics.median(walls):.2f} s; target < {T + 1} s; 4 x T would be {4*T} s)")
PY
