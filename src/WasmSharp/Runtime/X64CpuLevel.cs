namespace WasmSharp;

/// <summary>Which x86-64 instruction-set extensions generated code may use.</summary>
public enum X64CpuLevel
{
    /// <summary>Detect: AVX when the CPU has it, else SSE4.2. The WASMSHARP_CPU variable overrides it.</summary>
    Auto,
    /// <summary>SSE4.2 and legacy SSE encodings only.</summary>
    Sse42,
    /// <summary>AVX: VEX-encoded three-operand instructions.</summary>
    Avx,
}

/// <summary>Parsing of <see cref="X64CpuLevel"/> names, shared by the CLI option and WASMSHARP_CPU.</summary>
public static class X64CpuLevels
{
    /// <summary>Parses avx|sse4.2 (null or empty: <see cref="X64CpuLevel.Auto"/>); anything else is an error
    /// naming <paramref name="source"/>, so that a typo is never silently ignored.</summary>
    public static X64CpuLevel Parse(string? text, string source) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => X64CpuLevel.Auto,
        "avx" => X64CpuLevel.Avx,
        "sse4.2" or "sse42" or "sse" => X64CpuLevel.Sse42,
        _ => throw new ArgumentException($"{source}: unknown CPU level '{text}' (expected avx, sse4.2 or auto)"),
    };
}
