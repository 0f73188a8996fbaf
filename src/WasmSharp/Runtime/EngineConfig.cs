namespace WasmSharp;

/// <summary>Which x86-64 instruction set the Singlepass compiler may use.</summary>
public enum CpuFeatureLevel
{
    /// <summary>Detect at start: AVX when the CPU has it, else SSE4.2. The WASMSHARP_CPU variable overrides it.</summary>
    Auto,
    Sse42,
    Avx,
}

/// <summary>Settings an <see cref="Engine"/> holds for everything it compiles and runs.</summary>
public sealed record EngineConfig
{
    public CpuFeatureLevel Cpu { get; init; } = CpuFeatureLevel.Auto;

    /// <summary>Stack a Wasm call may use before it traps with "call stack exhausted".</summary>
    public int MaxWasmStackBytes { get; init; } = 4 << 20; // CIL's frames of huge (MinOpts) functions run to 10+ KB: a 30 MB WASI program needed 2 MiB there; 2x headroom

    /// <summary>Find out-of-bounds memory accesses with guard pages and a signal handler instead of a compare and
    /// branch per access (each memory reserves its 4 GiB range plus 4 GiB of guard). Off: explicit checks.</summary>
    public bool SignalBasedBoundsChecks { get; init; } = true;

    /// <summary>Check at every loop back-edge whether <see cref="Store.Interrupt"/> was called. Off, an interrupt
    /// is still seen at the next function entry, but a loop without calls runs on.</summary>
    public bool InterruptibleLoops { get; init; } = true;

    /// <summary>The CPU level in force: the setting, else WASMSHARP_CPU (avx|sse4.2), else what the CPU has.</summary>
    public CpuFeatureLevel EffectiveCpu()
    {
        if (Cpu != CpuFeatureLevel.Auto) return Cpu;
        switch (Environment.GetEnvironmentVariable("WASMSHARP_CPU")?.Trim().ToLowerInvariant())
        {
            case "avx": return CpuFeatureLevel.Avx;
            case "sse4.2" or "sse42" or "sse": return CpuFeatureLevel.Sse42;
        }
        return System.Runtime.Intrinsics.X86.Avx.IsSupported ? CpuFeatureLevel.Avx : CpuFeatureLevel.Sse42;
    }
}
