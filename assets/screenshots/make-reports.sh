#!/bin/sh
# Screenshots of the wizard's history and saved connectors, from the real window under Xvfb:
# - compare-en.png: the Results page with "Changes since the last run" after a certificate was
#   renewed (first run against a local server with an expired certificate, second run against a
#   valid one at the same address; tests/gui_reports.rs serve_compare_fixture);
# - saved-fr.png: the Connector page with its saved-connectors panel, in French.
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
    touch "$work/fixture.swap" "$work/fixture.stop" 2>/dev/null || true
    [ -n "$fixture_pid" ] && wait "$fixture_pid" 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ -z "${BIN:-}" ]; then
    cargo build --quiet
    BIN="$repo/target/debug/connector-doctor"
fi

cargo test --quiet --no-run --test gui >/dev/null 2>&1
GUI_REPORTS_FIXTURE_OUT="$work/fixture" cargo test --quiet --test gui -- --ignored \
    --exact gui_reports::serve_compare_fixture >"$work/fixture.log" 2>&1 &
fixture_pid=$!
for _ in $(seq 1 300); do [ -s "$work/fixture" ] && break; sleep 0.1; done
[ -s "$work/fixture" ] || { echo "the test server did not start" >&2; cat "$work/fixture.log" >&2; exit 1; }
. "$work/fixture"

display=":$(( 80 + $$ % 9 ))"
Xvfb "$display" -screen 0 960x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 1

home="$work/home"

# draft LANG
draft() {
    mkdir -p "$home/config"
    cat >"$home/config/draft.json" <<EOF
{
  "version": 1,
  "lang": "$1",
  "connector": {
    "name": "Contoso relay",
    "connector_type": "on-premises",
    "smart_hosts": ["$ADDR"],
    "use_mx_record": false,
    "tls_settings": "certificate-validation",
    "test_address": "jane@test.example"
  },
  "options": { "timeout_secs": 10 },
  "recipient_domains_text": "test.example",
  "ca_file_text": "$CA_FILE"
}
EOF
}

# profile FILE NAME HOSTS_JSON POLICY DOMAINS_JSON
profile() {
    mkdir -p "$home/config/profiles"
    cat >"$home/config/profiles/$1.json" <<EOF
{
  "schema_version": 1,
  "kind": "connector-doctor-connector",
  "name": "$2",
  "saved_at": "2026-03-0${6}T09:1${6}:00Z",
  "connector": {
    "name": "$2",
    "connector_type": "partner",
    "smart_hosts": $3,
    "use_mx_record": false,
    "recipient_domains": $5,
    "tls_settings": "$4",
    "test_address": "postmaster@fabrikam.com"
  }
}
EOF
}

# start_app [ENV=VALUE...]: starts the window in the background.
start_app() {
    env DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1 CONNECTOR_DOCTOR_HOME="$home" \
        CONNECTOR_DOCTOR_REPORT_RUN=1 "$@" "$BIN" 2>"$work/app.log" &
    app_pid=$!
}

wait_run_end() {
    for _ in $(seq 1 200); do
        grep -q "run-finished" "$work/app.log" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "the run did not finish" >&2
    return 1
}

stop_app() {
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=""
}

shot() {
    sleep 2.5
    import -display "$display" -window root "$here/$1.png"
    echo "saved $here/$1.png"
}

# Changes since the last run: a failing run is kept in the history, the certificate is renewed,
# and the second run shows what changed.
rm -rf "$home"
draft en
start_app CONNECTOR_DOCTOR_LANG=en CONNECTOR_DOCTOR_AUTORUN=1
wait_run_end
# The history is written off the UI thread just after the results show.
sleep 1.5
stop_app
ls "$home/data/history"/*.json >/dev/null
touch "$work/fixture.swap"
for _ in $(seq 1 100); do [ -e "$work/fixture.swapped" ] && break; sleep 0.1; done
start_app CONNECTOR_DOCTOR_LANG=en CONNECTOR_DOCTOR_AUTORUN=1
wait_run_end
shot compare-en
stop_app

# Saved connectors beside the form, in French.
rm -rf "$home"
draft fr
profile contoso-relay "Contoso relay" "[\"$ADDR\"]" certificate-validation '["test.example"]' 1
profile fabrikam-partner "Fabrikam partenaire" '["smtp.fabrikam.com", "relay.fabrikam.com:2525"]' \
    domain-validation '["fabrikam.com", "*.fabrikam.net"]' 2
profile woodgrove "Woodgrove Bank" '["mx1.woodgrove.eu", "mx2.woodgrove.eu", "mx3.woodgrove.eu", "mx4.woodgrove.eu"]' \
    encryption-only '["woodgrovebank.com"]' 3
# A damaged file: set aside and reported, in French.
printf '{ "schema_version": 1, "name": "Ancien' >"$home/config/profiles/ancien.json"
start_app CONNECTOR_DOCTOR_LANG=fr CONNECTOR_DOCTOR_START_PAGE=connector
shot saved-fr
stop_app
