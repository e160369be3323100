#!/bin/sh
# Takes the "results at a glance" screenshots from the real window: starts local SMTP test
# servers (tests/gui/gui_fixture.rs), then the wizard under Xvfb with a prepared draft (a
# passing host, one with an expired certificate, a closed port) in a temporary
# CONNECTOR_DOCTOR_HOME, and saves the Results page (verdict line, matrix) in French and in
# English to assets/screenshots/glance-*.png. See common.sh for what it needs.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

# Local servers: one presenting an expired certificate, one with a valid one, a closed port.
start_fixture GUI_FIXTURE_OUT gui_fixture::serve_fixture_servers
start_xvfb 960x720

for lang in fr en; do
    rm -rf "$home"
    draft "$lang" "[\"$GOOD\", \"$EXPIRED\", \"$CLOSED\"]" certificate-validation
    shot "glance-$lang" 1 CONNECTOR_DOCTOR_LANG="$lang" CONNECTOR_DOCTOR_AUTORUN=1
done
