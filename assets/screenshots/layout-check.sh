#!/bin/sh
# Takes screenshots of the real window at the sizes a helpdesk has (640×480, the window's own
# minimum, 800×600, 1366×768, 1920×1080), in French and in English, on the pages whose texts are
# longest: Start, Connector (with the saved-connectors panel), Hosts, Security, the 5.7.64 form
# and a Results page with failures. Look at them: nothing may be clipped mid-word, the step bar
# stays on one line, no card runs under the scroll bar.
#
# OUT=dir (default target/layout-shots). Needs: Xvfb, ImageMagick (import), libgl1-mesa-dri.
# BIN=path/to/connector-doctor overrides the binary (default: a debug build).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
out=${OUT:-$repo/target/layout-shots}
mkdir -p "$out"

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

cargo test --quiet --no-run --test gui >/dev/null 2>&1
GUI_FIXTURE_OUT="$work/fixture" cargo test --quiet --test gui -- --ignored --exact gui_fixture::serve_fixture_servers \
    >"$work/fixture.log" 2>&1 &
fixture_pid=$!
for _ in $(seq 1 300); do [ -s "$work/fixture" ] && break; sleep 0.1; done
[ -s "$work/fixture" ] || { echo "the test servers did not start" >&2; cat "$work/fixture.log" >&2; exit 1; }
. "$work/fixture"

# draft LANG WIDTH HEIGHT: the form with three hosts (one expired certificate, one silent, one
# closed port) and the window size the wizard opens at.
draft() {
    mkdir -p "$work/home/config"
    cat >"$work/home/config/draft.json" <<EOF
{
  "version": 1,
  "lang": "$1",
  "window_size": [$2, $3],
  "connector": {
    "name": "Contoso — relais sortant vers les serveurs locaux",
    "connector_type": "on-premises",
    "smart_hosts": ["$EXPIRED", "$SILENT", "$CLOSED"],
    "use_mx_record": false,
    "tls_settings": "domain-validation",
    "tls_domain": "mail.contoso.com",
    "test_address": "jane@test.example"
  },
  "options": { "timeout_secs": 3 },
  "recipient_domains_text": "test.example, contoso.com",
  "ca_file_text": "$CA_FILE"
}
EOF
}

for size in 640x480 800x600 1366x768 1920x1080; do
    w=${size%x*}
    h=${size#*x}
    display=":$(( 90 + $$ % 9 ))"
    Xvfb "$display" -screen 0 "${w}x${h}x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb_pid=$!
    sleep 1
    for lang in fr en; do
        for page in start connector hosts security tenant results; do
            rm -rf "$work/home"
            draft "$lang" "$w" "$h"
            set -- CONNECTOR_DOCTOR_LANG="$lang"
            case $page in
                results) set -- "$@" CONNECTOR_DOCTOR_AUTORUN=1 ;;
                start) ;;
                *) set -- "$@" CONNECTOR_DOCTOR_START_PAGE="$page" ;;
            esac
            env DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1 CONNECTOR_DOCTOR_HOME="$work/home" \
                CONNECTOR_DOCTOR_REPORT_RUN=1 "$@" "$BIN" 2>"$work/app.log" &
            app_pid=$!
            for _ in $(seq 1 150); do
                if [ "$page" != results ] || grep -q "run-finished" "$work/app.log" 2>/dev/null; then
                    break
                fi
                sleep 0.1
            done
            sleep 2
            import -display "$display" -window root "$out/$page-$lang-$size.png"
            kill "$app_pid" 2>/dev/null || true
            wait "$app_pid" 2>/dev/null || true
            app_pid=""
        done
    done
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
    xvfb_pid=""
done
echo "screenshots in $out"
