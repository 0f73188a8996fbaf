#!/bin/bash
# Rebuilds the test programs with emcc (Debian 12: apt-get install emscripten, 3.1.6) and regenerates the expected
# outputs by running each build under node with emcc's own glue. The tests need neither: they use what this
# commits (wasm/MODE/NAME.wasm, expected/MODE/NAME.stdout and .exit).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# emcc's JS optimizer (-O2 and up) needs acorn, which Debian installs outside node's default path
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

mode_flags() {
  case "$1" in
    js) echo "" ;;
    opt) echo "-O2" ;;
    standalone) echo "-sSTANDALONE_WASM" ;;
    *) echo "unknown mode $1" >&2; exit 1 ;;
  esac
}

build() { # name flags args env stdin mode
  local name="$1" flags="$2" args="$3" env="$4" stdin="$5" mode="$6"
  local src compiler
  if [ -f "programs/$name.cpp" ]; then src="programs/$name.cpp"; compiler=em++; else src="programs/$name.c"; compiler=emcc; fi
  mkdir -p "$tmp/$mode" "wasm/$mode" "expected/$mode"
  # shellcheck disable=SC2086 # flags are words
  "$compiler" "$src" $flags $(mode_flags "$mode") --pre-js programs/pre.js -o "$tmp/$mode/$name.js"
  cp "$tmp/$mode/$name.wasm" "wasm/$mode/$name.wasm"
  local input=/dev/null
  [ -n "$stdin" ] && input="$here/programs/$stdin"
  local code=0
  # shellcheck disable=SC2086 # args are words
  (cd "$tmp/$mode" && EMTEST_GUEST_ENV="$env" node --no-experimental-fetch "$name.js" $args < "$input" \
    > "$here/expected/$mode/$name.stdout" 2> /dev/null) || code=$?
  echo "$code" > "expected/$mode/$name.exit"
  echo "$mode/$name: exit $code"
}

while IFS='|' read -r name flags args env stdin modes _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  for mode in $modes; do build "$name" "$flags" "$args" "$env" "$stdin" "$mode"; done
done < programs/cases.txt

# standalone timing: run by TimingTests against the JavaScript-mode expectation (see cases.txt)
emcc programs/timing.c -sSTANDALONE_WASM -o "$tmp/timing.js"
cp "$tmp/timing.wasm" wasm/standalone/timing.wasm
echo "standalone/timing: built"

# refused: -O3 in JavaScript mode minifies import names (see README)
mkdir -p wasm/refused
emcc -O3 programs/hello.c -o "$tmp/minified.js"
cp "$tmp/minified.wasm" wasm/refused/minified.wasm
echo "refused/minified: built"
