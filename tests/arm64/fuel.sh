#!/usr/bin/env bash
# Metering on AArch64: runs every ../shared/bench program with its small argument under qemu-aarch64 (Singlepass,
# AArch64 code) with --fuel-report, and checks that
#   1. the output is the expected checksum line (../shared/bench/README.md) and the fuel consumed equals the x64
#      Singlepass and the CIL figures, computed here with the x64 build of the same source;
#   2. a run with half that budget stops at the same point on all three: exit 134, "all fuel consumed", and the same
#      consumed figure.
#
#   tests/arm64/fuel.sh [ARM64_CLI]    ARM64_CLI (or WASMSHARP_ARM64_CLI): the NativeAOT linux-arm64 wasmsharp;
#                                      without one it is cross-published once into ${ARM64_OUT:-/tmp/wasmsharp-arm64}/fuel
#   WASMSHARP_X64_CLI=path             an x64 wasmsharp to compare with (default: a Release build of src/WasmSharp.Cli)
#
# Prints one line per program and a summary line; exits non-zero on any mismatch.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/arm64/env.sh
. tests/arm64/publish-aot.sh
start=$(date +%s)
shared=$(cd ../shared && pwd)
base=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}
out=$base/fuel
mkdir -p "$out"
libs=$base/libssl-arm64
arm64_prepare "$libs" || exit 1

WASMSHARP_ARM64_CLI=${1:-${WASMSHARP_ARM64_CLI:-}} arm64_wasmsharp "$out/cli" || exit 1
[ -x "$arm64_cli" ] || { echo "no arm64 wasmsharp at $arm64_cli"; exit 1; }
if [ -n "${WASMSHARP_X64_CLI:-}" ]; then
  x64=("$WASMSHARP_X64_CLI")
else
  timed "build wasmsharp (x64)" dotnet build src/WasmSharp.Cli -c Release -v quiet -nologo >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
  x64=(dotnet "$(ls src/WasmSharp.Cli/bin/Release/net*/WasmSharp.Cli.dll | head -n 1)")
fi
arm64=(qemu-aarch64 -E "LD_LIBRARY_PATH=$libs/usr/lib/aarch64-linux-gnu" "$arm64_cli" run --compiler singlepass)
x64_sp=("${x64[@]}" run --compiler singlepass)
x64_cil=("${x64[@]}" run --compiler cil)

# run LABEL BUDGET WASM ARG CMD...: sets $code, $stdout, $consumed, $reason (the trap line, if any)
run() {
  local budget=$1 wasm=$2 arg=$3
  shift 3
  local err
  stdout=$("$@" --fuel "$budget" --fuel-report "$wasm" "$arg" 2>"$out/stderr")
  code=$?
  err=$(cat "$out/stderr")
  consumed=$(sed -n 's/^fuel: consumed \([0-9]*\), remaining [0-9]*$/\1/p' <<<"$err")
  reason=$(grep -m1 'wasm trap' <<<"$err")
}

budget=1000000000000
passed=0 failed=0
while IFS='|' read -r _ wasm _ _ _ arg expected _; do
  wasm=$(echo "$wasm" | xargs) arg=$(echo "$arg" | xargs) expected=$(echo "$expected" | xargs | tr -d '`')
  [[ $wasm == *.wasm ]] || continue
  file=$shared/bench/$wasm
  problems=()
  run "$budget" "$file" "$arg" "${arm64[@]}"; a_code=$code a_out=$stdout a=$consumed
  run "$budget" "$file" "$arg" "${x64_sp[@]}"; s=$consumed
  run "$budget" "$file" "$arg" "${x64_cil[@]}"; c=$consumed
  [ "$a_code" = 0 ] && [ "$a_out" = "$expected" ] || problems+=("arm64 exit $a_code, output '$a_out'")
  [ -n "$a" ] && [ "$a" = "$s" ] && [ "$a" = "$c" ] || problems+=("consumed: arm64 $a, x64 singlepass $s, cil $c")
  half=$(( ${a:-2} / 2 ))
  halves=()
  for cmd in arm64 x64_sp x64_cil; do
    declare -n argv=$cmd
    run "$half" "$file" "$arg" "${argv[@]}"
    halves+=("$consumed")
    [ "$code" = 134 ] && [[ $reason == *"all fuel consumed"* ]] || problems+=("$cmd with $half: exit $code, '$reason'")
    unset -n argv
  done
  [ "${halves[0]}" = "${halves[1]}" ] && [ "${halves[0]}" = "${halves[2]}" ] || problems+=("half-budget consumed: arm64 ${halves[0]}, x64 singlepass ${halves[1]}, cil ${halves[2]}")
  if [ ${#problems[@]} = 0 ]; then
    passed=$((passed + 1))
    echo "ok   $wasm $arg: consumed $a on all three; budget $half stops at ${halves[0]} on all three"
  else
    failed=$((failed + 1))
    echo "FAIL $wasm $arg: $(IFS=';'; echo "${problems[*]}")"
  fi
done <"$shared/bench/README.md"
echo "arm64 fuel: $passed passed, $failed failed in $(( $(date +%s) - start )) s"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
