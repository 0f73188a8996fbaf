#!/usr/bin/env bash
# Backtrace offsets on AArch64: a module trapping three calls deep (division by zero, out-of-bounds load with
# guard pages and with explicit checks, unreachable, call_indirect of a missing element) runs under qemu-aarch64
# with the Singlepass compiler; its "wasm backtrace:" lines (frame, module offset, function) must equal those of the
# x86-64 run of the same CLI build, and every frame must carry an offset.
#
#   tests/arm64/backtrace-offsets.sh     (WASMSHARP_ARM64_CLI=path skips the arm64 publish; ARM64_OUT as in ci.sh)
#
# Prints one line per case and a summary "backtrace offsets: N of N cases agree"; exits non-zero on any difference.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/arm64/env.sh
. tests/arm64/publish-aot.sh
out=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}/backtrace
mkdir -p "$out"
libs=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}/libssl-arm64
arm64_prepare "$libs" || exit 1
arm64_wasmsharp "$out/arm64" || exit 1
cli=$arm64_cli
timed "build wasmsharp (x64)" dotnet build src/WasmSharp.Cli -c Release -o "$out/x64" -v quiet -nologo >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
cat >"$out/trap.wat" <<'WAT'
(module
  (type $v (func))
  (memory 1)
  (table 8 funcref)
  (func $div (param i32) (result i32) i32.const 7 local.get 0 i32.div_s)
  (func $oob (param i32) (result i32) local.get 0 i32.load offset=70000)
  (func $unreachable (param i32) (result i32) unreachable)
  (func $indirect (param i32) (result i32) i32.const 7004 call_indirect (type $v) i32.const 0)
  (func $mid (param i32 i32) (result i32) local.get 0 local.get 1 call_indirect (param i32) (result i32))
  (func (export "main") (param i32 i32) (result i32) local.get 0 local.get 1 call $mid)
  (elem (table 0) (i32.const 0) func $div $oob $unreachable $indirect))
WAT
backtrace() { grep -E '^ +[0-9]+: ' || true; }
cases=0 agree=0
for slot in 0 1 2 3; do
  for checks in guard-pages explicit; do
    cases=$((cases + 1))
    x64=$(dotnet "$out/x64/WasmSharp.Cli.dll" run --compiler singlepass --bounds-checks $checks --invoke main "$out/trap.wat" 0 $slot 2>&1 | backtrace)
    arm=$(qemu-aarch64 -E "LD_LIBRARY_PATH=$libs/usr/lib/aarch64-linux-gnu" "$cli" run --compiler singlepass --bounds-checks $checks --invoke main "$out/trap.wat" 0 $slot 2>&1 | backtrace)
    frames=$(echo "$arm" | grep -cE '^ +[0-9]+: 0x[0-9a-f]+ - ')
    if [ -n "$arm" ] && [ "$x64" = "$arm" ] && [ "$frames" = 3 ]; then
      agree=$((agree + 1))
      echo "slot $slot, $checks checks: $(echo "$arm" | tr -s ' ' | paste -sd ';')"
    else
      echo "slot $slot, $checks checks DIFFER:"; echo "x64:"; echo "$x64"; echo "arm64:"; echo "$arm"
    fi
  done
done
echo "backtrace offsets: $agree of $cases cases agree"
[ "$agree" = "$cases" ]
