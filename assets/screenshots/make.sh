#!/bin/sh
# Takes the README screenshots from the real window: starts local SMTP test servers
# (tests/gui/gui_fixture.rs), then the wizard under Xvfb with a prepared draft in a temporary
# CONNECTOR_DOCTOR_HOME, and saves the Hosts page and a Results page with a failure, in French
# and in English, to assets/screenshots/*.png. See common.sh for what it needs.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

# Local servers: one presenting an expired certificate, one with a valid one, a closed port.
start_fixture GUI_FIXTURE_OUT gui_fixture::serve_fixture_servers
# A screen the size of the window, so the capture is the window.
start_xvfb 960x720

for lang in fr en; do
    rm -rf "$home"
    draft "$lang" "[\"$EXPIRED\", \"mail.contoso.com\", \"smtp.contoso..com\", \"relay.contoso.com:2525\"]" \
        certificate-validation
    shot "hosts-$lang" 0 CONNECTOR_DOCTOR_LANG="$lang" CONNECTOR_DOCTOR_START_PAGE=hosts

    rm -rf "$home"
    draft "$lang" "[\"$EXPIRED\", \"$CLOSED\"]" certificate-validation
    shot "results-$lang" 1 CONNECTOR_DOCTOR_LANG="$lang" CONNECTOR_DOCTOR_AUTORUN=1
done
