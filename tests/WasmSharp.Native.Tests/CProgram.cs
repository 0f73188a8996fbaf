namespace WasmSharp.Native.Tests;

/// <summary>One of the C test programs in c/ (or "embed", the README's example in src/WasmSharp.Native/examples/):
/// compiled with gcc against include/ and libwasmsharp.so.</summary>
internal static class CProgram
{
    private static readonly object Gate = new();

    public static string Source(string name) => name == "embed"
        ? Path.Combine(NativeLibrary.RepoRoot, "src", "WasmSharp.Native", "examples", "embed.c")
        : Path.Combine(AppContext.BaseDirectory, "c", name + ".c");

    /// <summary>The executable (compiled once per run, with warnings as errors).</summary>
    public static string Build(string name)
    {
        lock (Gate)
        {
            var exe = Path.Combine(NativeLibrary.TempRoot, name);
            if (File.Exists(exe)) return exe;
            var result = ProcessRun.Run("gcc", [
                "-std=c11", "-D_DEFAULT_SOURCE", "-Wall", "-Wextra", "-Werror", "-g", "-I", NativeLibrary.Include,
                "-I", Path.Combine(AppContext.BaseDirectory, "c"),
                "-o", exe, Source(name), "-L", NativeLibrary.Directory, "-l:libwasmsharp.so",
                "-Wl,-rpath," + NativeLibrary.Directory, "-lpthread"], TimeSpan.FromMinutes(2));
            Assert.True(result.ExitCode == 0, $"gcc failed for {name}.c:\n{result}");
            return exe;
        }
    }

    /// <summary>The program's arguments: the WASI test writes the guest's stdout to a file; under valgrind the memory
    /// test uses explicit bounds checks (the guard-page fault behind its out-of-bounds trap is an invalid read to
    /// memcheck, correctly so).</summary>
    public static string[] Args(string name, bool underValgrind) => name switch
    {
        "wasi" => [Path.Combine(NativeLibrary.TempRoot, underValgrind ? "wasi-stdout-vg.txt" : "wasi-stdout.txt")],
        "memory" when underValgrind => ["explicit-bounds"],
        _ => [],
    };
}
