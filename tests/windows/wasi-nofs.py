#!/usr/bin/env python3
"""Runs the tests of ../shared/wasi-testsuite that need no pre-opened directory through a wasmsharp command line
(tests/arm64/wasi-suite.py's runner), and reports the others as skipped: WASI on Windows has no file system yet.

    tests/windows/wasi-nofs.py SUITE_DIR COMMAND...   e.g.  wasi-nofs.py ../shared/wasi-testsuite wine64 out/WasmSharp.Cli.exe

Exits 1 if any test that ran failed, or none ran.
"""
import importlib.util
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor

spec = importlib.util.spec_from_file_location("wasi_suite", os.path.join(os.path.dirname(__file__), "..", "arm64", "wasi-suite.py"))
suite = importlib.util.module_from_spec(spec)
spec.loader.exec_module(suite)


def needs_directory(d, name):
    path = os.path.join(d, name + ".json")
    return os.path.exists(path) and isinstance(json.load(open(path)).get("root"), str)


def main():
    root, command = sys.argv[1], sys.argv[2:]
    runnable, skipped = [], 0
    for test in suite.tests(root):
        if needs_directory(test[1], test[2]):
            skipped += 1
        else:
            runnable.append(test)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda t: (t[0], suite.run(*t, command)), runnable))
    failed = [(test_id, problems) for test_id, problems in results if problems]
    for test_id, problems in failed:
        print(f"FAIL {test_id}: {'; '.join(problems)}")
    print(f"wasi-testsuite (no file system): {len(results) - len(failed)} passed, {len(failed)} failed, "
          f"{skipped} skipped (they pre-open a directory: WASI on Windows has no file system yet)")
    sys.exit(0 if not failed and results else 1)


if __name__ == "__main__":
    main()
