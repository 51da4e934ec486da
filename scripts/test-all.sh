#!/usr/bin/env bash
# The one test command (npm test): installs what is missing (npm dependencies with Node.js 22, the
# Pulumi CLI), then runs lint, the type check, the build, unit tests, emulator tests and end-to-end
# tests with the real Pulumi engine. Fails at the first failing stage.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/ensure-node-modules.sh"
# shellcheck source=scripts/env.sh
. "$root/scripts/env.sh"
echo "[test] node $(node --version), $("$PULUMI_BIN_DIR/pulumi" version | sed 's/^/pulumi /')"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
stage() { echo; echo "=== $1"; shift; "$@" 2>&1 | tee -a "$log"; }
stage "lint" npm run --silent lint
stage "type check" npm run --silent typecheck
stage "build" npm run --silent build
stage "unit tests" npm run --silent test:unit
stage "emulator tests" npm run --silent test:emulator
# Built above: the end-to-end files run on that build (npm run test:e2e builds first when run alone).
stage "end-to-end tests (real Pulumi engine)" bash scripts/run-e2e.sh
# One closing line for the whole run, summed over every mocha stage.
sum() { grep -oE "[0-9]+ $1" "$log" | awk '{ n += $1 } END { print n + 0 }'; }
echo; echo "[test] all stages passed"
echo "$(sum passing) passed, $(sum failing) failed, $(sum pending) skipped"
