#!/usr/bin/env python3
"""Runs ../shared/wasi-testsuite (wasm32-wasip1) through a wasmsharp command line, as the suite's own runner does.

    tests/arm64/wasi-suite.py SUITE_DIR COMMAND...   e.g.  wasi-suite.py ../shared/wasi-testsuite qemu-aarch64 out/WasmSharp.Cli

Each test's json (beside its .wasm) gives args, env, the root directory (pre-opened as "/": a private copy with every
*.cleanup entry removed, since the shared data is read-only), the expected exit code (default 0) and stdout.
Runs one test per core at a time. Prints one line per failure and a summary; exits 1 if any test failed or none was found.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor


def tests(root):
    base = os.path.join(root, "tests")
    for lang in sorted(os.listdir(base)):
        d = os.path.join(base, lang, "testsuite", "wasm32-wasip1")
        for f in sorted(os.listdir(d)):
            if f.endswith(".wasm"):
                yield f"{lang}/{f[:-5]}", d, f[:-5]


def scratch_copy(source):
    target = tempfile.mkdtemp(prefix="wasi-suite-")
    shutil.rmtree(target)
    shutil.copytree(source, target, symlinks=True)
    for dirpath, dirnames, filenames in os.walk(target, topdown=True):
        for name in dirnames + filenames:
            if name.endswith(".cleanup"):
                path = os.path.join(dirpath, name)
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path)
                else:
                    os.remove(path)
        dirnames[:] = [n for n in dirnames if not n.endswith(".cleanup")]
    return target


def run(test_id, d, name, command):
    spec_path = os.path.join(d, name + ".json")
    spec = json.load(open(spec_path)) if os.path.exists(spec_path) else {}
    root = scratch_copy(os.path.join(d, spec["root"])) if isinstance(spec.get("root"), str) else None
    try:
        args = list(command) + ["run"]
        for key, value in spec.get("env", {}).items():
            args += ["--env", f"{key}={value}"]
        if root:
            args += ["--mapdir", f"/::{root}"]
        args += [os.path.join(d, name + ".wasm")] + spec.get("args", [])
        p = subprocess.run(args, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
        problems = []
        if p.returncode != spec.get("exit_code", 0):
            problems.append(f"exit {p.returncode}, expected {spec.get('exit_code', 0)}")
        if "stdout" in spec and p.stdout.decode(errors="replace") != spec["stdout"]:
            problems.append(f"stdout {p.stdout[:200]!r}, expected {spec['stdout'][:200]!r}")
        if problems:
            problems.append(f"stderr {p.stderr.decode(errors='replace')[-400:]!r}")
        return problems
    finally:
        if root:
            shutil.rmtree(root, ignore_errors=True)


def main():
    root, command = sys.argv[1], sys.argv[2:]
    passed, failed = 0, 0
    # one emulated process per core: the tests are independent (each has its own copy of its root)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda t: (t[0], run(*t, command)), tests(root)))
    for test_id, problems in results:
        if problems:
            failed += 1
            print(f"FAIL {test_id}: {'; '.join(problems)}")
        else:
            passed += 1
    print(f"wasi-testsuite: {passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 and passed > 0 else 1)


if __name__ == "__main__":
    main()
