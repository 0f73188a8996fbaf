using System.Runtime.Intrinsics.X86;

namespace WasmSharp.Singlepass.X64;

/// <summary>What the x86-64 CPU this process runs on offers, asked of the CPU itself.</summary>
internal static class HostCpu
{
    /// <summary>Whether generated code may use AVX. Not <see cref="Avx.IsSupported"/>: under NativeAOT that says what
    /// the runtime itself was compiled for (a baseline without AVX), not what the CPU has. CPUID leaf 1: ECX bit 28
    /// (AVX) and bit 27 (OSXSAVE: the OS saves the extended registers, which Linux does whenever it enables AVX).</summary>
    public static bool HasAvx { get; } = Detect();

    private static bool Detect()
    {
        if (!X86Base.IsSupported) return false;
        int ecx = X86Base.CpuId(1, 0).Ecx;
        const int osxsave = 1 << 27, avx = 1 << 28;
        return (ecx & (osxsave | avx)) == (osxsave | avx);
    }
}
