#!/usr/bin/env bash
# Deterministic mode on AArch64 (qemu): cross-publishes the NativeAOT wasmsharp command for linux-arm64 and runs,
# with --deterministic on Singlepass AArch64,
#   1. tests/deterministic/*.wast (nan, nan-simd, stack, stack-simd): the same exact NaN bits, scalar and SIMD (NEON),
#      and exhaustion depths the x86-64 and CIL compilers give (tests/WasmSharp.Singlepass.Tests DeterministicTests
#      runs them there);
#   2. every script of ../shared/spec/wast, SIMD included, in two processes (must be: N passed, 0 failed, 0 skipped).
#
#   tests/deterministic/arm64.sh      (DET_ARM64_OUT overrides the output folder; WASMSHARP_ARM64_CLI=path skips the publish)
#
# Prints one summary line and exits non-zero if the publish or any step fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/arm64/env.sh
. tests/arm64/publish-aot.sh
root=$(pwd)
out=${DET_ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-det-arm64}
shared=$(cd ../shared && pwd)
libs=$out/libssl-arm64
arm64_prepare "$libs" || exit 1
arm64_wasmsharp "$out/cli" || { echo "deterministic arm64: publish failed"; exit 1; }
run=(qemu-aarch64 -E "LD_LIBRARY_PATH=$libs/usr/lib/aarch64-linux-gnu" "$arm64_cli")
status=0
summary=()

step() { # step LABEL LOG ARGS...: runs wasmsharp wast under qemu, keeps its totals line
  local label=$1 log=$2
  shift 2
  timed "$label" "${run[@]}" wast --compiler singlepass --deterministic "$@" >"$log" 2>&1 || status=1
  local total
  total=$(tail -n 1 "$log")
  echo "$label: $total"
  case $total in *" 0 failed, 0 skipped") ;; *) status=1; grep -m 20 FAIL "$log" ;; esac
  summary+=("$label: $total")
}

step "deterministic scripts" "$out/det.log" "$root"/tests/deterministic/*.wast
cd "$shared/spec/wast" || exit 1
# two processes: qemu keeps what every module mapped, and all 146 scripts in one process outgrew 22 GB
scripts=() simd=()
for f in *.wast; do case $f in simd_*) simd+=("$f") ;; *) scripts+=("$f") ;; esac; done
step "spec: ${#scripts[@]} non-SIMD scripts" "$out/spec.log" "${scripts[@]}"
step "spec: ${#simd[@]} SIMD scripts" "$out/spec-simd.log" "${simd[@]}"

if [ $status -eq 0 ]; then echo "deterministic arm64: PASS (${summary[*]})"; else echo "deterministic arm64: FAIL (${summary[*]})"; fi
exit $status
