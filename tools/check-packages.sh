#!/usr/bin/env bash
# Packs every NuGet package into artifacts/packages (git-ignored), then proves them as a user would:
#  1. installs the wasmsharp .NET tool from that feed into a temporary folder and runs examples/hello.wasm;
#  2. creates a fresh console app (dotnet new console) referencing the local WasmSharp package and runs the README's
#     embedding example, extracted from README.md so the README cannot drift from what is tested.
# Needs: the .NET 10 SDK and nuget.org (the packages' own dependencies); nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
feed=$repo/artifacts/packages
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$feed"
# the WasmSharp package builds Singlepass from its pack target, which does not restore it
dotnet restore src/WasmSharp.Singlepass --nologo -v quiet
for project in WasmSharp WasmSharp.Cil WasmSharp.Wasi WasmSharp.Cli; do
  dotnet pack "src/$project" -c Release -o "$feed" -p:CI=true --nologo -v quiet
done
version=$(basename "$(ls "$feed"/WasmSharp.Cli.*.nupkg)" .nupkg); version=${version#WasmSharp.Cli.}
echo "packed $version:"; (cd "$feed" && ls -1)
for id in WasmSharp WasmSharp.Cil WasmSharp.Wasi WasmSharp.Cli; do
  for ext in nupkg snupkg; do
    [ -f "$feed/$id.$version.$ext" ] || { echo "missing package $id.$version.$ext" >&2; exit 1; }
  done
done
# the WasmSharp package carries the core and Singlepass, with their XML docs
# (the listing is read whole first: grep -q would stop reading early and fail the pipe under pipefail)
listing=$(unzip -l "$feed/WasmSharp.$version.nupkg")
grep -q 'lib/net10.0/WasmSharp.Singlepass.dll' <<<"$listing" || { echo "WasmSharp package lacks Singlepass" >&2; exit 1; }
grep -q 'lib/net10.0/WasmSharp.xml' <<<"$listing" || { echo "WasmSharp package lacks its XML docs" >&2; exit 1; }

# From here on a private NuGet cache: the tool and the app get the packages just made, never an earlier install of
# the same version. (Not for the pack above: the repository's own obj/ must keep pointing at the usual cache.)
export NUGET_PACKAGES=$tmp/nuget-cache

# 1. the tool, from the local feed only
dotnet tool install --tool-path "$tmp/tools" WasmSharp.Cli --version "$version" --add-source "$feed" >/dev/null
hello=$("$tmp/tools/wasmsharp" run examples/hello.wasm)
echo "tool: $hello"
[ "$hello" = "Hello, WebAssembly! (from hello.wasm)" ] || { echo "the installed tool printed the wrong greeting" >&2; exit 1; }

# 2. a fresh console app embedding the runtime from the local package
app=$tmp/app
dotnet new console -o "$app" -n EmbedCheck --no-restore >/dev/null
cat > "$app/nuget.config" <<CONFIG
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
CONFIG
(cd "$app" && dotnet add package WasmSharp --version "$version" >/dev/null)
# the first csharp block of the README's "Embedding" section, verbatim
awk '/^## Embedding/{s=1} s&&/^```csharp/{c=1;next} c&&/^```/{exit} c' README.md > "$app/Program.cs"
[ -s "$app/Program.cs" ] || { echo "no csharp block under '## Embedding' in README.md" >&2; exit 1; }
out=$(cd "$app" && dotnet run -c Release)
echo "embedding example:"; echo "$out"
expected=$'log: 1\n1 + 2 = 3\nlog: 3\n3 + 4 = 7\nmemory[16] = 42, grown from 1 page'
[ "$out" = "$expected" ] || { echo "the README's embedding example printed something else; expected:" >&2; echo "$expected" >&2; exit 1; }
echo "packages OK"
