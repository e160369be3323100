#!/bin/sh
# Takes the fix-command screenshots from the real window: a smart host whose certificate does
# not carry the connector's TlsDomain (a local SMTP test server, tests/gui/gui_fixture.rs), so
# the Results page shows the TLS failure with its fix command (Set-OutboundConnector …
# -TlsDomain …) in its own box with a Copy button, in French and in English, saved to
# assets/screenshots/fix-*.png. Needs xdotool and
# ImageMagick's convert too. See common.sh for what it needs.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

start_fixture GUI_FIXTURE_OUT gui_fixture::serve_fixture_servers
# Tall enough for the host's steps and the fix box below the matrix.
start_xvfb 1100x1000
WINDOW_SIZE="[1100, 1000]"
TLS_DOMAIN=mail.contoso.com

for lang in fr en; do
    rm -rf "$home"
    # The test server's certificate is for mail.test.example.
    draft "$lang" "[\"$GOOD\"]" domain-validation
    start_app CONNECTOR_DOCTOR_LANG="$lang" CONNECTOR_DOCTOR_AUTORUN=1
    wait_run_end
    sleep 1.5
    # The wheel scrolls to the end of the page, where the TLS card and its fix box are; then a
    # click on Copy (where it lands at this window size) shows "Copied".
    DISPLAY="$display" xdotool mousemove 500 500 click --repeat 30 --delay 20 5
    sleep 0.5
    DISPLAY="$display" xdotool mousemove 62 809 click 1
    capture "$work/fix-$lang.png" >/dev/null
    stop_app
    # The TLS card (the failure, what to do, the fix box) ends at the same place in both
    # languages; the French guidance is one line longer.
    case $lang in
        fr) top=570 ;;
        *) top=585 ;;
    esac
    convert "$work/fix-$lang.png" -crop "1010x$((937 - top))+0+$top" +repage "$here/fix-$lang.png"
    echo "saved $here/fix-$lang.png"
done
