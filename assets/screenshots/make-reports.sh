#!/bin/sh
# Screenshots of the wizard's history and saved connectors, from the real window under Xvfb:
# - compare-en.png: the Results page with "Changes since the last run" after a certificate was
#   renewed (first run against a local server with an expired certificate, second run against a
#   valid one at the same address; tests/gui_reports.rs serve_compare_fixture);
# - saved-fr.png: the Connector page with its saved-connectors panel, in French.
# See common.sh for what it needs.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

start_fixture GUI_REPORTS_FIXTURE_OUT gui_reports::serve_compare_fixture
start_xvfb 960x720
NAME="Contoso relay"

# profile FILE NAME HOSTS_JSON POLICY DOMAINS_JSON DAY
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

# Changes since the last run: a failing run is kept in the history, the certificate is renewed,
# and the second run shows what changed.
rm -rf "$home"
draft en "[\"$ADDR\"]" certificate-validation
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
capture "$here/compare-en.png"
stop_app

# Saved connectors beside the form, in French.
rm -rf "$home"
draft fr "[\"$ADDR\"]" certificate-validation
profile contoso-relay "Contoso relay" "[\"$ADDR\"]" certificate-validation '["test.example"]' 1
profile fabrikam-partner "Fabrikam partenaire" '["smtp.fabrikam.com", "relay.fabrikam.com:2525"]' \
    domain-validation '["fabrikam.com", "*.fabrikam.net"]' 2
profile woodgrove "Woodgrove Bank" '["mx1.woodgrove.eu", "mx2.woodgrove.eu", "mx3.woodgrove.eu", "mx4.woodgrove.eu"]' \
    encryption-only '["woodgrovebank.com"]' 3
# A damaged file: set aside and reported, in French.
printf '{ "schema_version": 1, "name": "Ancien' >"$home/config/profiles/ancien.json"
start_app CONNECTOR_DOCTOR_LANG=fr CONNECTOR_DOCTOR_START_PAGE=connector
capture "$here/saved-fr.png"
stop_app
