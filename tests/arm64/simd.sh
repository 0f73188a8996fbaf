#!/usr/bin/env bash
# SIMD on AArch64 (NEON) under qemu-aarch64 with the Singlepass compiler:
#   1. wasmsharp wast over every simd_*.wast script of ../shared/spec/wast, with guard-page bounds checks and again
#      with explicit checks (each must be: N passed, 0 failed, 0 skipped);
#   2. every ../shared/bench-simd program with its small argument, checksums from ../shared/bench-simd/README.md.
#
#   tests/arm64/simd.sh      (WASMSHARP_ARM64_CLI=path skips the NativeAOT linux-arm64 publish; ARM64_OUT: output folder)
#
# Prints each step's time and a summary line; exits non-zero if the publish or any step fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/arm64/env.sh
. tests/arm64/publish-aot.sh
start=$(date +%s)
root=$(pwd)
base=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}
out=$base/simd
shared=$(cd ../shared && pwd)
libs=$base/libssl-arm64
arm64_prepare "$libs" || exit 1
arm64_wasmsharp "$out" || exit 1
mkdir -p "$out"
run=(qemu-aarch64 -E "LD_LIBRARY_PATH=$libs/usr/lib/aarch64-linux-gnu" "$arm64_cli")
status=0

# 1. the SIMD spec scripts
cd "$shared/spec/wast" || exit 1
scripts=(simd_*.wast)
[ ${#scripts[@]} -gt 0 ] && [ -e "${scripts[0]}" ] || { echo "no simd_*.wast scripts in $shared/spec/wast"; exit 1; }
for checks in guard-pages explicit; do
  log="$out-wast-$checks.log"
  timed "spec: ${#scripts[@]} SIMD scripts, $checks bounds checks" "${run[@]}" wast --compiler singlepass --bounds-checks $checks "${scripts[@]}" >"$log" 2>&1 || status=1
  grep -vE ': [0-9]+ passed, 0 failed, 0 skipped$' "$log" | tail -n 60
  ok=$(grep -cE ': [0-9]+ passed, 0 failed, 0 skipped$' "$log")
  [ "$ok" = ${#scripts[@]} ] || { echo "spec ($checks): only $ok of ${#scripts[@]} scripts clean"; status=1; }
done
cd "$root" || exit 1

# 2. bench-simd programs, small arguments (expected outputs: the README's table, last two columns)
bench_simd() {
  python3 - "$shared/bench-simd" "${run[@]}" <<'PY'
import os, subprocess, sys, time
bench, command = sys.argv[1], sys.argv[2:]
passed = failed = 0
for line in open(os.path.join(bench, "README.md")):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) != 7 or not cells[0].endswith(".wasm"):
        continue
    wasm, arg, expected = cells[0], cells[5], cells[6].strip("`")
    t = time.time()
    p = subprocess.run(command + ["run", "--compiler", "singlepass", os.path.join(bench, wasm), arg], capture_output=True, timeout=900)
    out = p.stdout.decode(errors="replace").strip()
    ok = p.returncode == 0 and out == expected
    passed, failed = passed + ok, failed + (not ok)
    print(("ok   " if ok else "FAIL ") + f"{wasm} {arg}: {time.time() - t:.1f} s" +
          ("" if ok else f": exit {p.returncode}, {out!r}, expected {expected!r}; {p.stderr.decode(errors='replace')[-300:]}"))
print(f"bench-simd (small args): {passed} passed, {failed} failed")
sys.exit(0 if failed == 0 and passed > 0 else 1)
PY
}
timed "bench-simd (small args)" bench_simd || status=1

echo "arm64 SIMD: $([ $status = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - start )) s"
exit $status
