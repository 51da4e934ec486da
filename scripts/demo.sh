#!/usr/bin/env bash
# npm run demo [-- up|preview|refresh|destroy]: the quickstart stack on the local emulator with the
# real Pulumi engine, from a fresh clone. Installs what is missing (npm dependencies with Node.js 22,
# the Pulumi CLI), builds the package when its sources changed, then runs scripts/demo.ts.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/ensure-node-modules.sh"
# shellcheck source=scripts/env.sh
. "$root/scripts/env.sh"
# The demo installs the packed package (dist/), so build it when it is missing or older than a source.
if [ ! -f dist/provider/index.js ] || [ ! -f dist/emulator/cli.js ] \
   || [ -n "$(find provider emulator package.json tsconfig.json tsconfig.build.json -newer dist/provider/index.js -print -quit)" ]; then
  echo "[demo] building the package (npm run build)"
  npm run --silent build
fi
exec tsx "$root/scripts/demo.ts" "$@"
