#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the test suite.
#
#   .ci/postgres.sh start   install Debian's postgresql-15 if absent, start a fresh cluster on a
#                           free localhost port, create database `unicom`, print its URL
#   .ci/postgres.sh url     print the URL of the running cluster (exit 1 if none)
#   .ci/postgres.sh stop    stop the cluster and delete its directory
#
# The URL is also written to .run/pg.url; tests read it from UNICOM_TEST_PG_URL:
#   export UNICOM_TEST_PG_URL="$(.ci/postgres.sh start)"
#
# Why this shape: the server refuses to run as root and Debian keeps its binaries off PATH,
# so the binaries are located through the package and the cluster runs as an unprivileged
# system user on a temporary directory. fsync is off: the data is thrown away anyway.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="$ROOT/.run"
STATE="$STATE_DIR/pg.state"
URL_FILE="$STATE_DIR/pg.url"
PG_PACKAGE="postgresql-15"
PG_USER="unicom-pg"
DATABASE="unicom"
SUPERUSER="postgres"
# Set from $STATE by `. "$STATE"` once a cluster runs.
CLUSTER="" BINDIR="" OWNER=""

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

ensure_installed() {
    if dpkg-query -W -f='${Status}' "$PG_PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
        return
    fi
    [ "$(id -u)" -eq 0 ] || die "$PG_PACKAGE is not installed and installing it needs root"
    log "installing $PG_PACKAGE with apt-get"
    # We make our own cluster: ask Debian not to create (and start) its default one.
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
        mkdir -p /etc/postgresql-common
        echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    fi
    export DEBIAN_FRONTEND=noninteractive
    local install=(apt-get install -y -q --no-install-recommends
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$PG_PACKAGE")
    if ! "${install[@]}" >&2; then
        apt-get update -q >&2
        "${install[@]}" >&2
    fi
}

server_bindir() {
    local initdb
    initdb="$(dpkg -L "$PG_PACKAGE" | grep -E '/bin/initdb$' | head -n 1)"
    [ -n "$initdb" ] || die "cannot find initdb in package $PG_PACKAGE"
    dirname "$initdb"
}

ensure_user() {
    # As root the server needs an unprivileged owner; as anyone else, that someone owns it.
    if [ "$(id -u)" -ne 0 ]; then
        id -un
        return
    fi
    if ! id -u "$PG_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
    fi
    echo "$PG_USER"
}

as_owner() {
    local owner="$1"
    shift
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u "$owner" -- "$@"
    else
        "$@"
    fi
}

free_port() {
    local python
    python="$(command -v python3 || true)"
    if [ -n "$python" ]; then
        "$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    else
        echo 55432
    fi
}

is_running() {
    [ -f "$STATE" ] || return 1
    # shellcheck disable=SC1090
    . "$STATE"
    as_owner "$OWNER" "$BINDIR/pg_ctl" -D "$CLUSTER/data" status >/dev/null 2>&1
}

start() {
    if is_running; then
        cat "$URL_FILE"
        return
    fi
    [ ! -f "$STATE" ] || stop
    ensure_installed
    local bindir owner cluster port password url
    bindir="$(server_bindir)"
    owner="$(ensure_user)"
    # /tmp, not $TMPDIR: the server user must be able to reach the directory, and the unix
    # socket path must stay short.
    cluster="$(mktemp -d /tmp/unicom-pg.XXXXXX)"
    chown "$owner" "$cluster"
    chmod 700 "$cluster"
    password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
    as_owner "$owner" sh -c "umask 077; printf '%s\n' '$password' > '$cluster/pwfile'"
    as_owner "$owner" "$bindir/initdb" -D "$cluster/data" -U "$SUPERUSER" \
        --pwfile="$cluster/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 \
        || { cat "$cluster/initdb.log" >&2; die "initdb failed"; }
    local attempt
    for attempt in 1 2 3; do  # a free port may be taken between choosing it and binding it
        port="$(free_port)"
        if as_owner "$owner" "$bindir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
            -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >&2; then
            break
        fi
        [ "$attempt" -lt 3 ] || { cat "$cluster/server.log" >&2; die "the server did not start"; }
    done
    as_owner "$owner" "$bindir/psql" -h "$cluster" -p "$port" -U "$SUPERUSER" -d postgres \
        -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $DATABASE" >&2
    url="postgresql+psycopg://$SUPERUSER:$password@127.0.0.1:$port/$DATABASE"
    mkdir -p "$STATE_DIR"
    printf 'CLUSTER=%q\nBINDIR=%q\nOWNER=%q\n' "$cluster" "$bindir" "$owner" >"$STATE"
    printf '%s\n' "$url" >"$URL_FILE"
    log "PostgreSQL is up on 127.0.0.1:$port (cluster in $cluster)"
    echo "$url"
}

stop() {
    [ -f "$STATE" ] || { log "no cluster is running"; return; }
    # shellcheck disable=SC1090
    . "$STATE"
    as_owner "$OWNER" "$BINDIR/pg_ctl" -D "$CLUSTER/data" -m fast -w stop >&2 || true
    case "$CLUSTER" in
        */unicom-pg.*) rm -rf -- "$CLUSTER" ;;
        *) log "not removing unexpected directory $CLUSTER" ;;
    esac
    rm -f -- "$STATE" "$URL_FILE"
    log "stopped"
}

url() {
    is_running || die "no cluster is running: run $0 start"
    cat "$URL_FILE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    url) url ;;
    *) die "usage: $0 start|stop|url" ;;
esac
