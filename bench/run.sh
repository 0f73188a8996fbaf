#!/usr/bin/env bash
# The side-by-side benchmark report: WasmSharp next to native code, Wasmtime (Cranelift, Winch) and V8 (node).
#   bench/run.sh            full run (~30-40 min on 2 cores): writes bench/results/latest.md, .csv and .scaling.png
#   bench/run.sh --smoke    every column once on the smallest program, small args (~2 min, for CI):
#                           writes bench/.scratch/smoke/latest.md; exits 1 on any wrong result
# Extra arguments go to `WasmSharp.Bench report` (--runs N, --out FILE.md, --sections run-time,compile,scaling,startup,warm-start); WASMSHARP_CLI=PATH measures another wasmsharp build.
# Full runs also publish the NativeAOT wasmsharp into bench/.scratch/cli-aot, as users ship it: the Singlepass run-time
# columns and the start-up rows (cold/warm, create-exe) run it (WASMSHARP_AOT_CLI=PATH uses another); the CIL columns
# need the JIT and run the JIT build. The smoke run uses the JIT build throughout.
# WasmSharp, the Wasmtime host and node print their compile and run phases (WASMSHARP_TIMINGS=1, set by the report).
# Installs what is missing (clang, GNU time; the large npm modules via fetch-large-modules.sh), publishes the
# wasmsharp CLI into bench/.scratch/cli and builds the harness. Needs node (20+) and ../shared beside the repository.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v clang >/dev/null || need+=(clang)
[ -x /usr/bin/time ] || need+=(time)
command -v node >/dev/null || need+=(nodejs)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi

# The WasmSharp columns run the CLI as a child process, like every other runtime. The JIT build (the CIL columns)
# is published ReadyToRun for this machine: its own code starts precompiled, not JIT-compiled at start-up. Full runs
# publish it self-contained with one composite ReadyToRun image of the app and the framework, which also
# precompiles the framework's generics over WasmSharp's types (a framework-dependent build JIT-compiles ~400 methods at
# start-up), and the Wasmtime host likewise (bench/.scratch/wasmtime-host), so both .NET hosts start the same way.
# Each gets its own --artifacts-path: a composite build must not share obj/ with the framework-dependent one.
rid=linux-$(uname -m | sed 's/^x86_64$/x64/; s/^aarch64$/arm64/')
if [[ " $* " == *" --smoke "* ]]; then
  dotnet publish src/WasmSharp.Cli -c Release -r "$rid" --self-contained false -o bench/.scratch/cli --nologo -v quiet >&2
else
  composite=(-c Release -r "$rid" --self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true --nologo -v quiet)
  rm -rf bench/.scratch/cli bench/.scratch/wasmtime-host
  dotnet publish src/WasmSharp.Cli "${composite[@]}" --artifacts-path bench/.scratch/artifacts/cli -o bench/.scratch/cli >&2
  dotnet publish bench/WasmSharp.Bench "${composite[@]}" --artifacts-path bench/.scratch/artifacts/wasmtime-host -o bench/.scratch/wasmtime-host >&2
  if [ -z "${WASMSHARP_AOT_CLI:-}" ]; then
    dotnet publish src/WasmSharp.Cli -c Release -r linux-x64 -p:PublishAot=true -o bench/.scratch/cli-aot --nologo -v quiet >&2
  fi
fi
dotnet build bench/WasmSharp.Bench -c Release --nologo -v quiet >&2
exec dotnet bench/WasmSharp.Bench/bin/Release/net10.0/WasmSharp.Bench.dll report "$@"
