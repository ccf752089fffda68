#!/usr/bin/env bash
# Runs a command against a throwaway Postgres: installs Debian's `postgresql` when it is absent
# (as root, `apt-get update` first), starts a server on a free loopback port with a fresh data
# directory (as the `postgres` user when run as root: Postgres refuses to run as root), runs the
# command with DATABASE_URL pointing at it, then stops the server and removes the directory.
#
#   bash indexer/scripts/with-postgres.sh npx tsx --test indexer/test/api.test.ts
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: with-postgres.sh COMMAND [ARGS...]" >&2
  exit 2
fi

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: Postgres is not installed and installing it needs root (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "with-postgres: installing Debian's postgresql"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin="$(find_bin)"
fi

# Postgres refuses to run as root: run the server as the `postgres` user the package created.
as_db() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres
  fi
  as_db() { runuser -u postgres -- "$@"; }
fi

data="$(mktemp -d /tmp/tradechain-pg-XXXXXX)"
[ "$(id -u)" -eq 0 ] && chown postgres "$data"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

stop_db() {
  as_db "$bin/pg_ctl" -D "$data/db" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap stop_db EXIT

as_db "$bin/initdb" -D "$data/db" -U tradechain --auth=trust -E UTF8 >/dev/null
as_db "$bin/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
as_db "$bin/createdb" -h 127.0.0.1 -p "$port" -U tradechain explorer
echo "with-postgres: Postgres $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

# The server's tools (createdb, dropdb) on PATH: each explorer test suite makes its own database.
PATH="$bin:$PATH" DATABASE_URL="postgresql://tradechain@127.0.0.1:$port/explorer" "$@"
