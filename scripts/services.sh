#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on the addresses in DATABASE_URL and REDIS_URL
# (defaults: 127.0.0.1:5432 and 127.0.0.1:6379). Tries, in order: what is already running,
# docker compose (where a Docker engine answers), then the local binaries. Then creates the
# database named in DATABASE_URL if it does not exist.
set -euo pipefail
cd "$(dirname "$0")/.."

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/jembatan}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

host_port() { # url default_port -> "host port"
  node -e 'const u=new URL(process.argv[1]); console.log(u.hostname, u.port||process.argv[2])' "$1" "$2"
}
read -r PG_HOST PG_PORT <<<"$(host_port "$DATABASE_URL" 5432)"
read -r REDIS_HOST REDIS_PORT <<<"$(host_port "$REDIS_URL" 6379)"

answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_for() { # name host port
  for _ in $(seq 1 60); do answers "$2" "$3" && return 0; sleep 0.5; done
  echo "error: $1 did not come up on $2:$3" >&2
  return 1
}

docker_ok() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

start_postgres() {
  if docker_ok; then
    docker compose up -d postgres
  elif command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  else
    echo "error: PostgreSQL is not reachable on $PG_HOST:$PG_PORT and neither Docker nor a local" >&2
    echo "       PostgreSQL install was found. Install PostgreSQL 15+ (apt-get install postgresql)" >&2
    echo "       or Docker, or set DATABASE_URL to a running server." >&2
    exit 1
  fi
}

start_redis() {
  if docker_ok; then
    docker compose up -d redis
  elif command -v redis-server >/dev/null 2>&1; then
    mkdir -p /tmp/jembatan-redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
      --dir /tmp/jembatan-redis --logfile /tmp/jembatan-redis/redis.log
  else
    echo "error: Redis is not reachable on $REDIS_HOST:$REDIS_PORT and neither Docker nor a local" >&2
    echo "       redis-server was found. Install Redis 7 (apt-get install redis-server) or Docker," >&2
    echo "       or set REDIS_URL to a running server." >&2
    exit 1
  fi
}

if ! answers "$PG_HOST" "$PG_PORT"; then
  echo "PostgreSQL is not running on $PG_HOST:$PG_PORT; starting it"
  start_postgres
  wait_for PostgreSQL "$PG_HOST" "$PG_PORT"
fi
if ! answers "$REDIS_HOST" "$REDIS_PORT"; then
  echo "Redis is not running on $REDIS_HOST:$REDIS_PORT; starting it"
  start_redis
  wait_for Redis "$REDIS_HOST" "$REDIS_PORT"
fi

# Create the application database when missing (tests create their own).
DATABASE_URL="$DATABASE_URL" node -e '
const { Client } = require("pg");
(async () => {
  const url = new URL(process.env.DATABASE_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = "/postgres";
  for (let attempt = 0; ; attempt++) {
    const client = new Client({ connectionString: url.toString() });
    try {
      await client.connect();
      const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, "\"\"")}"`);
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => {});
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 500)); // the server may still be starting
    }
  }
})().catch((error) => { console.error("error: cannot prepare the database:", error.message); process.exit(1); });
'
echo "PostgreSQL ($PG_HOST:$PG_PORT) and Redis ($REDIS_HOST:$REDIS_PORT) are up."
