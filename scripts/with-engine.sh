#!/usr/bin/env bash
# Runs a command with Node.js 22 and the project's Pulumi CLI on PATH and an offline engine
# environment (no update check, no plugin download). Each test run makes its own PULUMI_HOME and
# file backend (see test/e2e/harness).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/env.sh
. "$root/scripts/env.sh"
exec "$@"
