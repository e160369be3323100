#!/usr/bin/env bash
# What the TLS probe adds per address (issue 9): a STARTTLS server on loopback (Python's ssl,
# RSA certificate made by openssl now, TLS 1.2 and 1.3), checked RUNS times by this build and
# RUNS times by a build without the probe (BASELINE, e.g. a `main` build from before it).
# Prints the medians of the tls step's duration, of the probe's own duration and of the whole
# run. A script, not a test: timings on a shared machine vary.
# Needs: python3, openssl. Usage: BASELINE=/path/to/old/connector-doctor bash bench/tls_probe/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS="${RUNS:-20}"
BIN="${BIN:-$PWD/target/debug/connector-doctor}"
BASELINE="${BASELINE:-}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export CONNECTOR_DOCTOR_HOME="$WORK/home"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=mail.test.example \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1

python3 - "$BIN" "$BASELINE" "$RUNS" "$WORK" <<'PY'
import json, socket, socketserver, ssl, statistics, subprocess, sys, threading, time

binary, baseline, runs, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(f"{work}/cert.pem", f"{work}/key.pem")

class Smtp(socketserver.StreamRequestHandler):
    def handle(self):
        sock, rfile = self.request, self.rfile
        def reply(text):
            sock.sendall(text.encode())
        reply("220 mail.test.example ESMTP bench\r\n")
        tls = False
        while True:
            line = rfile.readline(4096)
            if not line:
                return
            cmd = line.decode(errors="replace").strip().upper()
            if cmd.startswith("EHLO"):
                reply("250-mail.test.example\r\n" + ("" if tls else "250-STARTTLS\r\n") + "250 8BITMIME\r\n")
            elif cmd == "STARTTLS" and not tls:
                reply("220 go ahead\r\n")
                try:
                    sock = ctx.wrap_socket(sock, server_side=True)
                except (ssl.SSLError, OSError):
                    return
                rfile = sock.makefile("rb")
                tls = True
            elif cmd.startswith("RCPT"):
                reply("250 OK\r\n" if "<USER@TEST.EXAMPLE>" in cmd else "550 5.1.1 unknown\r\n")
            elif cmd == "QUIT":
                reply("221 bye\r\n")
                return
            else:
                reply("250 OK\r\n")

class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

server = Server(("127.0.0.1", 0), Smtp)
port = server.server_address[1]
threading.Thread(target=server.serve_forever, daemon=True).start()

def run(binary):
    cmd = [binary, "check", "--host", f"127.0.0.1:{port}", "--tls", "encryption-only",
           "--test-address", "user@test.example", "--format", "json", "--no-history", "--lang", "en"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = (time.perf_counter() - start) * 1000
    report = json.loads(proc.stdout)
    tls = next(s for s in report["steps"] if s["step"] == "tls")
    probe = (tls.get("tls") or {}).get("probe") or {}
    return wall, tls["duration_ms"], probe.get("duration_ms"), tls["status"], probe

def bench(binary, label):
    run(binary)  # warm-up
    rows = [run(binary) for _ in range(runs)]
    med = lambda xs: statistics.median(xs) if xs else None
    probe_ms = [r[2] for r in rows if r[2] is not None]
    print(f"{label}: runs={runs} median wall={med([r[0] for r in rows]):.1f} ms, "
          f"median tls step={med([r[1] for r in rows])} ms, "
          f"median probe={med(probe_ms)} ms, tls status={rows[-1][3]}")
    if rows[-1][4]:
        print(f"  probe: {json.dumps(rows[-1][4])}")
    return med([r[1] for r in rows]), med([r[0] for r in rows])

new_tls, new_wall = bench(binary, "with probe")
if baseline:
    old_tls, old_wall = bench(baseline, "baseline ")
    print(f"added per address: tls step {new_tls - old_tls} ms, whole run {new_wall - old_wall:.1f} ms (medians)")
PY
