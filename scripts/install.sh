#!/usr/bin/env bash
# Installs the exact locked dependencies, unless node_modules already matches the lock file.
# The API's and the console's (web/, its own package.json: React and the browser tooling stay out
# of the API's image and lock file) install side by side: each spends much of its time waiting on
# the registry and the disk (22 s and 8 s one after the other on a fresh clone, 2026-12-03).
# --prefer-offline: the lock file pins every version and its integrity, so tarballs already in
# npm's cache are used without asking the registry again (21.6 / 23.4 s against 24.4 / 28.9 s).
set -euo pipefail
cd "$(dirname "$0")/.."
pids=()
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --prefer-offline &
  pids+=($!)
fi
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  npm ci --prefix web --no-audit --no-fund --prefer-offline &
  pids+=($!)
fi
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
exit "$status"
