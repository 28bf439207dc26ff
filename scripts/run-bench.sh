#!/usr/bin/env bash
# `make bench`: every benchmark, with the throw-away PostgreSQL server the SQL figures need.
# Figures are recorded by hand in docs/performance.md, as ratios against a same-process baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=".tools/bin/uv"

if [ -z "${UNICOM_TEST_PG_URL:-}" ]; then
    UNICOM_TEST_PG_URL="$(bash .ci/postgres.sh start)"
    trap 'bash .ci/postgres.sh stop' EXIT
fi
export UNICOM_TEST_PG_URL

for script in benchmarks/*_overhead.py benchmarks/bill_run.py benchmarks/dask_bill_run.py \
    benchmarks/promotion_quota.py; do
    echo "== $script"
    "$uv" run --frozen --no-sync python "$script"
done
if compgen -G "benchmarks/test_*.py" >/dev/null; then
    "$uv" run --frozen --no-sync pytest benchmarks --benchmark-only -p no:cacheprovider -q
fi
echo "== benchmarks/festival/run.py"; "$uv" run --frozen --no-sync python benchmarks/festival/run.py
