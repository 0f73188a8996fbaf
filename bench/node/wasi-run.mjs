// Runs a WASI (preview1) command under node's built-in WASI: node [V8 flags] wasi-run.mjs FILE.wasm ARGS...
// argv[0] is the file's base name, like the other runtimes; the exit code is the program's.
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [file, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [basename(file), ...args], env: {}, returnOnExit: true });
const module = new WebAssembly.Module(readFileSync(file));
const instance = new WebAssembly.Instance(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
