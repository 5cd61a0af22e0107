#!/usr/bin/env bash
# A local cluster: one API process and three worker processes against the same PostgreSQL and
# Redis, as in a real deployment (see docs/deployment.md). Ctrl-C stops all of them.
# Workers expose Prometheus metrics on ports 9464-9466.
set -euo pipefail
cd "$(dirname "$0")/.."
export PORT="${PORT:-3000}"
WORKERS="${WORKERS:-3}"
mkdir -p .cluster
bash scripts/install.sh
bash scripts/services.sh
npm run --silent build

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

APP_ROLE=api node dist/main.js >.cluster/api.log 2>&1 &
pids+=($!)
for i in $(seq 1 "$WORKERS"); do
  METRICS_PORT=$((9463 + i)) node dist/worker.js >".cluster/worker-$i.log" 2>&1 &
  pids+=($!)
done
echo "API on http://localhost:$PORT (docs /docs, metrics /metrics); $WORKERS workers (metrics :9464-$((9463 + WORKERS))); logs in .cluster/"
wait
