using Xunit;

namespace WasmSharp.Singlepass.Tests;

// Tests that run generated x86-64 code need a host that can run it; where it cannot, they report themselves skipped
// (xunit 2 decides skipping when the attribute is built) instead of passing without checking anything.

/// <summary>A fact that runs x86-64 code: skipped unless this is x86-64 Linux.</summary>
public sealed class X64FactAttribute : FactAttribute
{
    public X64FactAttribute()
    {
        if (!ExecutableMemory.IsSupported) Skip = "runs x86-64 code: needs an x86-64 Linux host";
    }
}

/// <summary>A theory that runs x86-64 code: skipped unless this is x86-64 Linux.</summary>
public sealed class X64TheoryAttribute : TheoryAttribute
{
    public X64TheoryAttribute()
    {
        if (!ExecutableMemory.IsSupported) Skip = "runs x86-64 code: needs an x86-64 Linux host";
    }
}

/// <summary>A theory that runs AVX code: skipped unless this is x86-64 Linux with a CPU that has AVX.</summary>
public sealed class AvxTheoryAttribute : TheoryAttribute
{
    public AvxTheoryAttribute()
    {
        if (!ExecutableMemory.IsSupported || !System.Runtime.Intrinsics.X86.Avx.IsSupported) Skip = "runs AVX code: needs an x86-64 Linux host whose CPU has AVX";
    }
}

/// <summary>A fact that runs AVX code: skipped unless this is x86-64 Linux with a CPU that has AVX.</summary>
public sealed class AvxFactAttribute : FactAttribute
{
    public AvxFactAttribute()
    {
        if (!ExecutableMemory.IsSupported || !System.Runtime.Intrinsics.X86.Avx.IsSupported) Skip = "runs AVX code: needs an x86-64 Linux host whose CPU has AVX";
    }
}
