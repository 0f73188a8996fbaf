#!/usr/bin/env bash
# Singlepass SIMD through the CLI: all 146 spec scripts (56 simd_*) on the AVX and SSE4.2 paths, with guard pages and
# with explicit bounds checks, then the three ../shared/bench-simd programs (small arguments) on each path.
# Prints one summary line "N passed, N failed" and exits non-zero on any failure. Needs ../shared beside the repo.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
dotnet build src/WasmSharp.Cli -c Release --nologo -v quiet >&2 || exit 1
cli=src/WasmSharp.Cli/bin/Release/net10.0/wasmsharp
spec=../shared/spec/wast
passed=0 failed=0
cpus=(sse4.2)
grep -qw avx /proc/cpuinfo && cpus+=(avx)
for cpu in "${cpus[@]}"; do
  for checks in guard-pages explicit; do
    line=$("$cli" wast --compiler singlepass --cpu "$cpu" --bounds-checks "$checks" "$spec"/*.wast 2>&1 | tail -1)
    echo "wast $cpu $checks: $line"
    read -r p _ f _ s _ <<<"${line//,/}"
    if [[ "$p" =~ ^[0-9]+$ && "$f" == 0 && "$s" == 0 ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
  while IFS='|' read -r _ file _ _ _ _ arg expected _; do
    file=$(echo "$file" | xargs); arg=$(echo "$arg" | xargs); expected=$(echo "$expected" | xargs | tr -d '`')
    out=$("$cli" run --compiler singlepass --cpu "$cpu" "../shared/bench-simd/$file" "$arg" 2>&1)
    if [[ "$out" == "$expected" ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $cpu $file $arg: $out" >&2; fi
  done < <(grep '^| v[a-z]*\.wasm' ../shared/bench-simd/README.md)
done
echo "simd-x64: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
