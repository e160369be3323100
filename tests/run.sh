#!/usr/bin/env bash
# The project's test command: starts the private Postfix instance on loopback, runs every test
# (`cargo test --locked`, extra arguments are passed on), stops Postfix, exits with cargo's status.
set -uo pipefail
cd "$(dirname "$0")/.."

stop_postfix() { bash tests/postfix/setup.sh stop >/dev/null 2>&1 || true; }

if ! bash tests/postfix/setup.sh start; then
    echo "tests/run.sh: the Postfix test instance did not start (install postfix: apt-get install -y postfix)" >&2
    exit 1
fi
trap stop_postfix EXIT INT TERM

status=0
cargo test --locked "$@" || status=$?
exit "$status"
