using System.Runtime.CompilerServices;

// tests/arm64/Arm64Host runs assembler output on arm64 through the runtime's own ExecutableMemory (mmap, mprotect,
// __clear_cache) rather than a copy of it.
[assembly: InternalsVisibleTo("Arm64Host")]
