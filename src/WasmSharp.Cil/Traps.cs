using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace WasmSharp.Cil;

/// <summary>How generated code raises traps: a <see cref="TrapException"/> that the entry path turns into a status.</summary>
[EditorBrowsable(EditorBrowsableState.Never)] // public for generated code only
public static class Traps
{
    /// <summary>Kept out of line so that the callers' fast paths stay small and inlinable.</summary>
    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(TrapKind kind) => throw new TrapException(kind);

    /// <summary>For IL <c>throw</c>: the JIT then knows the block ends.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Exception Create(int kind) => new TrapException((TrapKind)kind);

    /// <summary>A libcall's status: 0 or a trap code.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int status)
    {
        if (status != 0) Throw((TrapKind)status);
    }
}
