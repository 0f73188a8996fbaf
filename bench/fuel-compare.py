#!/usr/bin/env python3
# Metering overhead of two Singlepass builds side by side (e.g. before and after a change to the charge sequence):
# every ../shared/bench program with its default argument, plain and with an ample fuel budget, on both CLIs, the
# four columns taking turns within each round; medians of the whole process's CPU time (user + system, GNU time).
# Prints the markdown table of bench/results/fuel-overhead.md.
#
#   bench/fuel-compare.py BEFORE_CLI AFTER_CLI [RUNS]     (NativeAOT wasmsharp builds; RUNS defaults to 3)
import subprocess, re, statistics, math, sys, os, tempfile
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
clis = {"base": sys.argv[1], "new": sys.argv[2]}
shared = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench")
progs = []
for line in open(os.path.join(shared, "README.md")):
    cells = [c.strip() for c in line.split("|")]
    if len(cells) > 6 and cells[1].endswith(".wasm"):
        progs.append((cells[1], cells[3], cells[4].strip("`")))
FUEL = "4611686018427387904"
cols = [("base", False), ("base", True), ("new", False), ("new", True)]
def run(cli, fuel, wasm, arg, expected):
    fd, tf = tempfile.mkstemp()
    os.close(fd)
    cmd = ["/usr/bin/time", "-f", "%U %S", "-o", tf, clis[cli], "run", "--disable-cache", "--compiler", "singlepass", "--cpu", "avx"]
    if fuel: cmd += ["--fuel", FUEL]
    cmd += [os.path.join(shared, wasm), arg]
    p = subprocess.run(cmd, capture_output=True, text=True)
    u, s = open(tf).read().strip().split("\n")[-1].split()
    os.remove(tf)
    if p.returncode != 0 or p.stdout.strip() != expected:
        print("FAILED", cli, fuel, wasm, p.returncode, p.stdout[:100], p.stderr[:200]); return None
    return float(u) + float(s)
print("load average at start", open("/proc/loadavg").read().split()[0])
print("| program | Singlepass before | + fuel | overhead | Singlepass after | + fuel | overhead |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
rb, ra = [], []
for wasm, arg, expected in progs:
    t = [[] for _ in cols]
    for r in range(runs):
        for i, (cli, fuel) in enumerate(cols):
            v = run(cli, fuel, wasm, arg, expected)
            if v is not None: t[i].append(v)
    m = [statistics.median(x) for x in t]
    rb.append(m[1] / m[0]); ra.append(m[3] / m[2])
    pct = lambda x: f"{(x - 1) * 100:+.1f}%"
    print(f"| {wasm[:-5]} | {m[0]:.3f} s | {m[1]:.3f} s | {pct(m[1]/m[0])} | {m[2]:.3f} s | {m[3]:.3f} s | {pct(m[3]/m[2])} |", flush=True)
g = lambda xs: math.exp(sum(map(math.log, xs)) / len(xs))
print(f"| **geometric mean** | | | **{(g(rb)-1)*100:+.1f}%** | | | **{(g(ra)-1)*100:+.1f}%** |")
print("load average at end", open("/proc/loadavg").read().split()[0])
