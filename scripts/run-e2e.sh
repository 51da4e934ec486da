#!/usr/bin/env bash
# Runs each end-to-end test file in its own mocha process: every file drives the real engine through
# Automation API inline programs, whose Pulumi runtime state is global to a process, and one file's
# leftovers (a killed engine, dropped connections) must not decide another file's result.
# Usage: scripts/run-e2e.sh [test/e2e/<file>.test.ts ...]   (default: every file)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(ls test/e2e/*.test.ts)
failed=()
for file in "${files[@]}"; do
  echo "--- $file"
  mocha --config .mocharc.e2e.json "$file" || failed+=("$file")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "end-to-end files with failures: ${failed[*]}" >&2
  exit 1
fi
