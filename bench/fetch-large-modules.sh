#!/usr/bin/env bash
# Installs public npm packages that ship large .wasm files, at pinned versions, into bench/.scratch (never committed).
# Prints the paths of the .wasm files it provides.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scratch="$here/.scratch"
mkdir -p "$scratch"
# esbuild (Go, ~10 MB of code), swc (Rust, ~17 MB), resvg (Rust, ~2 MB): three toolchains, three sizes.
packages=(esbuild-wasm@0.28.2 @swc/wasm@1.16.18 @resvg/resvg-wasm@2.6.2)
if [ ! -f "$scratch/.installed" ] || [ "$(cat "$scratch/.installed")" != "${packages[*]}" ]; then
  (cd "$scratch" && npm install --no-save --no-audit --no-fund --ignore-scripts --prefix "$scratch" "${packages[@]}" >&2)
  echo "${packages[*]}" > "$scratch/.installed"
fi
echo "$scratch/node_modules/esbuild-wasm/esbuild.wasm"
echo "$scratch/node_modules/@swc/wasm/wasm_bg.wasm"
echo "$scratch/node_modules/@resvg/resvg-wasm/index_bg.wasm"
