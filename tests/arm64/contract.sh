#!/usr/bin/env bash
# The runtime-contract suite (tests/WasmSharp.Contract: traps with backtraces, host exceptions, re-entrancy, stack
# exhaustion, interruption, memory growth, guard-page traps while another thread forces GCs, link errors) against
# Singlepass AArch64: cross-publishes tests/WasmSharp.Contract.Runner with NativeAOT for linux-arm64 and runs it under
# qemu-aarch64. The same checks run on x64 in xunit (tests/WasmSharp.Singlepass.Tests, RuntimeContractTests).
#
#   tests/arm64/contract.sh [SUBSTRING...]   (ARM64_OUT overrides the output folder; WASMSHARP_ARM64_CONTRACT=path
#                                             skips the publish; SUBSTRINGs select checks by name)
#
# Prints one line per check and "runtime contract (Arm64, NativeAOT): N passed, 0 failed, 0 skipped in T s";
# exits non-zero if the publish or any check fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
. tests/arm64/env.sh
. tests/arm64/publish-aot.sh
start=$(date +%s)
out=${ARM64_OUT:-${TMPDIR:-/tmp}/wasmsharp-arm64}/contract
timed "install" arm64_install aot || exit 1
runner=${WASMSHARP_ARM64_CONTRACT:-$out/WasmSharp.Contract.Runner}
[ -n "${WASMSHARP_ARM64_CONTRACT:-}" ] || arm64_publish_aot tests/WasmSharp.Contract.Runner "$out" || exit 1
timed "runtime contract under qemu-aarch64" qemu-aarch64 "$runner" "$@"
status=$?
echo "arm64 contract: $([ $status = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - start )) s"
exit $status
