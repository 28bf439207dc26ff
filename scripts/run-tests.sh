#!/usr/bin/env bash
# Run the pytest suite; `make unit` and so `make test` call this, `make coverage` calls it with
# the branch-coverage options (the tracing makes the run half as long again: 6 1/2 minutes
# become 9 on two cores, docs/performance.md), so `make test` stays well under 10 minutes.
#
# The SQL tests need a real PostgreSQL server: unless UNICOM_TEST_PG_URL already names one,
# a throw-away PostgreSQL 15 cluster is started here (.ci/postgres.sh installs Debian's
# package when it is absent) and stopped when the run ends, whatever its outcome.
#
# The browser tests need Debian's chromium and fonts-noto-cjk: .ci/browser.sh installs them
# with apt-get when absent (Playwright is given /usr/bin/chromium and never downloads one).
#
# The suite runs on two workers (pytest-xdist; the machines here have two cores), a test
# file per worker at a time, so module-scoped servers and databases stay in one process.
#
# Exit code 5 ("no tests collected") is reported as a broken set-up and fails the run:
# every test directory of this project has tests, so collecting none means something broke.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=".tools/bin/uv"

if [ -z "${UNICOM_TEST_PG_URL:-}" ]; then
    UNICOM_TEST_PG_URL="$(bash .ci/postgres.sh start)"
    trap 'bash .ci/postgres.sh stop' EXIT
fi
export UNICOM_TEST_PG_URL

# The browser tests drive Debian's Chromium (with the Noto CJK fonts) through Playwright:
# .ci/browser.sh installs both with apt-get when absent; Playwright never downloads one.
bash .ci/browser.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

status=0
"$uv" run --frozen --no-sync pytest --numprocesses 2 --dist loadfile \
    -p no:cacheprovider "$@" || status=$?
if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests: the suite is misconfigured" >&2
fi
exit "$status"
