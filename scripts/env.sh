# Sourced by the project's scripts: puts Node.js 22 (from node_modules) and the Pulumi CLI first on
# PATH, and sets an offline, prompt-free engine environment. Expects $root to be the project root.
# shellcheck shell=bash
export PATH="$root/node_modules/.bin:$PATH"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 22 ]; then
  echo "error: Node.js 22 or later is needed, found $(node --version); run npm ci to install it" >&2
  exit 1
fi
if [ -z "${PULUMI_BIN_DIR:-}" ]; then
  PULUMI_BIN_DIR="$("$root/scripts/ensure-pulumi.sh" | tail -n 1)"
  export PULUMI_BIN_DIR
fi
# ensure-pulumi.sh puts the dynamic-provider plugin (pulumi-resource-pulumi-nodejs) next to the CLI.
export PATH="$PULUMI_BIN_DIR:$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK="${PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK:-false}"
