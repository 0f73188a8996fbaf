#!/usr/bin/env python3
"""Windows sandbox-escape tests for WASI, run under Wine: tests/windows/sandbox/probe.wat (a guest that tries path
operations in its pre-opened directory and prints each errno) against a directory laid out here:

    TMP/outside/secret.txt          must never be read, changed or added to
    TMP/root/foo ("inside")         pre-opened as "/"
    TMP/root/sub/
    TMP/root/unixout -> ../outside  a Unix symlink (Wine shows these as plain directories: its own blind spot)
    TMP/root/linkout, absout, junc  a relative and an absolute Windows symlink and a junction to TMP/outside, made
                                    by the host with "cmd /c mklink" (reported skipped if this Wine cannot make them)

Each case names the errno WASI must give: ENOTCAPABLE (76) for anything that would name a place outside the
directory (.., a drive, a UNC or device path, a "\\", a device name, a stream, a link out), EINVAL (28) for names
Windows cannot hold as written (trailing dot or space). Afterwards TMP/outside must be byte for byte as it was and
TMP must hold nothing new.

    tests/windows/sandbox.py WINE EXE        e.g.  sandbox.py /usr/lib/wine/wine64 out/WasmSharp.Cli.exe

Prints one line per failure and a summary; exits 1 if any case failed.
"""
import os
import shutil
import subprocess
import sys
import tempfile

NOTCAPABLE, INVAL, SUCCESS = 76, 28, 0

# (operation, path, errno, content read on success or None)
CASES = [
    ("open", "foo", SUCCESS, "inside"),
    ("open", "FOO", SUCCESS, "inside"),                 # case-insensitive lookup stays inside
    ("open", "sub/../Foo", SUCCESS, "inside"),
    ("open", "../outside/secret.txt", NOTCAPABLE, None),
    ("open", "sub/../../outside/secret.txt", NOTCAPABLE, None),
    ("open", "..\\outside\\secret.txt", NOTCAPABLE, None),
    ("open", "sub\\..\\..\\outside\\secret.txt", NOTCAPABLE, None),
    ("open", "/outside/secret.txt", NOTCAPABLE, None),
    ("open", "C:\\windows\\win.ini", NOTCAPABLE, None),
    ("open", "C:/windows/win.ini", NOTCAPABLE, None),
    ("open", "c:win.ini", NOTCAPABLE, None),
    ("open", "Z:", NOTCAPABLE, None),
    ("open", "\\\\?\\C:\\windows\\win.ini", NOTCAPABLE, None),
    ("open", "\\\\.\\C:", NOTCAPABLE, None),
    ("open", "\\\\localhost\\c$\\windows\\win.ini", NOTCAPABLE, None),
    ("open", "//?/C:/windows/win.ini", NOTCAPABLE, None),
    ("open", "CON", NOTCAPABLE, None),
    ("open", "con", NOTCAPABLE, None),
    ("open", "NUL", NOTCAPABLE, None),
    ("create", "nul.txt", NOTCAPABLE, None),
    ("create", "sub/aux.c", NOTCAPABLE, None),
    ("create", "COM1", NOTCAPABLE, None),
    ("create", "lpt1.log", NOTCAPABLE, None),
    ("create", "PRN .txt", NOTCAPABLE, None),
    ("create", "conout$", NOTCAPABLE, None),
    ("mkdir", "CON", NOTCAPABLE, None),
    ("create", "a:stream", NOTCAPABLE, None),
    ("open", "foo:stream", NOTCAPABLE, None),
    ("open", "foo::$DATA", NOTCAPABLE, None),
    ("create", "trail.", INVAL, None),
    ("create", "trail ", INVAL, None),
    ("open", "foo.", INVAL, None),                      # Win32 would strip the dot and open foo
    ("open", "foo ", INVAL, None),
    ("mkdir", "../escaped", NOTCAPABLE, None),
    ("create", "../escaped.txt", NOTCAPABLE, None),
    ("unlink", "../outside/secret.txt", NOTCAPABLE, None),
    ("rmdir", "../outside", NOTCAPABLE, None),
    ("rename", "foo=../outside/moved", NOTCAPABLE, None),
    ("rename", "../outside/secret.txt=stolen", NOTCAPABLE, None),
    ("symlink", "C:/windows=winlink", NOTCAPABLE, None),
    ("symlink", "/outside=abslink", NOTCAPABLE, None),
    ("symlink", "..\\outside=bslink", NOTCAPABLE, None),
    ("stat", "../outside", NOTCAPABLE, None),
    ("stat", "sub", SUCCESS, None),
    ("stat", "SUB/../FOO", SUCCESS, None),
]

