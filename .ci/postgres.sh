# Sourced by .ci/run and .ci/bench: a throw-away PostgreSQL server on 127.0.0.1:$PG_PORT with a
# role `coopstad` (CREATEDB, no superuser) and a database `coopstad`. Installs PostgreSQL from
# Debian when it is missing. Stops the server and removes its data when the script exits.
# Needs `step` and `set -euo pipefail` from the script that sources it.

PG_PORT="${PG_PORT:-54329}"
PG_DATA="$(mktemp -d /tmp/coopstad-pg.XXXXXX)"
export DEBIAN_FRONTEND=noninteractive

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    step "Installing PostgreSQL from Debian"
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
fi
PG_BIN="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"

step "Starting PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT"
if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DATA"; fi
as_postgres "$PG_BIN/initdb" --pgdata="$PG_DATA" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PG_BIN/pg_ctl" --pgdata="$PG_DATA" --log="$PG_DATA/server.log" --wait \
    --options="-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DATA -c fsync=off -c max_connections=200" start
stop_postgres() { as_postgres "$PG_BIN/pg_ctl" --pgdata="$PG_DATA" --mode=fast stop >/dev/null 2>&1 || true; rm -rf "$PG_DATA"; }
trap stop_postgres EXIT

# A role that may create the test database, as in production (no superuser).
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE coopstad LOGIN PASSWORD 'coopstad' CREATEDB" \
    -c "CREATE DATABASE coopstad OWNER coopstad"
PG_URL="postgres://coopstad:coopstad@127.0.0.1:$PG_PORT/coopstad"
