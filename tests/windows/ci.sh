#!/usr/bin/env bash
# Windows x64 in CI, under Wine: publishes wasmsharp self-contained for win-x64 (NativeAOT for Windows cannot be
# linked on Linux) and runs it with Debian's Wine 8:
#   1. the whole spec suite (every script in ../shared/spec/wast) and tests/windows/wast/*.wast (Windows' stack rules:
#      frames over a page, the stack limit, guard-page traps) on Singlepass --cpu avx, --cpu sse4.2 and on CIL,
#      each compared script by script with the Linux build's report (built here if missing): same passed, failed
#      and skipped counts (Singlepass skips SIMD modules as "unsupported feature: simd" on both until it has SIMD);
#   2. every ../shared/bench program with its small argument, checking its checksum (tests/arm64/bench-small.py);
#   3. the whole WASI test suite (tests/windows/wasi-suite.py, 72 tests; the 5 that need a symlink are reported as
#      Wine gaps when they fail on Wine 8's stub CreateSymbolicLinkW, and only then);
#   4. WASI sandbox escapes on Windows (tests/windows/sandbox.py: "..", "\", drives, UNC and device paths, device
#      names, streams, trailing dots, case, links out): each refused with its errno, nothing outside touched.
# Facts behind it: ../shared/notes/platform.md ("Windows x64 under Wine").
#
#   tests/windows/ci.sh            (WINDOWS_OUT=dir to keep the published build elsewhere than /tmp)
#
# Prints one line per step and "windows (wine): N passed, N failed"; exits 1 if any step failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 WINEDEBUG=-all
wine=/usr/lib/wine/wine64
out=${WINDOWS_OUT:-${TMPDIR:-/tmp}/wasmsharp-win-x64}
linux=src/WasmSharp.Cli/bin/Release/net10.0/wasmsharp
spec=$(cd ../shared/spec/wast 2>/dev/null && pwd) || { echo "shared test data not found at ../shared/spec/wast"; exit 1; }
bench=$(cd ../shared/bench && pwd)
own=$(pwd)/tests/windows/wast
passed=0 failed=0

# timed LABEL CMD...: runs CMD, prints "LABEL: N.N s" on the script's stderr (fd 3, so that a redirected CMD does not
# swallow it), keeps CMD's status
exec 3>&2
timed() {
  local label=$1 start status
  shift
  start=$(date +%s.%N)
  "$@"
  status=$?
  awk -v l="$label" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%s: %.1f s\n", l, e - s }' >&3
  return $status
}

step() {
  if [ "$1" = 0 ]; then passed=$((passed + 1)); echo "ok   $2"; else failed=$((failed + 1)); echo "FAIL $2"; fi
}

if [ ! -x "$wine" ]; then
  echo "installing: wine64"
  apt-get update -qq && apt-get install -y -qq wine64 >/dev/null || { echo "FAIL cannot install wine64"; exit 1; }
fi
rm -rf "$out"
if ! timed "publish wasmsharp (win-x64, self-contained)" \
    dotnet publish src/WasmSharp.Cli -c Release -r win-x64 --self-contained -o "$out" -v quiet -nologo >"$out.log" 2>&1; then
  cat "$out.log"
  echo "FAIL publish"
  exit 1
fi
if [ ! -x "$linux" ] && ! timed "build the Linux reference" dotnet build src/WasmSharp.Cli -c Release -v quiet -nologo >"$out.linux.log" 2>&1; then
  cat "$out.linux.log"
  echo "FAIL build the Linux reference"
  exit 1
fi
linux=$(pwd)/$linux
exe=$out/WasmSharp.Cli.exe
WINEPREFIX=$(mktemp -d "${TMPDIR:-/tmp}/wasmsharp-wineprefix.XXXXXX")
export WINEPREFIX
trap 'wineserver -k >/dev/null 2>&1; rm -rf "$WINEPREFIX"' EXIT
# one persistent wineserver for every step: each test then starts in about a second instead of several
wineserver -p >/dev/null 2>&1 </dev/null
timed "wine prefix" "$wine" "$exe" --version 2>/dev/null | tr -d '\r' | sed -n 3p

# wast NAME OPTIONS...: the spec suite under Wine against the Linux report, script by script
wast() {
  local name=$1 status
  shift
  (cd "$spec" && timed "wast $name (wine)" "$wine" "$exe" wast "$@" ./*.wast "$own"/*.wast) >"$out.$name.win" 2>&1
  tr -d '\r' <"$out.$name.win" >"$out.$name.win.txt"
  (cd "$spec" && "$linux" wast "$@" ./*.wast "$own"/*.wast) >"$out.$name.linux.txt" 2>&1
  echo "     $name: windows $(tail -1 "$out.$name.win.txt"); linux $(tail -1 "$out.$name.linux.txt")"
  diff "$out.$name.linux.txt" "$out.$name.win.txt" >"$out.$name.diff"
  status=$?
  [ $status = 0 ] || head -40 "$out.$name.diff"
  step $status "spec suite, $name: the same counts as Linux"
}

wast singlepass-avx --compiler singlepass --cpu avx
wast singlepass-sse4.2 --compiler singlepass --cpu sse4.2
wast cil --compiler cil
timed "bench (wine)" python3 tests/arm64/bench-small.py "$bench" "$wine" "$exe"
step $? "bench programs (small arguments), checksums"
timed "wasi-testsuite (wine)" python3 tests/windows/wasi-suite.py ../shared/wasi-testsuite "$wine" "$exe"
step $? "WASI test suite (all 72; symlink tests are Wine gaps)"
timed "wasi sandbox escapes (wine)" python3 tests/windows/sandbox.py "$wine" "$exe"
step $? "WASI sandbox escapes on Windows"
echo "windows (wine): $passed passed, $failed failed"
[ "$failed" = 0 ]
