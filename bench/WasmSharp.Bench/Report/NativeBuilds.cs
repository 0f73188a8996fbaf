namespace WasmSharp.Bench.Report;

/// <summary>Native builds of the bench programs: clang -O2 NAME.c -lm, into bench/.scratch/native.</summary>
internal sealed class NativeBuilds(BenchContext ctx)
{
    private readonly string _dir = Path.Combine(ctx.Scratch, "native");

    public string PathFor(string wasm) => Path.Combine(_dir, Path.GetFileNameWithoutExtension(wasm));

    /// <summary>examples/hello.c built natively, for the start-up table.</summary>
    public string HelloPath => PathFor("hello.wasm");

    public void Build(IEnumerable<(string Source, string Wasm, string[] Flags)> programs)
    {
        Directory.CreateDirectory(_dir);
        foreach (var (source, wasm, flags) in programs)
        {
            var result = ProcessRunner.Run("clang", ["-O2", .. flags, "-o", PathFor(wasm), source, "-lm"]);
            if (result.ExitCode != 0) throw new InvalidOperationException($"clang {source}: {result.Stderr}");
        }
    }
}
