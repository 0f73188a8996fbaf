#!/usr/bin/env bash
# Cross-publishes the wasmsharp command for linux-arm64 and runs spec scripts under qemu-aarch64, timing both:
# the measurement behind running the spec suite on arm64 in CI.
#
#   tests/arm64/cli-wast.sh [aot|sc] [wasmsharp wast options...] [-- script.wast...]
#   e.g. tests/arm64/cli-wast.sh aot --compiler none                   (every script in ../shared/spec/wast)
#        tests/arm64/cli-wast.sh sc --compiler cil -- i32.wast i64.wast (names relative to ../shared/spec/wast)
#
# Exits with the wast command's status.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/arm64/env.sh
. tests/arm64/publish-aot.sh
form=${1:-aot}
shift || true
options=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do options+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
out=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}/cli-$form
spec=$(cd ../shared/spec/wast && pwd)
timed "install" arm64_install "$([ "$form" = sc ] || echo aot)" || exit 1
arm64_publish src/WasmSharp.Cli "$out" "$form" || exit 1
cd "$spec" || exit 1
[ $# -gt 0 ] || set -- *.wast
timed "wast (${#} scripts) under qemu ($form)" qemu-aarch64 "$out/WasmSharp.Cli" wast "${options[@]}" "$@"
