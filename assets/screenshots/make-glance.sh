#!/bin/sh
# Takes the "results at a glance" screenshots from the real window: starts local SMTP test
# servers (tests/gui/gui_fixture.rs), then the wizard under Xvfb with a prepared draft (a
# passing host, one with an expired certificate, a closed port) in a temporary
# CONNECTOR_DOCTOR_HOME, and saves the Results page (matrix, verdict line, fix-command box) in
# French and in English to assets/screenshots/glance-*.png.
#
# Needs: Xvfb, ImageMagick (import), Mesa's software OpenGL (libgl1-mesa-dri).
# BIN=path/to/connector-doctor overrides the binary (default: a debug build).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

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
    cargo build --quiet
    BIN="$repo/target/debug/connector-doctor"
fi

# Local servers: one presenting an expired certificate, one with a valid one, a closed port.
cargo test --quiet --no-run --test gui >/dev/null 2>&1
GUI_FIXTURE_OUT="$work/fixture" cargo test --quiet --test gui -- --ignored --exact gui_fixture::serve_fixture_servers \
    >"$work/fixture.log" 2>&1 &
fixture_pid=$!
for _ in $(seq 1 300); do [ -s "$work/fixture" ] && break; sleep 0.1; done
[ -s "$work/fixture" ] || { echo "the test servers did not start" >&2; cat "$work/fixture.log" >&2; exit 1; }
. "$work/fixture"

# A screen the size of the window, so the capture is the window.
display=":$(( 90 + $$ % 9 ))"
Xvfb "$display" -screen 0 1100x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1

# draft LANG HOSTS_JSON POLICY ADDRESS
draft() {
    mkdir -p "$work/home/config"
    cat >"$work/home/config/draft.json" <<EOF
{
  "version": 1,
  "lang": "$1",
  "connector": {
    "name": "Contoso",
    "connector_type": "on-premises",
    "smart_hosts": $2,
    "use_mx_record": false,
    "tls_settings": "$3",
    "test_address": "$4"
  },
  "options": { "timeout_secs": 10 },
  "recipient_domains_text": "test.example",
  "ca_file_text": "$CA_FILE"
}
EOF
}

# shot NAME WAIT_FOR_RUN [ENV=VALUE...]: starts the window, waits for it to settle (and for
# the run to end when WAIT_FOR_RUN is 1), saves the screen.
shot() {
    name=$1
    wait_run=$2
    shift 2
    env DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1 CONNECTOR_DOCTOR_HOME="$work/home" \
        CONNECTOR_DOCTOR_REPORT_RUN=1 "$@" "$BIN" 2>"$work/app.log" &
    app_pid=$!
    for _ in $(seq 1 200); do
        if [ "$wait_run" = 0 ] || grep -q "run-finished" "$work/app.log" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    sleep 1
    # The window opens at 960×720; make it as tall as the screen so the fix box shows too.
    DISPLAY="$display" xdotool search --sync --onlyvisible --pid "$app_pid" windowsize 1100 1000 \
        >/dev/null 2>&1 || true
    sleep 2.5
    import -display "$display" -window root "$here/$name.png"
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
    echo "saved $here/$name.png"
}

for lang in fr en; do
    rm -rf "$work/home"
    draft "$lang" "[\"$GOOD\", \"$EXPIRED\", \"$CLOSED\"]" certificate-validation "jane@test.example"
    shot "glance-$lang" 1 CONNECTOR_DOCTOR_LANG="$lang" CONNECTOR_DOCTOR_AUTORUN=1
done
