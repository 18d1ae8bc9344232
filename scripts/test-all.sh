#!/usr/bin/env bash
# Installs what the tests need (Debian packages, npm packages), builds, and runs every suite
# (unit, integration — and the browser suites as they arrive) in one vitest run. Ends with one line:
# "N passed, N failed" over all of them. Exits non-zero if anything failed or nothing ran.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh test
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
npx tsc -p tsconfig.tests.json

mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
node scripts/test-summary.mjs test-results/vitest.json || status=1
exit "$status"
