#!/bin/sh
# Takes screenshots of the real window at the sizes a helpdesk has (640×480, the window's own
# minimum, 800×600, 1366×768, 1920×1080), in French and in English, on the pages whose texts are
# longest: Start, Connector (with the saved-connectors panel), Hosts, Security, the 5.7.64 form
# and a Results page with failures. Look at them: nothing may be clipped mid-word, the step bar
# stays on one line, no card runs under the scroll bar.
#
# OUT=dir (default target/layout-shots). See common.sh for what it needs.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
out=${OUT:-$repo/target/layout-shots}
mkdir -p "$out"

start_fixture GUI_FIXTURE_OUT gui_fixture::serve_fixture_servers

# The form with three hosts (one expired certificate, one silent, one closed port).
NAME="Contoso — relais sortant vers les serveurs locaux"
TLS_DOMAIN=mail.contoso.com
TIMEOUT_SECS=3
DOMAINS="test.example, contoso.com"
SETTLE_SECS=2
for size in 640x480 800x600 1366x768 1920x1080; do
    # The window opens at the screen's size.
    WINDOW_SIZE="[${size%x*}, ${size#*x}]"
    start_xvfb "$size"
    for lang in fr en; do
        for page in start connector hosts security tenant results; do
            rm -rf "$home"
            draft "$lang" "[\"$EXPIRED\", \"$SILENT\", \"$CLOSED\"]" domain-validation
            set -- CONNECTOR_DOCTOR_LANG="$lang"
            case $page in
                results) set -- "$@" CONNECTOR_DOCTOR_AUTORUN=1 ;;
                start) ;;
                *) set -- "$@" CONNECTOR_DOCTOR_START_PAGE="$page" ;;
            esac
            start_app "$@"
            [ "$page" != results ] || wait_run_end
            capture "$out/$page-$lang-$size.png" >/dev/null
            stop_app
        done
    done
    stop_xvfb
done
echo "screenshots in $out"
