#!/usr/bin/env bash
# The test command of the README: installs, makes sure PostgreSQL and Redis are up, then runs
# every jest test (unit, integration, e2e) against a separate database (jembatan_test) and Redis
# key prefix (jembatan-test). Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/services.sh >/dev/null
# --forceExit: BullMQ/ioredis clients that tests point at a closed port on purpose keep a
# reconnect timer that outlives their close(); it must not hold the run open.
set +e
# The console's tests (web/): Vitest component tests and the browser e2e tests. With
# WEB_TEST_RESULTS set (.ci/run does), their JSON report goes there to be counted with jest's.
web_report=()
if [ -n "${WEB_TEST_RESULTS:-}" ]; then
  # Vitest runs in web/: a relative path must still name the file .ci/run reads.
  case "$WEB_TEST_RESULTS" in /*) ;; *) WEB_TEST_RESULTS="$PWD/$WEB_TEST_RESULTS" ;; esac
  web_report=(--reporter=default --reporter=json "--outputFile.json=$WEB_TEST_RESULTS")
fi
# They run alongside jest: the browser stories spend most of their time waiting on the platform
# they drive (its own database, Redis prefix and ports), and jest's files wait on timers and I/O,
# so neither keeps two cores busy alone. Their output is printed after jest's, in one piece.
web_log=$(mktemp)
(cd web && npx vitest run "${web_report[@]}") >"$web_log" 2>&1 &
web_pid=$!
# Test files run in parallel (JEST_WORKERS), each on its own database cloned from the migrated
# template and its own Redis prefix (test/setup/file-database.ts). The default is 3 on this 2-core
# machine and CI's: a file spends much of its time waiting (timers, locks, PostgreSQL), so jest
# alone with 2 keeps the cores about 73 % busy, and a third file fills the gaps. Whole command, same
# machine and hour on 2026-12-03: 205 and 210 s with 3 (95 % busy), 224 s with 2. On 2026-12-02
# 4 workers thrashed (801 s against 703 s with 2). JEST_WORKERS=1 runs them one at a time.
npx jest --maxWorkers="${JEST_WORKERS:-3}" --forceExit "$@"
jest_status=$?
wait "$web_pid"
web_status=$?
echo
echo "── the console's tests (web/, Vitest) ──"
cat "$web_log"
rm -f "$web_log"
[ "$jest_status" -ne 0 ] && exit "$jest_status"
exit "$web_status"
