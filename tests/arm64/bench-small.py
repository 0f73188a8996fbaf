#!/usr/bin/env python3
"""Runs every program of ../shared/bench with its small argument through a wasmsharp command line and checks the
checksum line against the table in ../shared/bench/README.md (the expected outputs are read from there).

    tests/arm64/bench-small.py BENCH_DIR COMMAND...   e.g.  bench-small.py ../shared/bench qemu-aarch64 out/WasmSharp.Cli

Exits 1 if any program fails or the table lists none.
"""
import os
import subprocess
import sys
import time


def programs(bench):
    for line in open(os.path.join(bench, "README.md")):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].endswith(".wasm"):
            yield cells[0], cells[4], cells[5].strip("`")


def main():
    bench, command = sys.argv[1], sys.argv[2:]
    passed, failed = 0, 0
    for wasm, arg, expected in programs(bench):
        start = time.time()
        p = subprocess.run(list(command) + ["run", os.path.join(bench, wasm), arg], capture_output=True, timeout=600)
        out = p.stdout.decode(errors="replace").strip()
        ok = p.returncode == 0 and out == expected
        passed, failed = passed + ok, failed + (not ok)
        status = "ok  " if ok else "FAIL"
        print(f"{status} {wasm} {arg}: {time.time() - start:.1f} s" + ("" if ok else f": exit {p.returncode}, {out!r}, expected {expected!r}; {p.stderr.decode(errors='replace')[-300:]}"))
    print(f"bench (small args): {passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and passed > 0 else 1)


if __name__ == "__main__":
    main()
