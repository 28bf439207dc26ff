#!/usr/bin/env bash
# Run the pytest suite with branch coverage; `make unit` and so `make test` call this.
# Exit code 5 ("no tests collected") is treated as a failure of the set-up, not a pass:
# every test directory of this project has tests, so collecting none means something broke.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=".tools/bin/uv"

status=0
"$uv" run --frozen --no-sync pytest --cov --cov-branch --cov-report=term-missing:skip-covered \
    -p no:cacheprovider "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: the suite is misconfigured" >&2
fi
exit "$status"
