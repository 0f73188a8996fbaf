# Shared by the arm64 scripts (source it after env.sh): cross-publishes a console project for linux-arm64.
#   arm64_publish PROJECT-DIR OUT-DIR aot|sc  NativeAOT, or a self-contained JIT build; fresh OUT-DIR; on failure
#                                             prints the build log and returns 1
#   arm64_publish_aot PROJECT-DIR OUT-DIR     the NativeAOT form
#   arm64_wasmsharp OUT-DIR                   sets arm64_cli to the NativeAOT wasmsharp to run: $WASMSHARP_ARM64_CLI
#                                             when set (tests/arm64/ci.sh publishes once and sets it for the scripts
#                                             it runs), else src/WasmSharp.Cli published into OUT-DIR; 1 on failure
arm64_publish() {
  local project=$1 out=$2 form=$3 args=(-p:PublishAot=true) what="NativeAOT"
  [ "$form" = sc ] && args=(--self-contained) && what="self-contained"
  rm -rf "$out" && mkdir -p "$out"
  if ! timed "publish $(basename "$project") ($what, linux-arm64)" dotnet publish "$project" -c Release -r linux-arm64 "${args[@]}" -o "$out" -v quiet -nologo >"$out.log" 2>&1; then
    cat "$out.log"
    return 1
  fi
}

arm64_publish_aot() {
  arm64_publish "$1" "$2" aot
}

arm64_wasmsharp() {
  if [ -n "${WASMSHARP_ARM64_CLI:-}" ]; then
    arm64_cli=$WASMSHARP_ARM64_CLI
    return 0
  fi
  arm64_publish_aot src/WasmSharp.Cli "$1" || return 1
  arm64_cli=$1/WasmSharp.Cli
}
