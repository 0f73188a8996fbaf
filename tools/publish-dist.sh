#!/usr/bin/env bash
# Builds release NativeAOT binaries of the wasmsharp command into dist/ (git-ignored):
#   dist/wasmsharp-linux-x64/wasmsharp and dist/wasmsharp-linux-arm64/wasmsharp (one file each, plus its .dbg symbols).
# Needs (Debian 12): clang zlib1g-dev; for linux-arm64 also the cross C runtime: gcc-aarch64-linux-gnu
#   libc6-dev-arm64-cross (the arm64 link runs `clang --target=aarch64-linux-gnu`). The ILCompiler packages come from NuGet.
# A NativeAOT build has no CIL compiler (Reflection.Emit needs a JIT): it runs Singlepass, and says so for --compiler cil.
# Usage: tools/publish-dist.sh [RID...]   (default: linux-x64 linux-arm64)
set -euo pipefail
cd "$(dirname "$0")/.."
rids=("$@"); [ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64)

need() { command -v "$1" >/dev/null || { echo "error: $1 is missing; install the Debian package $2" >&2; exit 1; }; }
need clang clang
for rid in "${rids[@]}"; do
  case $rid in
    linux-x64) ;;
    linux-arm64)
      need aarch64-linux-gnu-objcopy binutils-aarch64-linux-gnu
      [ -f /usr/aarch64-linux-gnu/lib/crt1.o ] || { echo "error: the arm64 C runtime is missing; install libc6-dev-arm64-cross gcc-aarch64-linux-gnu" >&2; exit 1; } ;;
    *) echo "error: unsupported runtime identifier '$rid' (linux-x64 or linux-arm64)" >&2; exit 2 ;;
  esac
done

for rid in "${rids[@]}"; do
  out=dist/wasmsharp-$rid
  rm -rf "$out"
  start=$(date +%s)
  # arm64: ILCompiler links with clang --target=aarch64-linux-gnu, which finds Debian's cross C runtime by itself
  extra=(); [ "$rid" = linux-arm64 ] && extra=(-p:ObjCopyName=aarch64-linux-gnu-objcopy)
  dotnet publish src/WasmSharp.Cli -c Release -r "$rid" -p:PublishAot=true -p:CI=true "${extra[@]}" -o "$out" --nologo -v quiet
  # keep the binary (published as WasmSharp.Cli, copied to wasmsharp) and its native symbols; the managed PDBs and
  # XML docs of the assemblies compiled into it are of no use beside it
  mv "$out/WasmSharp.Cli.dbg" "$out/wasmsharp.dbg"
  rm -f "$out/WasmSharp.Cli" "$out"/*.pdb "$out"/*.xml
  echo "$out/wasmsharp: $(du -h "$out/wasmsharp" | cut -f1), $(( $(date +%s) - start )) s"
done
