#!/usr/bin/env python3
"""Runs all of ../shared/wasi-testsuite under Wine through the Windows wasmsharp (tests/arm64/wasi-suite.py's
runner: each test's directory is a private copy pre-opened as "/"; Wine sees it as Z:\\tmp\\...).

    tests/windows/wasi-suite.py SUITE_DIR COMMAND...   e.g.  wasi-suite.py ../shared/wasi-testsuite wine64 out/WasmSharp.Cli.exe

Keep a wineserver running (wineserver -p) so that each test does not pay for starting one. Prints one line per
failure and a summary; exits 1 if any test failed, or none ran.

Wine 8 cannot make symlinks: CreateSymbolicLinkW is a stub that returns success and makes nothing ("wine cmd /c
mklink /d l t" exits 0 and no l appears), so WasmSharp's path_symlink reports ENOTSUP. The tests that need a
symlink are reported as Wine gaps, and only when they fail in exactly that way (the guest panics on NOTSUP from
creating one); any other failure of theirs counts as a failure.
"""
import importlib.util
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

spec = importlib.util.spec_from_file_location("wasi_suite", os.path.join(os.path.dirname(__file__), "..", "arm64", "wasi-suite.py"))
suite = importlib.util.module_from_spec(spec)
spec.loader.exec_module(suite)


WINE_GAPS = {"rust/nofollow_errors", "rust/path_exists", "rust/readlink", "rust/symlink_create", "rust/symlink_filestat"}
SYMLINK_NOTSUP = 'code: 58, name: "NOTSUP"'


# the shared runner keeps only the end of stderr; the guest's panic message is at its start
stderr_of = {}
_run = suite.subprocess.run


def _recording_run(args, **kwargs):
    p = _run(args, **kwargs)
    wasm = next((a for a in args if a.endswith(".wasm")), None)
    if wasm:
        lang = os.path.normpath(wasm).split(os.sep)[-4]  # tests/<lang>/testsuite/wasm32-wasip1/<name>.wasm
        stderr_of[f"{lang}/{os.path.basename(wasm)[:-5]}"] = p.stderr.decode(errors="replace")
    return p


suite.subprocess.run = _recording_run


def wine_gap(test_id, problems):
    return test_id in WINE_GAPS and SYMLINK_NOTSUP in stderr_of.get(test_id, "")


def main():
    root, command = sys.argv[1], sys.argv[2:]
    tests = list(suite.tests(root))
    start = time.time()
    # Wine's start-up is mostly waiting on wineserver and the disk: a few more processes than cores keep both busy
    with ThreadPoolExecutor(max_workers=int(os.environ.get("WASI_SUITE_JOBS", (os.cpu_count() or 2) * 2))) as pool:
        results = list(pool.map(lambda t: (t[0], suite.run(*t, command)), tests))
    gaps = [test_id for test_id, problems in results if problems and wine_gap(test_id, problems)]
    failed = [(test_id, problems) for test_id, problems in results if problems and not wine_gap(test_id, problems)]
    for test_id, problems in failed:
        print(f"FAIL {test_id}: {'; '.join(problems)}")
    for test_id in gaps:
        print(f"skip {test_id}: needs a symlink, which Wine 8 cannot make (CreateSymbolicLinkW is a stub)")
    print(f"wasi-testsuite (wine): {len(results) - len(failed) - len(gaps)} passed, {len(failed)} failed, "
          f"{len(gaps)} skipped as Wine gaps, of {len(results)} ({time.time() - start:.0f} s)")
    sys.exit(0 if not failed and results else 1)


if __name__ == "__main__":
    main()
