namespace WasmSharp.Cli.Tests;

/// <summary>A fact that needs a CPU with AVX (the default code path), to tell it from the SSE4.2 one: skipped
/// elsewhere, and says so.</summary>
public sealed class AvxFactAttribute : FactAttribute
{
    public AvxFactAttribute()
    {
        if (!System.Runtime.Intrinsics.X86.Avx.IsSupported) Skip = "needs an x86-64 CPU with AVX";
    }
}
