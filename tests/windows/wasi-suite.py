#!/usr/bin/env python3
"""Runs all of ../shared/wasi-testsuite under Wine through the Windows wasmsharp (tests/arm64/wasi-suite.py's
runner: each test's directory is a private copy pre-opened as "/"; Wine sees it as Z:\\tmp\\...).

    tests/windows/wasi-suite.py SUITE_DIR COMMAND...   e.g.  wasi-suite.py ../shared/wasi-testsuite wine64 out/WasmSharp.Cli.exe

Keep a wineserver running (wineserver -p) so that each test does not pay for starting one. Prints one line per
failure and a summary; exits 1 if any test failed, or none ran.
"""
import importlib.util
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

spec = importlib.util.spec_from_file_location("wasi_suite", os.path.join(os.path.dirname(__file__), "..", "arm64", "wasi-suite.py"))
suite = importlib.util.module_from_spec(spec)
spec.loader.exec_module(suite)


def main():
    root, command = sys.argv[1], sys.argv[2:]
    tests = list(suite.tests(root))
    start = time.time()
    # Wine's start-up is mostly waiting on wineserver and the disk: a few more processes than cores keep both busy
    with ThreadPoolExecutor(max_workers=int(os.environ.get("WASI_SUITE_JOBS", (os.cpu_count() or 2) * 2))) as pool:
        results = list(pool.map(lambda t: (t[0], suite.run(*t, command)), tests))
    failed = [(test_id, problems) for test_id, problems in results if problems]
    for test_id, problems in failed:
        print(f"FAIL {test_id}: {'; '.join(problems)}")
    print(f"wasi-testsuite (wine): {len(results) - len(failed)} passed, {len(failed)} failed of {len(results)} "
          f"({time.time() - start:.0f} s)")
    sys.exit(0 if not failed and results else 1)


if __name__ == "__main__":
    main()
