using System.Reflection.Emit;

namespace WasmSharp.Cil;

/// <summary>
/// How Wasm values and signatures map to CIL. Pointers (contexts, references, result areas) are native ints.
/// A function takes its <see cref="Runtime.VMContext"/> first, then its parameters; it returns its single result,
/// or, with several results, takes a last pointer to a result area (8 bytes per value) and returns void.
/// </summary>
internal static class ClrTypes
{
    public static Type Of(ValType t) => t switch
    {
        ValType.I32 => typeof(int),
        ValType.I64 => typeof(long),
        ValType.F32 => typeof(float),
        ValType.F64 => typeof(double),
        ValType.FuncRef or ValType.ExternRef => typeof(nint),
        _ => throw Simd("v128 value"),
    };

    public static OpCode Ldind(ValType t) => t switch
    {
        ValType.I32 => OpCodes.Ldind_I4,
        ValType.I64 => OpCodes.Ldind_I8,
        ValType.F32 => OpCodes.Ldind_R4,
        ValType.F64 => OpCodes.Ldind_R8,
        ValType.FuncRef or ValType.ExternRef => OpCodes.Ldind_I,
        _ => throw Simd("v128 value"),
    };

    public static OpCode Stind(ValType t) => t switch
    {
        ValType.I32 => OpCodes.Stind_I4,
        ValType.I64 => OpCodes.Stind_I8,
        ValType.F32 => OpCodes.Stind_R4,
        ValType.F64 => OpCodes.Stind_R8,
        ValType.FuncRef or ValType.ExternRef => OpCodes.Stind_I,
        _ => throw Simd("v128 value"),
    };

    public static bool HasResultArea(FuncType t) => t.Results.Length > 1;

    public static Type Return(FuncType t) => t.Results.Length == 1 ? Of(t.Results[0]) : typeof(void);

    public static Type[] Params(FuncType t)
    {
        var ps = new Type[t.Params.Length + 1 + (HasResultArea(t) ? 1 : 0)];
        ps[0] = typeof(nint);
        for (int i = 0; i < t.Params.Length; i++) ps[i + 1] = Of(t.Params[i]);
        if (HasResultArea(t)) ps[^1] = typeof(nint);
        return ps;
    }

    public static UnsupportedFeatureException Simd(string detail) => new("simd", detail);
}
