#!/usr/bin/env bash
# Rebuilds the example programs from their C sources; the .wasm files are committed, so nothing else needs a toolchain.
# Debian: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32
set -euo pipefail
cd "$(dirname "$0")"
for c in hello yes lines isatty; do
  clang --target=wasm32-wasi -O2 -Wl,--strip-debug -o "$c.wasm" "$c.c"
done
