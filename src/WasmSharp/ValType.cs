namespace WasmSharp;

/// <summary>A value type, numbered by its binary encoding.</summary>
public enum ValType : byte
{
    I32 = 0x7F,
    I64 = 0x7E,
    F32 = 0x7D,
    F64 = 0x7C,
    V128 = 0x7B,
    FuncRef = 0x70,
    ExternRef = 0x6F,
}

public static class ValTypeExtensions
{
    public static bool IsNum(this ValType t) => t is ValType.I32 or ValType.I64 or ValType.F32 or ValType.F64;
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
