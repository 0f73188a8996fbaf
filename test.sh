#!/usr/bin/env bash
# Runs every test project and ends with one line: "N passed, N failed, N skipped".
# Needs ../shared beside the repository (the spec suite, WASI tests and benchmark programs).
set -uo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
dotnet test WasmSharp.slnx -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# dotnet test prints one "Passed!/Failed! - Failed: F, Passed: P, Skipped: S, Total: T" line per test assembly
read -r passed failed skipped < <(grep -Eo 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
  awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
# a crashed test host reports only the tests that ran before the crash: count the crash as a failure
if grep -qE 'Test Run Aborted|Test host process crashed' "$log"; then
  echo "a test host crashed (see above)"
  failed=$((failed + 1))
fi
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
