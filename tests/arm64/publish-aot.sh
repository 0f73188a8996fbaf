# Shared by tests/arm64/contract.sh and fuzz.sh (source it after env.sh): cross-publishes a console project with
# NativeAOT for linux-arm64.
#   arm64_publish_aot PROJECT-DIR OUT-DIR   fresh OUT-DIR; on failure prints the build log and returns 1
arm64_publish_aot() {
  local project=$1 out=$2
  rm -rf "$out" && mkdir -p "$out"
  if ! timed "publish $(basename "$project") (NativeAOT, linux-arm64)" dotnet publish "$project" -c Release -r linux-arm64 -p:PublishAot=true -o "$out" -v quiet -nologo >"$out.log" 2>&1; then
    cat "$out.log"
    return 1
  fi
}
