namespace WasmSharp;

/// <summary>A value type, numbered by its binary encoding.</summary>
public enum ValType : byte
{
    /// <summary>32-bit integer.</summary>
    I32 = 0x7F,
    /// <summary>64-bit integer.</summary>
    I64 = 0x7E,
    /// <summary>32-bit float.</summary>
    F32 = 0x7D,
    /// <summary>64-bit float.</summary>
    F64 = 0x7C,
    /// <summary>128-bit vector.</summary>
    V128 = 0x7B,
    /// <summary>Function reference.</summary>
    FuncRef = 0x70,
    /// <summary>External (host) reference.</summary>
    ExternRef = 0x6F,
}

/// <summary>Helpers for <see cref="ValType"/>.</summary>
public static class ValTypeExtensions
{
    /// <summary>i32, i64, f32 or f64.</summary>
    public static bool IsNum(this ValType t) => t is ValType.I32 or ValType.I64 or ValType.F32 or ValType.F64;
    /// <summary>funcref or externref.</summary>
    public static bool IsRef(this ValType t) => t is ValType.FuncRef or ValType.ExternRef;

    /// <summary>The text-format name: i32, funcref, ...</summary>
    public static string Name(this ValType t) => t switch
    {
        ValType.I32 => "i32",
        ValType.I64 => "i64",
        ValType.F32 => "f32",
        ValType.F64 => "f64",
        ValType.V128 => "v128",
        ValType.FuncRef => "funcref",
        ValType.ExternRef => "externref",
        _ => $"<type 0x{(byte)t:x2}>",
    };
}
