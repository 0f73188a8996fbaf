using System.Runtime.CompilerServices;

// Emscripten's __syscall_* file calls open, stat and list through this guest's own descriptor table and path
// resolver, so --dir/--mapdir mean the same for both ABIs and nothing escapes a mapped directory.
[assembly: InternalsVisibleTo("WasmSharp.Emscripten")]