# cases through a link the host made to TMP/outside: every operation must refuse to act there
THROUGH_LINK = [
    ("open", "{}/secret.txt"), ("stat", "{}/secret.txt"), ("create", "{}/new.txt"), ("mkdir", "{}/newdir"),
    ("unlink", "{}/secret.txt"), ("rename", "foo={}/moved"), ("rename", "{}/secret.txt=stolen"),
]


def snapshot(path):
    state = {}
    for dirpath, dirnames, filenames in os.walk(path):
        for n in dirnames + filenames:
            p = os.path.join(dirpath, n)
            state[os.path.relpath(p, path)] = open(p, "rb").read() if os.path.isfile(p) else None
    return state


def main():
    wine, exe = sys.argv[1], sys.argv[2]
    probe = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sandbox", "probe.wat")
    tmp = tempfile.mkdtemp(prefix="wasi-sandbox-")
    failures, skipped, cases = [], [], list(CASES)
    try:
        root, outside = os.path.join(tmp, "root"), os.path.join(tmp, "outside")
        os.makedirs(os.path.join(root, "sub"))
        os.makedirs(outside)
        open(os.path.join(outside, "secret.txt"), "w").write("secret")
        open(os.path.join(root, "foo"), "w").write("inside")
        os.symlink("../outside", os.path.join(root, "unixout"))
        links = ["unixout", "UNIXOUT"]
        env = dict(os.environ)
        win_outside = "Z:" + outside.replace("/", "\\")
        for name, args in [("linkout", ["/d", "root\\linkout", "..\\outside"]),
                           ("absout", ["/d", "root\\absout", win_outside]),
                           ("junc", ["/j", "root\\junc", win_outside])]:
            rc, text = mklink(tmp, wine, env, args)
            if rc == 0 and os.path.lexists(os.path.join(root, name)):
                links.append(name)
            else:
                skipped.append(f"{name}: the host cannot make it under this Wine (mklink {' '.join(args)}: exit {rc}, {text!r})")
        for link in links:
            cases += [(op, path.format(link), NOTCAPABLE, None) for op, path in THROUGH_LINK]
        before_outside, before_tmp = snapshot(outside), sorted(os.listdir(tmp))

        args = [wine, exe, "run", "--mapdir", f"/::{root}", probe]
        for op, path, _, _ in cases:
            args += [op, path]
        p = subprocess.run(args, capture_output=True, timeout=600)
        lines = p.stdout.decode(errors="replace").replace("\r", "").splitlines()
        if p.returncode != 0 or len(lines) != len(cases):
            failures.append(f"probe exit {p.returncode}, {len(lines)} lines for {len(cases)} cases; "
                            f"stderr {p.stderr.decode(errors='replace')[-600:]!r}")
        for (op, path, errno, content), line in zip(cases, lines):
            head, _, got_content = line.partition("|")
            want = f"{errno} {op} {path}"
            if head != want or (content is not None and got_content != content):
                failures.append(f"{op} {path!r}: got {line!r}, want errno {errno}" + (f" reading {content!r}" if content else ""))
        if snapshot(outside) != before_outside:
            failures.append(f"TMP/outside changed: {snapshot(outside)} (was {before_outside})")
        if sorted(os.listdir(tmp)) != before_tmp:
            failures.append(f"TMP holds new entries: {sorted(os.listdir(tmp))} (was {before_tmp})")
        unexpected = sorted(set(os.listdir(root)) - {"foo", "sub"} - set(links) - {"linkout", "absout", "junc"})
        if unexpected:
            failures.append(f"the guest made {unexpected} in its directory, which every case should have refused")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for f in failures:
        print(f"FAIL {f}")
    for s in skipped:
        print(f"skip {s}")
    print(f"windows sandbox: {len(cases) - len(failures)} of {len(cases)} cases passed, {len(skipped)} link kinds skipped")
    sys.exit(1 if failures else 0)


def mklink(cwd, wine, env, args):
    """Runs Windows' mklink in TMP: the host making a link as a Windows user would."""
    p = subprocess.run([wine, "cmd", "/c", "mklink"] + args, cwd=cwd, env=env, capture_output=True, timeout=120)
    return p.returncode, (p.stdout + p.stderr).decode(errors="replace").strip().replace("\r", "")


if __name__ == "__main__":
    main()
