#!/usr/bin/env bash
# What the domain-security step (DNSSEC + DANE) adds to a check's wall time on loopback (a
# script, not a test; issue 13): a zone signed by Knot (kzonesign) and served by knotd on
# 127.0.0.1, a small STARTTLS SMTP server in Python whose certificate the zone's TLSA record
# matches, and `connector-doctor check` in MX mode with and without --domain-security,
# RUNS interleaved runs each, medians.
# Needs: knot, knot-dnssecutils, openssl, python3. Usage: bash bench/dane/run.sh
# BIN=path/to/connector-doctor picks the binary (default: a release build).
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS="${RUNS:-15}"
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN="$PWD/target/release/connector-doctor"
fi
WORK="$(mktemp -d)"
trap 'kill $(cat "$WORK/knot.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT
export CONNECTOR_DOCTOR_HOME="$WORK/home"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
    -subj "/CN=mx.dane.test" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
SPKI="$(openssl x509 -in "$WORK/cert.pem" -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)"

mkdir -p "$WORK/kasp" "$WORK/signed" "$WORK/db"
cat > "$WORK/dane.test.zone" <<EOF
\$ORIGIN dane.test.
\$TTL 300
@ SOA ns.dane.test. admin.dane.test. 1 3600 600 86400 300
@ NS ns
ns A 127.0.0.1
@ MX 10 mx
mx A 127.0.0.1
_25._tcp.mx TLSA 3 1 1 $SPKI
EOF
cat > "$WORK/sign.conf" <<EOF
server:
    rundir: $WORK
database:
    kasp-db: $WORK/kasp
template:
  - id: default
    storage: $WORK
policy:
  - id: csk
    algorithm: ecdsap256sha256
    single-type-signing: on
zone:
  - domain: dane.test
    file: $WORK/dane.test.zone
    dnssec-signing: on
    dnssec-policy: csk
EOF
kzonesign -c "$WORK/sign.conf" -o "$WORK/signed" dane.test >/dev/null 2>&1
keymgr -c "$WORK/sign.conf" dane.test ds | grep ' 13 2 ' > "$WORK/anchors.txt"
DNS_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat > "$WORK/knot.conf" <<EOF
server:
    rundir: $WORK
    listen: 127.0.0.1@$DNS_PORT
database:
    storage: $WORK/db
control:
    listen: $WORK/knot.sock
template:
  - id: default
    storage: $WORK
    journal-content: none
    zonefile-load: whole
zone:
  - domain: dane.test
    file: $WORK/signed/dane.test.zone
EOF
knotd -c "$WORK/knot.conf" >/dev/null 2>&1 &
echo $! > "$WORK/knot.pid"
sleep 0.5

python3 - "$BIN" "$WORK" "$DNS_PORT" "$RUNS" <<'PY'
import json, socket, ssl, statistics, subprocess, sys, threading, time

binary, work, dns_port, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(f"{work}/cert.pem", f"{work}/key.pem")

def session(conn):
    f = conn.makefile("rwb")
    def send(line):
        f.write(line.encode() + b"\r\n"); f.flush()
    send("220 mx.dane.test ESMTP bench")
    tls = False
    while True:
        line = f.readline()
        if not line:
            return
        verb = line.decode(errors="replace").strip().split(" ")[0].upper()
        if verb == "EHLO":
            send("250-mx.dane.test"); send("250-STARTTLS" if not tls else "250-8BITMIME"); send("250 SIZE 1000000")
        elif verb == "STARTTLS":
            send("220 go ahead")
            # The TLS probe's TLS 1.0/1.1 hellos are refused here, as on a current server.
            try:
                conn = ctx.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError):
                return
            f = conn.makefile("rwb"); tls = True
        elif verb == "QUIT":
            send("221 bye"); return
        else:
            send("250 ok")

srv = socket.socket(); srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0)); srv.listen(64)
smtp_port = srv.getsockname()[1]
def serve():
    while True:
        c, _ = srv.accept()
        threading.Thread(target=lambda c=c: (session(c), c.close()), daemon=True).start()
threading.Thread(target=serve, daemon=True).start()

base = [binary, "check", "--test-address", "user@dane.test", "--recipient-domain", "dane.test",
        "--dns-server", f"127.0.0.1:{dns_port}", "--mx-port", str(smtp_port),
        "--format", "json", "--no-history", "--lang", "en"]
with_ds = base + ["--dnssec-trust-anchor", f"{work}/anchors.txt"]

def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.perf_counter() - start, proc

_, proc = timed(with_ds)
report = json.loads(proc.stdout)
step = [s for s in report["steps"] if s["step"] == "domain-security"]
assert step and step[0]["status"] == "pass" and step[0]["domain_security"]["hosts"][0]["dane"], proc.stdout[:3000]
plain, secured, step_ms = [], [], []
for _ in range(runs):
    plain.append(timed(base)[0])
    t, proc = timed(with_ds)
    secured.append(t)
    step_ms.append([s for s in json.loads(proc.stdout)["steps"] if s["step"] == "domain-security"][0]["duration_ms"])
p, s = statistics.median(plain), statistics.median(secured)
print(f"{runs} interleaved runs each, MX mode, knotd + STARTTLS server on 127.0.0.1 ({binary})")
print(f"  without --domain-security: median {p*1000:.1f} ms (min {min(plain)*1000:.1f}, max {max(plain)*1000:.1f})")
print(f"  with --dnssec-trust-anchor: median {s*1000:.1f} ms (min {min(secured)*1000:.1f}, max {max(secured)*1000:.1f})")
print(f"  added: {(s-p)*1000:.1f} ms; the step itself (duration_ms): median {statistics.median(step_ms)} ms")
PY
