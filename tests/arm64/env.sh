# Shared by the arm64 scripts: installs what emulation and cross-publishing need, and times steps.
# Facts behind it: ../shared/notes/platform.md ("AArch64 under emulation").

export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export QEMU_LD_PREFIX=/usr/aarch64-linux-gnu
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

# apt packages: qemu-aarch64 and the arm64 C/C++ runtime it loads programs against; clang/lld to link NativeAOT.
arm64_install() {
  local need=()
  command -v qemu-aarch64 >/dev/null || need+=(qemu-user)
  [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] || need+=(libc6-arm64-cross)
  [ -e /usr/aarch64-linux-gnu/lib/libgcc_s.so.1 ] || need+=(gcc-aarch64-linux-gnu)
  [ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ] || need+=('libstdc++6-arm64-cross')
  if [ "${1:-}" = aot ]; then
    command -v clang >/dev/null || need+=(clang)
    command -v ld.lld >/dev/null || need+=(lld)
    command -v aarch64-linux-gnu-objcopy >/dev/null || need+=(binutils-aarch64-linux-gnu)
  fi
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

# timed LABEL CMD...: runs CMD, prints "LABEL: N.N s" on the script's stderr (fd 3, so a redirected CMD does not
# swallow it), keeps CMD's exit status.
exec 3>&2
timed() {
  local label=$1 start end status
  shift
  start=$(date +%s.%N)
  "$@"
  status=$?
  end=$(date +%s.%N)
  awk -v l="$label" -v s="$start" -v e="$end" 'BEGIN { printf "%s: %.1f s\n", l, e - s }' >&3
  return $status
}

# arm64 libssl3, which .NET's cryptography loads (WASI random_get uses RandomNumberGenerator), unpacked into $1 from
# the arm64 .deb with an apt state of its own (the host's stays untouched); run programs with
# qemu-aarch64 -E LD_LIBRARY_PATH="$1/usr/lib/aarch64-linux-gnu".
arm64_libssl() {
  local dir=$1 state="$1.apt"
  [ -e "$dir/usr/lib/aarch64-linux-gnu/libssl.so.3" ] && return 0
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$dir"
  local opts=(-o APT::Architecture=arm64 -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" -o Dir::State::status=/dev/null)
  apt-get "${opts[@]}" update -qq && (cd "$state" && apt-get "${opts[@]}" download libssl3 >/dev/null) &&
    dpkg -x "$state"/libssl3_*.deb "$dir"
}

# arm64_prepare LIBS-DIR: what every arm64 script needs before it runs anything under qemu — the emulation and
# cross-publishing packages (arm64_install aot) and arm64 libssl3 in LIBS-DIR (arm64_libssl); 1 on failure.
arm64_prepare() {
  timed "install" arm64_install aot || return 1
  timed "arm64 libssl" arm64_libssl "$1" >/dev/null 2>&1 || { echo "cannot fetch arm64 libssl3"; return 1; }
}
