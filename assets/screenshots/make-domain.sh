#!/bin/sh
# Takes the domain-security screenshots from the real window: a partner connector that uses the
# MX of a zone signed by Knot on loopback (tests/gui/gui_fixture.rs), whose TLSA record matches
# an old certificate while the mail server presents the renewed one. The Results page shows the
# Domain security step failed in the matrix and its card, with the guidance and the TLSA record
# to publish in the fix box, in French and in English, saved to assets/screenshots/domain-*.png.
# Needs Knot (knot, knot-dnssecutils) and xdotool too. See common.sh for what it needs.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

start_fixture GUI_DOMAIN_FIXTURE_OUT gui_fixture::serve_domain_security_fixture
# Tall enough for the matrix and, with "Failures only", the Domain security card and its fix
# box without scrolling: the card's length changes from run to run (new keys, new hex values
# that wrap differently), so everything is measured from the top of the page.
start_xvfb 1280x1100

# draft_mx LANG: the wizard's draft for the MX-routed connector, domain security ticked.
draft_mx() {
    mkdir -p "$home/config"
    cat >"$home/config/draft.json" <<JSON
{
  "version": 1,
  "lang": "$1",
  "window_size": [1280, 1100],
  "connector": {
    "name": "Fabrikam",
    "connector_type": "partner",
    "smart_hosts": [],
    "use_mx_record": true,
    "tls_settings": "opportunistic",
    "test_address": "user@dane.test"
  },
  "options": {
    "timeout_secs": 10,
    "dns_server": "$DNS",
    "mx_port": $MX_PORT,
    "domain_security": true
  },
  "recipient_domains_text": "dane.test",
  "ca_file_text": "$CA_FILE",
  "trust_anchor_text": "$ANCHOR"
}
JSON
}

for lang in fr en; do
    rm -rf "$home"
    draft_mx "$lang"
    start_app CONNECTOR_DOCTOR_LANG="$lang" CONNECTOR_DOCTOR_AUTORUN=1
    wait_run_end
    sleep 1.5
    # "Failures only" (under the matrix) keeps the failed and warned cards only: the (loopback)
    # Resolve warning, then the Domain security card.
    DISPLAY="$display" xdotool mousemove 15 286 click 1
    capture "$work/domain-$lang.png" >/dev/null
    stop_app
    # From the verdict to the end of the card, above the bottom bar.
    convert "$work/domain-$lang.png" -crop 1010x960+0+95 +repage "$here/domain-$lang.png"
    echo "saved $here/domain-$lang.png"
done
