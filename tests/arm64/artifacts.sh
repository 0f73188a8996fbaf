#!/usr/bin/env bash
# Precompiled artifacts across ISAs: the x86-64 wasmsharp compiles for AArch64 (`compile --target aarch64`), the arm64
# NativeAOT wasmsharp runs those artifacts under qemu-aarch64 without compiling, and each side refuses the other's code
# with one error line naming both ISAs. Checked:
#   1. examples/hello.wasm and three ../shared/bench programs (small arguments, checksums from bench/README.md):
#      compiled on x86-64 for AArch64, `inspect` says "target: aarch64", x86-64 `run` refuses it (exit 1, one
#      `error:` line), the arm64 CLI runs it under qemu with the expected output;
#   2. an x86-64 artifact is refused by the arm64 CLI the same way;
#   3. the cache keys include the target: the x86-64 CLI and the arm64 CLI running one module with one --cache-dir
#      leave two entries (targets x86_64+... and aarch64), and a second arm64 run loads its entry (warm);
#   4. `create-exe` by the arm64 CLI: the executable (artifact appended) runs hello under qemu;
#   5. a module with 1.3 MiB of code, whose code the arm64 CLI maps from the artifact file instead of copying it.
#
#   WASMSHARP_ARM64_CLI=path/to/arm64/WasmSharp.Cli tests/arm64/artifacts.sh
#
# WASMSHARP_ARM64_CLI: the NativeAOT wasmsharp for linux-arm64 (as tests/arm64/ci.sh publishes it); unset, it is
# published here. WASMSHARP_CLI: the x86-64 wasmsharp (default: the JIT build, published here). Both must be built
# from the same commit (an artifact loads only into the WasmSharp build that made it). Prints one line per check and a
# summary; exits 1 if any check fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/arm64/env.sh
. tests/arm64/publish-aot.sh
start=$(date +%s)
root=$(pwd)
shared=$(cd ../shared && pwd)
out=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}/artifacts
rm -rf "$out" && mkdir -p "$out/aarch64"
libs=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}/libssl-arm64
arm64_prepare "$libs" || exit 1

arm64_wasmsharp "$out/cli-arm64" || exit 1
x64_cli=${WASMSHARP_CLI:-$out/cli-x64/WasmSharp.Cli}
if [ -z "${WASMSHARP_CLI:-}" ]; then
  timed "publish wasmsharp (x86-64)" dotnet publish src/WasmSharp.Cli -c Release -o "$out/cli-x64" -v quiet -nologo \
    >"$out/publish-x64.log" 2>&1 || { cat "$out/publish-x64.log"; exit 1; }
fi
arm64=(qemu-aarch64 -E "LD_LIBRARY_PATH=$libs/usr/lib/aarch64-linux-gnu" "$arm64_cli")
x64=("$x64_cli")

passed=0 failed=0
check() { # check LABEL OK? DETAIL
  if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok   $1"; else failed=$((failed + 1)); echo "FAIL $1: $3"; fi
}

# "error: ..." as the only stderr line, exit 1, naming both ISAs
refused() { # refused STDERR EXIT
  [ "$2" = 1 ] && [ "$(printf '%s\n' "$1" | grep -c .)" = 1 ] && [[ $1 == error:* ]] && [[ $1 == *aarch64* ]] && [[ $1 == *x86_64* ]]
}

v_x64=$("${x64[@]}" --version 2>&1 | head -n 1)
v_arm64=$("${arm64[@]}" --version 2>&1 | head -n 1)
[ "$v_x64" = "$v_arm64" ]
check "one WasmSharp build on both sides ($v_x64)" $? "x86-64 CLI is $v_x64, arm64 CLI is $v_arm64"

