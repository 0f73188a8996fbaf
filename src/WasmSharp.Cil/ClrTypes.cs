using System.Reflection.Emit;
using System.Runtime.Intrinsics;

namespace WasmSharp.Cil;

/// <summary>
/// How Wasm values and signatures map to CIL. Pointers (contexts, references, result areas) are native ints.
/// A v128 is a <c>Vector128&lt;byte&gt;</c>. A function takes its <see cref="Runtime.VMContext"/> first, then its
/// parameters; it returns its single result, or, with several results, takes a last pointer to a result area
/// (laid out by <see cref="Runtime.ValueLayout"/>) and returns void.
/// </summary>
internal static class ClrTypes
{
    public static Type Of(ValType t) => t switch
    {
        ValType.I32 => typeof(int),
        ValType.I64 => typeof(long),
        ValType.F32 => typeof(float),
        ValType.F64 => typeof(double),
        ValType.V128 => typeof(Vector128<byte>),
        _ => typeof(nint),
    };

    /// <summary>Loads a value of type <paramref name="t"/> from the address on the stack.</summary>
    public static void EmitLoad(ILGenerator il, ValType t)
    {
        if (t == ValType.V128) il.Emit(OpCodes.Ldobj, typeof(Vector128<byte>));
        else il.Emit(t switch
        {
            ValType.I32 => OpCodes.Ldind_I4,
            ValType.I64 => OpCodes.Ldind_I8,
            ValType.F32 => OpCodes.Ldind_R4,
            ValType.F64 => OpCodes.Ldind_R8,
            _ => OpCodes.Ldind_I,
        });
    }

    /// <summary>Stores a value of type <paramref name="t"/> (on top) to the address below it.</summary>
    public static void EmitStore(ILGenerator il, ValType t)
    {
        if (t == ValType.V128) il.Emit(OpCodes.Stobj, typeof(Vector128<byte>));
        else il.Emit(t switch
        {
            ValType.I32 => OpCodes.Stind_I4,
            ValType.I64 => OpCodes.Stind_I8,
            ValType.F32 => OpCodes.Stind_R4,
            ValType.F64 => OpCodes.Stind_R8,
            _ => OpCodes.Stind_I,
        });
    }

    /// <summary>Offset of result <paramref name="i"/> in a result area (the <see cref="Runtime.ValueLayout"/>).</summary>
    public static int ResultOffset(FuncType t, int i) => Runtime.ValueLayout.Offset(t.Results, i);

    public static bool HasResultArea(FuncType t) => t.Results.Length > 1;

    public static Type Return(FuncType t) => t.Results.Length == 1 ? Of(t.Results[0]) : typeof(void);

    /// <summary>Returns a dummy result (zero): for functions leaving in an unwind.</summary>
    public static void EmitDummyReturn(ILGenerator il, FuncType t)
    {
        if (t.Results.Length == 1) EmitZero(il, t.Results[0]);
        il.Emit(OpCodes.Ret);
    }

    /// <summary>Pushes the zero of <paramref name="t"/> (generated methods do not zero their locals: Wasm's locals
    /// are zeroed explicitly, and RyuJIT drops what is overwritten before use).</summary>
    public static void EmitZero(ILGenerator il, ValType t)
    {
        switch (t)
        {
            case ValType.I32: il.Emit(OpCodes.Ldc_I4_0); break;
            case ValType.I64: il.Emit(OpCodes.Ldc_I4_0); il.Emit(OpCodes.Conv_I8); break;
            case ValType.F32: il.Emit(OpCodes.Ldc_R4, 0f); break;
            case ValType.F64: il.Emit(OpCodes.Ldc_R8, 0d); break;
            case ValType.V128: il.Emit(OpCodes.Call, typeof(Vector128<byte>).GetProperty(nameof(Vector128<byte>.Zero))!.GetMethod!); break;
            default: il.Emit(OpCodes.Ldc_I4_0); il.Emit(OpCodes.Conv_I); break;
        }
    }

    public static Type[] Params(FuncType t)
    {
        var ps = new Type[t.Params.Length + 1 + (HasResultArea(t) ? 1 : 0)];
        ps[0] = typeof(nint);
        for (int i = 0; i < t.Params.Length; i++) ps[i + 1] = Of(t.Params[i]);
        if (HasResultArea(t)) ps[^1] = typeof(nint);
        return ps;
    }
}
