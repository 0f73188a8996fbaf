#!/usr/bin/env bash
# The AArch64 CI job: cross-publishes the NativeAOT wasmsharp command for linux-arm64 once, then runs under
# qemu-aarch64 with the Singlepass compiler (AArch64 code, guard-page bounds checks as configured by default):
#   1. wasmsharp wast over every non-SIMD script of ../shared/spec/wast (must be: N passed, 0 failed, 0 skipped),
#      with guard-page bounds checks (the SIGSEGV handler) and again with explicit checks;
#   2. a function beyond b.cond's 1 MiB reach, whose bounds checks reach their trap through veneers;
#   3. the WASI test suite, ../shared/wasi-testsuite (tests/arm64/wasi-suite.py);
#   4. every ../shared/bench program with its small argument, checksums from bench/README.md (tests/arm64/bench-small.py);
#   5. SIMD, fuel, deterministic mode, backtrace offsets, artifacts, the runtime contract and a fuzzing smoke (the
#      scripts beside this one, reusing the published CLI).
#
#   tests/arm64/ci.sh            (ARM64_OUT overrides the output folder; WASMSHARP_ARM64_CLI=path skips the publish)
#
# Exits non-zero if the publish or any step fails; prints each step's time and the total.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/arm64/env.sh
start=$(date +%s)
root=$(pwd)
out=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}/ci
shared=$(cd ../shared && pwd)
libs=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}/libssl-arm64
arm64_prepare "$libs" || exit 1
cli=${WASMSHARP_ARM64_CLI:-$out/WasmSharp.Cli}
mkdir -p "$out"
if [ -z "${WASMSHARP_ARM64_CLI:-}" ]; then
  rm -rf "$out" && mkdir -p "$out"
  if ! timed "publish wasmsharp (NativeAOT, linux-arm64)" dotnet publish src/WasmSharp.Cli -c Release -r linux-arm64 -p:PublishAot=true -o "$out" -v quiet -nologo >"$out.log" 2>&1; then
    cat "$out.log"
    exit 1
  fi
fi
run=(qemu-aarch64 -E "LD_LIBRARY_PATH=$libs/usr/lib/aarch64-linux-gnu" "$cli")
status=0

# 1. spec scripts (the SIMD ones need SIMD, which Singlepass refuses)
cd "$shared/spec/wast" || exit 1
scripts=()
for f in *.wast; do case $f in simd_*) ;; *) scripts+=("$f") ;; esac; done
for checks in guard-pages explicit; do
  timed "spec: ${#scripts[@]} non-SIMD scripts, $checks bounds checks" "${run[@]}" wast --compiler singlepass --bounds-checks $checks "${scripts[@]}" >"$out-wast-$checks.log" 2>&1 || status=1
  grep -vE ': [0-9]+ passed, 0 failed, 0 skipped$' "$out-wast-$checks.log" | tail -n 60
done
cd "$root" || exit 1

# 2. veneers: 30,000 checked loads (about 1.3 MiB of code) sum memory from address $0; 65536 traps on the first one
veneers() {
  python3 tests/arm64/veneers-wasm.py 30000 >"$out/veneers.wasm" || return 1
  local sum trap
  sum=$("${run[@]}" run --bounds-checks explicit --invoke f "$out/veneers.wasm" 0)
  trap=$("${run[@]}" run --bounds-checks explicit --invoke f "$out/veneers.wasm" 65536 2>&1)
  echo "veneers: f(0) = $sum; f(65536): $(echo "$trap" | head -n 1)"
  [ "$sum" = 0 ] && [[ $trap == *"out of bounds memory access"* ]]
}
timed "veneers" veneers || status=1

# 3. WASI test suite
timed "wasi-testsuite" python3 tests/arm64/wasi-suite.py "$shared/wasi-testsuite" "${run[@]}" || status=1

# 4. bench programs, small arguments
timed "bench (small args)" python3 tests/arm64/bench-small.py "$shared/bench" "${run[@]}" || status=1

# 5. the other AArch64 checks, each its own script reusing this CLI: SIMD (NEON) spec scripts and bench-simd, metering
#    (fuel identical to x64 and CIL), deterministic mode, backtrace offsets, precompiled artifacts across ISAs, the
#    runtime-contract suite (its own NativeAOT runner) and the differential-fuzzing smoke (its own replay program).
export WASMSHARP_ARM64_CLI=$cli
# the x86-64 CLI the benchmark smoke run published from this same commit, when there is one (else artifacts.sh publishes)
[ -x "$root/bench/.scratch/cli/WasmSharp.Cli" ] && export WASMSHARP_CLI=$root/bench/.scratch/cli/WasmSharp.Cli
timed "SIMD (NEON)" tests/arm64/simd.sh || status=1
timed "fuel" tests/arm64/fuel.sh || status=1
timed "deterministic mode" tests/deterministic/arm64.sh || status=1
timed "backtrace offsets" tests/arm64/backtrace-offsets.sh || status=1
timed "artifacts" tests/arm64/artifacts.sh || status=1
timed "runtime contract" tests/arm64/contract.sh || status=1
timed "differential fuzzing (smoke)" tests/arm64/fuzz.sh || status=1

echo "arm64 CI: $([ $status = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - start )) s"
exit $status
