// Runs a WASI (preview1) command under node's built-in WASI: node [V8 flags] wasi-run.mjs FILE.wasm ARGS...
// argv[0] is the file's base name, like the other runtimes; the exit code is the program's.
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [basename(file), ...args], env: {}, returnOnExit: true });
const bytes = readFileSync(file);
const start = performance.now();
const module = new WebAssembly.Module(bytes);
const compiled = performance.now();
const instance = new WebAssembly.Instance(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
// WASMSHARP_TIMINGS=1 (the report sets it): the phases, as `wasmsharp run --timings` prints them. In the default and
// Liftoff tiering V8 compiles each function lazily, on its first call: inside "run".
if (process.env.WASMSHARP_TIMINGS === '1')
  process.stderr.write(`node timings: compile ${(compiled - start).toFixed(2)} ms, run ${(performance.now() - compiled).toFixed(2)} ms\n`);
