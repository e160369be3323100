# Shared by the screenshot scripts (make.sh, make-glance.sh, make-fix.sh, make-reports.sh,
# layout-check.sh), which source it: the binary, the local test servers, a virtual screen, the
# wizard's draft and the capture. Each script sets `here` (its own folder) before sourcing this.
#
# Needs: Xvfb, ImageMagick (import), Mesa's software OpenGL (libgl1-mesa-dri).
# BIN=path/to/connector-doctor overrides the binary (default: a debug build).
set -eu

repo=$(cd "$here/../.." && pwd)
cd "$repo"

work=$(mktemp -d)
fixture_pid=""
xvfb_pid=""
app_pid=""
display=""

cleanup() {
    stop_app
    touch "$work/fixture.swap" "$work/fixture.stop" 2>/dev/null || true
    [ -n "$fixture_pid" ] && wait "$fixture_pid" 2>/dev/null || true
    stop_xvfb
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -z "${BIN:-}" ]; then
    cargo build --quiet
    BIN="$repo/target/debug/connector-doctor"
fi

# start_fixture ENV_VAR TEST: starts the local SMTP servers of an ignored test in tests/gui
# (gui_fixture::serve_fixture_servers with GUI_FIXTURE_OUT, gui_reports::serve_compare_fixture
# with GUI_REPORTS_FIXTURE_OUT), waits for their addresses and reads them (EXPIRED, GOOD, ADDR…).
# They stop when "$work/fixture.stop" appears.
start_fixture() {
    cargo test --quiet --no-run --test gui >/dev/null 2>&1
    env "$1=$work/fixture" cargo test --quiet --test gui -- --ignored --exact "$2" \
        >"$work/fixture.log" 2>&1 &
    fixture_pid=$!
    for _ in $(seq 1 300); do [ -s "$work/fixture" ] && break; sleep 0.1; done
    [ -s "$work/fixture" ] || {
        echo "the test servers did not start" >&2
        cat "$work/fixture.log" >&2
        exit 1
    }
    . "$work/fixture"
}

# start_xvfb WIDTHxHEIGHT: a virtual screen on a free display number (Xvfb picks it).
start_xvfb() {
    rm -f "$work/display"
    Xvfb -displayfd 3 -screen 0 "${1}x24" -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
    [ -s "$work/display" ] || { echo "Xvfb did not start" >&2; exit 1; }
    display=":$(head -n 1 "$work/display")"
}

stop_xvfb() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
}

# draft LANG HOSTS_JSON POLICY: writes the wizard's draft (what the person typed last time) to
# "$home". Optional, from variables: NAME (default Contoso), TLS_DOMAIN, TEST_ADDRESS (default
# jane@test.example), TIMEOUT_SECS (default 10), DOMAINS (recipient domains as typed, default
# test.example), WINDOW_SIZE ("[w, h]", the size the window opens at).
home="$work/home"
draft() {
    mkdir -p "$home/config"
    tls_domain_line=""
    [ -n "${TLS_DOMAIN:-}" ] && tls_domain_line="\"tls_domain\": \"$TLS_DOMAIN\","
    window_line=""
    [ -n "${WINDOW_SIZE:-}" ] && window_line="\"window_size\": $WINDOW_SIZE,"
    cat >"$home/config/draft.json" <<EOF
{
  "version": 1,
  "lang": "$1",
  $window_line
  "connector": {
    "name": "${NAME:-Contoso}",
    "connector_type": "on-premises",
    "smart_hosts": $2,
    "use_mx_record": false,
    "tls_settings": "$3",
    $tls_domain_line
    "test_address": "${TEST_ADDRESS:-jane@test.example}"
  },
  "options": { "timeout_secs": ${TIMEOUT_SECS:-10} },
  "recipient_domains_text": "${DOMAINS:-test.example}",
  "ca_file_text": "$CA_FILE"
}
EOF
}

# start_app [ENV=VALUE...]: starts the window in the background on "$display", its files in
# "$home", its log in "$work/app.log".
start_app() {
    env DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1 CONNECTOR_DOCTOR_HOME="$home" \
        CONNECTOR_DOCTOR_REPORT_RUN=1 "$@" "$BIN" 2>"$work/app.log" &
    app_pid=$!
}

# wait_run_end: until the wizard logs the end of its run (20 s at most).
wait_run_end() {
    for _ in $(seq 1 200); do
        grep -q "run-finished" "$work/app.log" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "the run did not finish" >&2
    return 1
}

stop_app() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    [ -n "$app_pid" ] && wait "$app_pid" 2>/dev/null || true
    app_pid=""
}

# capture FILE: lets the window settle, then saves the whole screen.
capture() {
    sleep "${SETTLE_SECS:-2.5}"
    import -display "$display" -window root "$1"
    echo "saved $1"
}

# shot NAME WAIT_FOR_RUN [ENV=VALUE...]: starts the window, waits for the run to end when
# WAIT_FOR_RUN is 1, saves the screen to "$here/NAME.png" and closes the window.
shot() {
    name=$1
    wait_run=$2
    shift 2
    start_app "$@"
    [ "$wait_run" = 0 ] || wait_run_end
    capture "$here/$name.png"
    stop_app
}
