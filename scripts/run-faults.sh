#!/usr/bin/env bash
# `make faults`: the fault tests (tests/faults) in their long form, UNICOM_FAULTS_SCALE=10.
#
# What `make test` runs in a short form, longer here: the web server killed mid-burst of
# payments (three kills, ten times the payments), PostgreSQL stopped and started ten times
# under load, a migration applied under ten times the requests, the full and read-only disks
# (docs/explanation/faults.md). A larger scale: UNICOM_FAULTS_SCALE=20 make faults.
#
# Like scripts/run-tests.sh, the shared throw-away PostgreSQL server is started here unless
# UNICOM_TEST_PG_URL names one; the restart test never touches it: it makes, stops and starts
# a cluster of its own (tests/faults/cluster.py). The full and read-only disk tests mount a
# small tmpfs and a read-only bind mount and use chattr: as root; elsewhere they skip, saying why.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=".tools/bin/uv"

if [ -z "${UNICOM_TEST_PG_URL:-}" ]; then
    UNICOM_TEST_PG_URL="$(bash .ci/postgres.sh start)"
    trap 'bash .ci/postgres.sh stop' EXIT
fi
export UNICOM_TEST_PG_URL
export UNICOM_FAULTS_SCALE="${UNICOM_FAULTS_SCALE:-10}"

status=0
# tests/integration holds the faults of money and backups (the stateful model of bill payments,
# auto-debit, card orders and refunds; a backup taken while a writer runs), marked alike.
"$uv" run --frozen --no-sync pytest tests/faults tests/integration -m faults -p no:cacheprovider \
    -ra "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no fault tests: the suite is misconfigured" >&2
fi
exit "$status"
