#!/usr/bin/env bash
# Makes the Pulumi CLI that matches the lockfile's @pulumi/pulumi available, and prints the folder
# that holds it (last line of stdout). A `pulumi` already on PATH at that version is used as it is;
# otherwise the CLI is built from the Go module proxy into a cache outside the repo, keyed by version,
# so that only the first run pays for the build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log() { printf '[ensure-pulumi] %s\n' "$*" >&2; }
die() { printf '[ensure-pulumi] error: %s\n' "$*" >&2; exit 1; }

version="${PULUMI_VERSION:-}"
if [ -z "$version" ]; then
  lock="$root/package-lock.json"
  [ -f "$lock" ] || die "no package-lock.json in $root: run npm install first"
  version="$(node -e 'const l=require(process.argv[1]);const p=l.packages&&l.packages["node_modules/@pulumi/pulumi"];if(!p)process.exit(3);console.log(p.version)' "$lock")" \
    || die "@pulumi/pulumi is not in package-lock.json"
fi

if command -v pulumi >/dev/null 2>&1; then
  have="$(pulumi version 2>/dev/null | sed 's/^v//')"
  if [ "$have" = "$version" ]; then
    log "using pulumi v$version from PATH ($(command -v pulumi))"
    dirname "$(command -v pulumi)"
    exit 0
  fi
  log "pulumi on PATH is v${have:-unknown}, the project needs v$version: using the project's cache"
fi

cache="${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencentcloud-images/pulumi-cli}/v$version"
bin="$cache/bin"

# The dynamic-provider plugin is a small script shipped in the @pulumi/pulumi package; next to the
# pulumi binary it counts as bundled (as in the official distribution), so the engine finds it
# without a "using ... from $PATH" warning on every run. It resolves @pulumi/pulumi from the
# program's folder, so one copy serves every project at this version.
bundle_plugin() {
  local script="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [ -f "$script" ] && ! cmp -s "$script" "$1/pulumi-resource-pulumi-nodejs"; then
    cp "$script" "$1/pulumi-resource-pulumi-nodejs.tmp" && chmod +x "$1/pulumi-resource-pulumi-nodejs.tmp" \
      && mv "$1/pulumi-resource-pulumi-nodejs.tmp" "$1/pulumi-resource-pulumi-nodejs"
  fi
}

if [ -x "$bin/pulumi" ] && [ "$("$bin/pulumi" version 2>/dev/null)" = "v$version" ]; then
  bundle_plugin "$bin"
  log "using cached pulumi v$version ($bin)"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || die "pulumi v$version is not installed and there is no Go toolchain to build it: install Go (https://go.dev/dl) or put pulumi v$version on PATH"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GOFLAGS="-mod=mod"
# Fail fast, with a clear message, when the proxy does not serve this version.
if ! out="$(cd "$work" && go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$version" 2>&1)" || grep -q '"Error"' <<<"$out"; then
  die "the Go module proxy does not serve github.com/pulumi/pulumi/pkg/v3@v$version ($(grep -o '"Error": *"[^"]*' <<<"$out" | head -1 | cut -c11- || true)); pin @pulumi/pulumi to a version the proxy serves"
fi

log "building pulumi v$version from the Go module proxy into $bin (the first build takes several minutes)"
mkdir -p "$work/cli"
cd "$work/cli"
cat > go.mod <<MOD
module pulumi-cli-build

go 1.25

require (
	github.com/pulumi/pulumi/pkg/v3 v$version
	github.com/pulumi/pulumi/sdk/v3 v$version
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version" >&2
mkdir -p "$bin.tmp"
CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
  -o "$bin.tmp/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2

# The Node.js language host is only needed for `pulumi up` on a project folder; the project's own
# scripts and tests use Automation API inline programs, which do not. Build it when the proxy has it.
lh_hash="$(grep -o '"Hash": *"[0-9a-f]*' <<<"$out" | head -1 | grep -o '[0-9a-f]*$' | cut -c1-12 || true)"
if [ -n "$lh_hash" ] && (mkdir -p "$work/lh" && cd "$work/lh" && printf 'module lh\n\ngo 1.25\n' > go.mod \
   && go get "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$lh_hash" >/dev/null 2>&1 \
   && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 >&2); then
  log "built pulumi-language-nodejs at commit $lh_hash"
else
  log "note: the Go module proxy does not serve pulumi-language-nodejs at commit ${lh_hash:-?}; Automation API inline programs (all of this project's scripts and tests) work without it"
fi

bundle_plugin "$bin.tmp"
rm -rf "$bin"
mv "$bin.tmp" "$bin"
[ "$("$bin/pulumi" version)" = "v$version" ] || die "the built pulumi does not report v$version"
log "built pulumi v$version"
echo "$bin"
