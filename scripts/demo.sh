#!/usr/bin/env bash
# The README's first command: installs, brings up PostgreSQL and Redis, builds, starts Jembatan
# (API and worker in one process; migrations and reference data run on boot), plays the
# Malang -> Batam demonstration against it, and keeps the platform running until Ctrl-C.
# `bash scripts/demo.sh --exit` stops the platform after the demonstration.
set -euo pipefail
cd "$(dirname "$0")/.."

export PORT="${PORT:-3000}"
# The demonstration plays its story on a database of its own, emptied at each run: a second run
# on the same machine must tell the same story, not meet the first run's listings in the market.
# A DATABASE_URL given by the caller is used as it is and never emptied.
DEMO_DATABASE_URL="postgres://postgres@127.0.0.1:5432/jembatan_demo"
export DATABASE_URL="${DATABASE_URL:-$DEMO_DATABASE_URL}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
mkdir -p .demo

echo "==> Installing dependencies"
bash scripts/install.sh
echo "==> Checking PostgreSQL and Redis"
bash scripts/services.sh
if [ "$DATABASE_URL" = "$DEMO_DATABASE_URL" ]; then
  echo "==> Emptying the demonstration's database (jembatan_demo)"
  node -e '
    const { Client } = require("pg");
    const client = new Client({ connectionString: process.argv[1].replace(/\/jembatan_demo$/, "/postgres") });
    client.connect()
      .then(() => client.query("DROP DATABASE IF EXISTS jembatan_demo WITH (FORCE)"))
      .then(() => client.query("CREATE DATABASE jembatan_demo"))
      .then(() => client.end())
      .catch((error) => { console.error(error.message); process.exit(1); });
  ' "$DATABASE_URL"
fi
echo "==> Building"
npm run --silent build
echo "==> Building the console (web/)"
npm run --silent build:web

# The demonstration's emails (verification links) go to a local mail catcher that writes them to
# .demo/mail/, where the story reads its links as a person would read the inbox.
MAIL_DIR=.demo/mail
rm -rf "$MAIL_DIR"
SMTP_PORT="${DEMO_SMTP_PORT:-2525}"
node scripts/mail-sink.mjs --port "$SMTP_PORT" --dir "$MAIL_DIR" >.demo/mail-sink.log 2>&1 &
SINK_PID=$!
export SMTP_URL="smtp://127.0.0.1:$SMTP_PORT"

# WhatsApp goes to a local fake of the Cloud API (test/support/whatsapp-fake.ts) that
# scripts/demo-whatsapp.ts starts on this port; a deployment sets its real number and token.
WHATSAPP_PORT="${DEMO_WHATSAPP_PORT:-3901}"
export CHANNELS=whatsapp
export WHATSAPP_API_BASE_URL="http://127.0.0.1:$WHATSAPP_PORT"
export WHATSAPP_PHONE_NUMBER_ID=109876543210 WHATSAPP_ACCESS_TOKEN=demo-access-token
export WHATSAPP_APP_SECRET=demo-app-secret WHATSAPP_VERIFY_TOKEN=demo-verify-token

echo "==> Starting Jembatan on port $PORT (logs: .demo/jembatan.log; emails: $MAIL_DIR)"
node dist/main.js >.demo/jembatan.log 2>&1 &
APP_PID=$!
trap 'kill $APP_PID $SINK_PID 2>/dev/null || true; wait $APP_PID 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 $APP_PID 2>/dev/null; then
    echo "error: Jembatan stopped while starting; last log lines:" >&2
    tail -n 20 .demo/jembatan.log >&2
    exit 1
  fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/health/ready" >/dev/null

echo "==> Demonstration"
node scripts/demo.mjs "http://127.0.0.1:$PORT" "$MAIL_DIR"
echo
echo "--- WhatsApp: the founding story decided by replies (fake Cloud API on port $WHATSAPP_PORT) ---"
npx ts-node --transpile-only scripts/demo-whatsapp.ts "http://127.0.0.1:$PORT" "$WHATSAPP_PORT" .demo/accounts.json

# ===== #12 programme rails: a week of Batam's standing order, the agreement's fulfilment report
# and the regional balance (neraca). Its own script, continuing from the state demo.mjs left. =====
node scripts/demo-week.mjs "http://127.0.0.1:$PORT" .demo/programme.json
# ===== end of the programme-rails week =====

if [ "${1:-}" = "--exit" ]; then
  exit 0
fi
echo
echo "Konsol Jembatan is open at http://localhost:$PORT (API docs: http://localhost:$PORT/docs). Ctrl-C stops it."
# Open the console in the desktop's browser when there is one.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null; then
  xdg-open "http://localhost:$PORT/login" >/dev/null 2>&1 || true
fi
wait $APP_PID