# programs: hello, then three bench programs with their small argument and expected output
programs=("$root/examples/hello.wasm||Hello, WebAssembly! (from hello.wsm)")
while IFS='|' read -r wasm arg expected; do programs+=("$shared/bench/$wasm|$arg|$expected"); done < <(
  awk -F'|' '{ for (i = 2; i <= NF; i++) gsub(/^ +| +$/, "", $i) }
    $2 ~ /^(fib|sha256|hashmap)\.wasm$/ { gsub(/`/, "", $7); print $2 "|" $6 "|" $7 }' "$shared/bench/README.md")
[ ${#programs[@]} = 4 ]
check "programs found (hello and fib, sha256, hashmap from bench/README.md)" $? "${#programs[@]} found"

for entry in "${programs[@]}"; do
  IFS='|' read -r wasm arg expected <<<"$entry"
  name=$(basename "$wasm" .wasm)
  artifact="$out/aarch64/$name.wsm" # hello prints its argv[0]: the file's name
  "${x64[@]}" compile --target aarch64 "$wasm" -o "$artifact" >"$out/$name.compile.log" 2>&1
  check "$name: compiled on x86-64 for aarch64" $? "$(cat "$out/$name.compile.log")"
  "${x64[@]}" inspect "$artifact" 2>&1 | grep -qE '^  target: +aarch64$'
  check "$name: inspect shows target aarch64" $? "$("${x64[@]}" inspect "$artifact" 2>&1 | head -n 5)"
  err=$("${x64[@]}" run "$artifact" ${arg:+"$arg"} 2>&1 >/dev/null); code=$?
  refused "$err" $code
  check "$name: x86-64 run refuses it" $? "exit $code: $err"
  t0=$(date +%s.%N)
  got=$("${arm64[@]}" run "$artifact" ${arg:+"$arg"} 2>"$out/$name.arm64.err"); code=$?
  secs=$(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  [ $code = 0 ] && [ "$got" = "$expected" ]
  check "$name: runs under qemu-aarch64 from the artifact ($secs s)" $? "exit $code, output '$got', expected '$expected'; $(head -c 300 "$out/$name.arm64.err")"
done

# 2. x86-64 code refused by the arm64 CLI
"${x64[@]}" compile "$root/examples/hello.wasm" -o "$out/hello.x64.wsm" >/dev/null 2>&1
err=$("${arm64[@]}" run "$out/hello.x64.wsm" 2>&1 >/dev/null); code=$?
refused "$err" $code
check "arm64 run refuses an x86-64 artifact" $? "exit $code: $err"

# 3. cache keys include the target
cache="$out/cache"
"${x64[@]}" run --cache-dir "$cache" "$root/examples/hello.wasm" >/dev/null 2>&1
"${arm64[@]}" run --cache-dir "$cache" "$root/examples/hello.wasm" >/dev/null 2>&1
targets=$(for f in "$cache"/*.wsm; do "${x64[@]}" inspect "$f" 2>/dev/null | awk '$1 == "target:" { print $2 }'; done | sed 's/+.*//' | sort | tr '\n' ' ')
[ "$targets" = "aarch64 x86_64 " ]
check "one cache, two hosts: one entry per target" $? "entry targets: '$targets'"
before=$(ls "$cache" | sort)
got=$("${arm64[@]}" run --cache-dir "$cache" "$root/examples/hello.wasm" 2>&1); code=$?
[ $code = 0 ] && [ "$got" = "Hello, WebAssembly! (from hello.wasm)" ] && [ "$(ls "$cache" | sort)" = "$before" ]
check "arm64 warm run from its cache entry" $? "exit $code, output '$got'"

# 4. create-exe on arm64
"${arm64[@]}" create-exe "$root/examples/hello.wasm" -o "$out/hello-arm64" >"$out/create-exe.log" 2>&1
check "arm64 create-exe" $? "$(cat "$out/create-exe.log")"
got=$(qemu-aarch64 -E "LD_LIBRARY_PATH=$libs/usr/lib/aarch64-linux-gnu" "$out/hello-arm64" 2>&1); code=$?
[ $code = 0 ] && [ "$got" = "Hello, WebAssembly! (from hello-arm64)" ]
check "the arm64 executable runs hello under qemu" $? "exit $code, output '$got'"

# 5. large code (30,000 checked loads, about 1.3 MiB) lies 64 KiB-aligned in its artifact and is mapped from the file
python3 tests/arm64/veneers-wasm.py 30000 >"$out/large.wasm"
"${x64[@]}" compile --target aarch64 "$out/large.wasm" -o "$out/aarch64/large.wsm" >"$out/large.compile.log" 2>&1
check "large: compiled on x86-64 for aarch64 ($(( $(stat -c %s "$out/aarch64/large.wsm") / 1024 )) KiB artifact)" $? "$(cat "$out/large.compile.log")"
sum=$("${arm64[@]}" run --invoke f "$out/aarch64/large.wsm" 0 2>&1); code=$?
trap=$("${arm64[@]}" run --invoke f "$out/aarch64/large.wsm" 65536 2>&1)
[ $code = 0 ] && [ "$sum" = 0 ] && [[ $trap == *"out of bounds memory access"* ]]
check "large: its mapped code runs under qemu-aarch64 (f(0) = 0, f(65536) traps)" $? "exit $code, '$sum'; '$(echo "$trap" | head -n 1)'"

echo "arm64 artifacts: $passed passed, $failed failed in $(( $(date +%s) - start )) s"
[ $failed = 0 ] && [ $passed -gt 0 ]
