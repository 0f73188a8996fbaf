// Compile time of one module in V8: node [V8 flags] compile.mjs FILE.wasm RUNS.
// Synchronous compiles on the main thread; prints one line per run: milliseconds.
import { readFileSync } from 'node:fs';

const [file, runs] = process.argv.slice(2);
const bytes = readFileSync(file);
for (let i = 0; i < Number(runs); i++) {
  const start = process.hrtime.bigint();
  new WebAssembly.Module(bytes);
  console.log(Number(process.hrtime.bigint() - start) / 1e6);
}
